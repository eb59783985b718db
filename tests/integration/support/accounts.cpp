#include "tests/integration/support/accounts.hpp"

#include "tests/integration/support/child_process.hpp"
#include "tests/integration/support/http_client.hpp"
#include "tests/integration/support/server_process.hpp"
#include "tests/integration/support/test_database.hpp"

#include <catch2/catch.hpp>

namespace casecircle::testing {

void create_user(const std::string& database_url, const std::string& username,
                 const std::string& team, const std::string& role) {
    const auto result = run_command(
        {"/bin/sh", "-c",
         "printf '%s\\n' \"$0\" | \"$1\" admin create-user \"$2\" --team \"$3\" --role \"$4\" "
         "--database-url \"$5\" --owner-database-url \"$6\"",
         test_password, server_binary(), username, team, role, as_role(database_url, server_role),
         as_role(database_url, owner_role)});
    INFO(result.output);
    REQUIRE(result.status == 0);
}

std::int64_t logged_in::team(const std::string& name) const {
    for (const auto& t : me["teams"])
        if (t["name"] == name) return t["team_id"].get<std::int64_t>();
    FAIL("not in team " << name);
    return 0;
}

logged_in log_in(std::uint16_t port, const std::string& username, const std::string& password) {
    const auto reply =
        http_request(port, "POST", "/api/login",
                     nlohmann::json{{"username", username}, {"password", password}}.dump());
    INFO(reply.body);
    REQUIRE(reply.status == 200);
    const auto set_cookie = reply.header("Set-Cookie");
    logged_in out;
    out.cookie = set_cookie.substr(0, set_cookie.find(';'));
    out.me = nlohmann::json::parse(reply.body);
    out.csrf = out.me["csrf_token"];
    return out;
}

} // namespace casecircle::testing
