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
        // A connection that cannot answer SELECT 1 is of no use: closed, the storage pool sees
        // it broken and every other thread drops its own (maybe just as stale) connection before
        // its next job, instead of a later request meeting it after PostgreSQL is back.
        conn->disconnect();
        return false;
    }
}

} // namespace casecircle::db
