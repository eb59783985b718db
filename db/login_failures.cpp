#include "db/login_failures.hpp"

#include <pqxx/pqxx>

namespace casecircle::db {

namespace {
long long seconds(std::chrono::seconds s) {
    return static_cast<long long>(s.count());
}
} // namespace

login_failure_counts recent_login_failures(pqxx::connection_base& conn, const std::string& username,
                                           const std::string& address,
                                           std::chrono::seconds window) {
    pqxx::nontransaction tx(conn);
    const auto row = tx.exec_params1(
        "SELECT count(*) FILTER (WHERE kind = 'account' AND key = $1), "
        "count(*) FILTER (WHERE kind = 'address' AND key = $2) FROM login_failures "
        "WHERE ((kind = 'account' AND key = $1) OR (kind = 'address' AND key = $2)) "
        "AND at > now() - $3 * interval '1 second'",
        username, address, seconds(window));
    return {row[0].as<int>(), row[1].as<int>()};
}

void record_login_failure(pqxx::connection_base& conn, const std::string& username,
                          const std::string& address, std::chrono::seconds window) {
    pqxx::work tx(conn);
    tx.exec_params("DELETE FROM login_failures WHERE at <= now() - $1 * interval '1 second'",
                   seconds(window));
    tx.exec_params("INSERT INTO login_failures (kind, key) VALUES ('account', $1), "
                   "('address', $2)",
                   username, address);
    tx.commit();
}

void forget_login_failures(pqxx::connection_base& conn, const std::string& username) {
    pqxx::nontransaction tx(conn);
    tx.exec_params("DELETE FROM login_failures WHERE kind = 'account' AND key = $1", username);
}

} // namespace casecircle::db
