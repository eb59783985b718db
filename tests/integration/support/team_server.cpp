#include "tests/integration/support/team_server.hpp"

#include <pqxx/pqxx>

namespace casecircle::testing {

team_server::team_server(const std::vector<account_spec>& accounts,
                         std::vector<std::string> flags) {
    for (const auto& a : accounts)
        create_user(db.url(), a.username, a.team, a.role);
    flags.insert(flags.begin(), {"--open-rooms", "no"}); // a later flag wins
    server = std::make_unique<server_process>(db.url(), std::move(flags));
    for (const auto& a : accounts)
        people[a.username] = log_in(port(), a.username);
}

void team_server::sql(const std::string& statement) {
    pqxx::connection conn(db.url());
    pqxx::work tx(conn);
    // Test time travel: as the superuser, past the triggers that lock closed sessions.
    tx.exec0("SET LOCAL session_replication_role = replica");
    tx.exec0(statement);
    tx.commit();
}

long long team_server::count(const std::string& query) {
    pqxx::connection conn(db.url());
    pqxx::nontransaction tx(conn);
    return tx.exec1(query)[0].as<long long>();
}

} // namespace casecircle::testing
