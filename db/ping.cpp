#include "db/ping.hpp"

#include <pqxx/pqxx>

namespace casecircle::db {

bool ping(pqxx::connection_base* conn) {
    if (!conn) return false;
    try {
        pqxx::nontransaction tx(*conn);
        tx.exec1("SELECT 1");
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

} // namespace casecircle::db
