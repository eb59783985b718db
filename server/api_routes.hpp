#pragma once

#include "server/login_gate.hpp"

#include "db/accounts.hpp"
#include "db/archive_queries.hpp"
#include "db/audit.hpp"
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
    login_throttle* throttle = nullptr;
    const api_settings* settings = nullptr;
    access_probes* probes = nullptr;

    // Parses the body, finds the account behind the cookie and refuses cross-site writes.
    std::optional<api_response> prepare();
    void audit(std::optional<std::int64_t> team_id, std::string action, std::string target,
               nlohmann::json detail = nlohmann::json::object());
    // An entry for a change that writes its own trace in its own transaction.
    db::audit_entry audit_entry(std::optional<std::int64_t> team_id, std::string action,
                                std::string target,
                                nlohmann::json detail = nlohmann::json::object()) const;
    // The answer to a call for an id the caller may not see (another team's, or none): counted
    // every time, audited under the caller's teams once per caller and window (access_probes).
    api_response probed(const std::string& target);
    // Closes the person's open session connections (api_settings::revoke_live_access), if wired.
    void revoke_live_access(std::int64_t user_id) const;
    std::string text_field(const char* name) const;
    std::string query_value(const char* key) const;
};

api_response api_error(unsigned status, std::string_view code);
// 400 invalid_field naming the input and saying in words what it must be.
api_response field_error(std::string_view field, std::string_view de, std::string_view en);
api_response json_response(const nlohmann::json& body, unsigned status = 200);

// An attachment to download under `name`.
api_response download(std::string body, std::string content_type, std::string name);
// The archive's deficit analysis and prognoses next to outcomes, as the API shows them.
nlohmann::json deficits_json(const db::deficit_report& report);
nlohmann::json outcomes_json(const std::vector<db::prognosis_outcome>& rows);

// Whether parts[from…] spell `pattern` ("circle-dates/*/cancel"); the ids standing for "*" go
// to `ids`, in order.
bool path_matches(std::string_view pattern, const std::vector<std::string>& parts, std::size_t from,
                  std::vector<std::int64_t>& ids);

// A group of routes: an answer when the path is one of them, nothing otherwise. `parts` are the
// path's segments ("api", …).
using api_route = std::optional<api_response> (*)(api_call& call,
                                                  const std::vector<std::string>& parts);

// Without a login: POST /api/login (api_account.cpp), GET /api/guest-invitations/{invitation}
// (api_guests.cpp), GET /api/invitations/{code} (api_entry.cpp), GET /api/calendar/{secret}
// (api_calendar.cpp: the link is the credential).
std::optional<api_response> login_route(api_call& call, const std::vector<std::string>& parts);
std::optional<api_response> guest_link_route(api_call& call, const std::vector<std::string>& parts);
std::optional<api_response> invitation_route(api_call& call, const std::vector<std::string>& parts);
std::optional<api_response> calendar_feed_route(api_call& call,
                                                const std::vector<std::string>& parts);

// After a password reset only /api/me, the password change and logout answer.
std::optional<api_response> password_change_gate(const api_call& call,
                                                 const std::vector<std::string>& parts);

// Logged in: /api/me, /api/me/password, /api/logout (api_account.cpp); the team's
// administration, audit trail and statistics (api_team.cpp); the archive (/api/teams/{id}/archive…,
// /api/minutes/{room}…, api_archive.cpp); guest links for a session (api_guests.cpp).
std::optional<api_response> account_route(api_call& call, const std::vector<std::string>& parts);
std::optional<api_response> team_route(api_call& call, const std::vector<std::string>& parts);
std::optional<api_response> archive_route(api_call& call, const std::vector<std::string>& parts);
std::optional<api_response> room_route(api_call& call, const std::vector<std::string>& parts);
// The circle's cycle: series, dates, agendas, registered cases, the overview and the service
// report under /api/teams/{id}/… (api_cycle_routes.cpp); the person's calendar link under
// /api/me/calendar-feed (api_calendar.cpp).
std::optional<api_response> cycle_route(api_call& call, const std::vector<std::string>& parts);
std::optional<api_response> calendar_link_route(api_call& call,
                                                const std::vector<std::string>& parts);
// The formats a team can run, shipped and its own, under /api/teams/{id}/formats
// (api_team_formats.cpp).
std::optional<api_response> team_format_route(api_call& call,
                                              const std::vector<std::string>& parts);

// The team admin's work on the people of a team (api_members.cpp); `user_id` is the path's
// /members/{user_id}, 0 where the path has none.
api_response list_members(api_call& call, std::int64_t team_id, std::int64_t user_id);
api_response create_member(api_call& call, std::int64_t team_id, std::int64_t user_id);
api_response change_role(api_call& call, std::int64_t team_id, std::int64_t user_id);
api_response remove_member(api_call& call, std::int64_t team_id, std::int64_t user_id);
api_response disable_member(api_call& call, std::int64_t team_id, std::int64_t user_id);
api_response enable_member(api_call& call, std::int64_t team_id, std::int64_t user_id);
api_response reset_password(api_call& call, std::int64_t team_id, std::int64_t user_id);

} // namespace casecircle::server
