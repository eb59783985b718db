#pragma once

#include "server/login_gate.hpp"

#include "db/accounts.hpp"
#include "server/api.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Shared by the API's handler files; not for the rest of the server.
namespace casecircle::server {

// One API call on a storage thread: the request, its parsed body, the logged-in account.
struct api_call {
    pqxx::connection_base& conn;
    const api_request& req;
    nlohmann::json body;
    std::optional<db::account> account;
    std::string actor;               // the user name for the audit trail, "anonymous" before login
    login_gate* passwords = nullptr; // every password hashed or checked waits for its turn here

    // Parses the body, finds the account behind the cookie and refuses cross-site writes.
    std::optional<api_response> prepare();
    void audit(std::optional<std::int64_t> team_id, std::string action, std::string target,
               nlohmann::json detail = nlohmann::json::object());
};

api_response api_error(unsigned status, std::string_view code);
api_response json_response(const nlohmann::json& body, unsigned status = 200);

// The archive's routes (/api/teams/{id}/archive…, /api/minutes/{room}…); nothing when the path is
// not one of them.
std::optional<api_response> archive_route(api_call& call, const std::vector<std::string>& parts);

} // namespace casecircle::server
