#pragma once

#include "tests/integration/support/accounts.hpp"
#include "tests/integration/support/server_process.hpp"
#include "tests/integration/support/test_database.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace casecircle::testing {

struct account_spec {
    std::string username;
    std::string team;
    std::string role;
};

// A real server over a fresh database whose accounts are made through the operator's command
// line, each logged in over HTTP. Open rooms are off unless `flags` turn them on.
class team_server {
  public:
    explicit team_server(const std::vector<account_spec>& accounts,
                         std::vector<std::string> flags = {});

    test_database db;
    std::unique_ptr<server_process> server;
    std::map<std::string, logged_in> people;

    std::uint16_t port() const { return server->port(); }
    logged_in* who(const std::string& username) { return &people.at(username); }
    // The team's id, as the user's login answer names it.
    std::int64_t team_of(const std::string& username, const std::string& team) const {
        return people.at(username).team(team);
    }
    // As the superuser and past the lock triggers: planting and backdating rows (time travel).
    void sql(const std::string& statement);
    long long count(const std::string& query);
};

} // namespace casecircle::testing
