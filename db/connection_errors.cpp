#include "db/connection_errors.hpp"

#include <pqxx/pqxx>

namespace casecircle::db {

bool connection_lost(const std::exception& e) {
    return dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr;
}

} // namespace casecircle::db
