#include "server/api.hpp"

#include "db/accounts.hpp"
#include "db/audit.hpp"
#include "db/guests.hpp"
#include "db/retention.hpp"
#include "server/access.hpp"
#include "server/api_routes.hpp"
#include "server/credentials.hpp"
#include "server/passwords.hpp"

#include <algorithm>
#include <pqxx/pqxx>

namespace casecircle::server {
namespace {

using json = nlohmann::json;

constexpr auto login_lifetime = std::chrono::hours(12);
constexpr auto guest_link_lifetime = std::chrono::hours(48);

std::string login_cookie(const std::string& token, bool secure, std::chrono::seconds max_age) {
    return std::string(session_cookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict; " +
           "Max-Age=" + std::to_string(max_age.count()) + (secure ? "; Secure" : "");
}

std::string text_field(const json& body, const char* name) {
    const auto it = body.find(name);
    return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

json account_json(const db::account& a) {
    json teams = json::array();
    for (const auto& t : a.teams)
        teams.push_back({{"team_id", t.team_id}, {"name", t.team_name}, {"role", t.role}});
    return {{"user_id", a.user_id},
            {"username", a.username},
            {"display_name", a.display_name},
            {"teams", teams},
            {"csrf_token", a.csrf_token}};
}

// --- login ----------------------------------------------------------------------------------

// Filed under each team of the account, so that its supervisors and admins see attempts on it;
// attempts on names without an account belong to no team.
void audit_login(api_call& call, const std::optional<db::login_record>& account,
                 const std::string& action, const std::string& username) {
    const auto teams =
        account ? db::teams_of_user(call.conn, account->user_id) : std::vector<std::int64_t>{};
    for (const auto team : teams)
        call.audit(team, action, username);
    if (teams.empty()) call.audit(std::nullopt, action, username);
}

api_response login(api_call& call, login_throttle& throttle, const api_settings& settings) {
    const auto username = db::normalise_username(text_field(call.body, "username"));
    const auto password = text_field(call.body, "password");
    const auto now = login_throttle::clock::now();
    const auto found = db::find_login(call.conn, username);
    if (!throttle.allows(username, call.req.address, now)) {
        audit_login(call, found, "login_throttled", username);
        return api_error(429, "too_many_attempts");
    }
    auto turn = call.passwords->enter();
    if (!turn) return api_error(503, "server_busy");
    const bool ok = found ? verify_password(found->password_hash, password)
                          : (spend_verification_time(password), false);
    if (!ok) {
        throttle.failed(username, call.req.address, now);
        audit_login(call, found, "login_failed", username);
        return api_error(401, "login_failed");
    }
    throttle.succeeded(username);
    const auto token = new_token();
    const auto csrf = new_token();
    db::create_login_session(call.conn, found->user_id, credential_hash(token), csrf,
                             login_lifetime);
    auto account = db::account_by_session(call.conn, credential_hash(token));
    call.actor = username;
    audit_login(call, found, "login", username);
    auto res = json_response(account_json(*account));
    res.set_cookies.push_back(login_cookie(token, settings.secure_cookies, login_lifetime));
    return res;
}

api_response logout(api_call& call, const api_settings& settings) {
    db::end_login_session(call.conn, credential_hash(call.req.session_token));
    auto res = json_response({{"ok", true}});
    res.set_cookies.push_back(login_cookie("", settings.secure_cookies, std::chrono::seconds(0)));
    return res;
}

// --- team administration ------------------------------------------------------------------

api_response create_team_user(api_call& call, std::int64_t team_id) {
    const auto username = db::normalise_username(text_field(call.body, "username"));
    const auto display_name = text_field(call.body, "display_name");
    const auto password = text_field(call.body, "password");
    const auto role = text_field(call.body, "role");
    if (username.empty() || username.size() > 60 || display_name.empty() ||
        display_name.size() > 60)
        return api_error(400, "invalid_field");
    if (!acceptable_password(password)) return api_error(400, "weak_password");
    if (!db::is_team_role(role)) return api_error(400, "invalid_role");
    auto turn = call.passwords->enter();
    if (!turn) return api_error(503, "server_busy");
    const auto hash = hash_password(password);
    if (!hash) return api_error(500, "internal_error");
    const auto user_id = db::create_user(call.conn, username, display_name, *hash);
    if (!user_id) return api_error(409, "username_taken");
    db::set_team_role(call.conn, team_id, *user_id, role);
    call.audit(team_id, "user_created", username, {{"role", role}});
    return json_response({{"user_id", *user_id}, {"username", username}, {"role", role}}, 201);
}

api_response change_role(api_call& call, std::int64_t team_id) {
    const auto username = db::normalise_username(text_field(call.body, "username"));
    const auto role = text_field(call.body, "role");
    if (!db::is_team_role(role)) return api_error(400, "invalid_role");
    const auto user_id = db::find_user(call.conn, username);
    if (!user_id) return api_error(404, "unknown_user");
    const auto previous = db::set_team_role(call.conn, team_id, *user_id, role);
    call.audit(team_id, "role_changed", username, {{"role", role}, {"previous_role", previous}});
    return json_response({{"username", username}, {"role", role}, {"previous_role", previous}});
}

api_response audit_trail(api_call& call, std::int64_t team_id) {
    json out = json::array();
    for (const auto& e : db::team_audit(call.conn, team_id, 500))
        out.push_back({{"at", e.at_ms},
                       {"actor", e.actor},
                       {"action", e.action},
                       {"target", e.target},
                       {"address", e.address},
                       {"detail", e.detail}});
    return json_response({{"entries", out}});
}

api_response set_retention(api_call& call, std::int64_t team_id) {
    const auto days = call.body.find("days");
    if (days == call.body.end() || !days->is_number_integer() || *days < 1 || *days > 36500)
        return api_error(400, "invalid_field");
    db::set_retention_days(call.conn, team_id, days->get<int>());
    call.audit(team_id, "retention_changed", "", {{"days", days->get<int>()}});
    return json_response({{"days", days->get<int>()}});
}

api_response retention_dry_run(api_call& call, std::int64_t team_id) {
    json out = json::array();
    for (const auto& s : db::expired_sessions(call.conn))
        if (s.team_id == team_id)
            out.push_back({{"room_id", s.room_id},
                           {"case_code", s.case_code},
                           {"session_date", s.session_date}});
    return json_response({{"would_delete", out}});
}

api_response team_route(api_call& call, std::int64_t team_id, const std::string& what) {
    const auto* membership = call.account->in_team(team_id);
    if (membership == nullptr) return api_error(404, "not_found"); // other teams stay invisible
    const auto may = [&](team_action a) { return team_role_may(membership->role, a); };
    if (what == "audit" && call.req.method == "GET")
        return may(team_action::view_audit) ? audit_trail(call, team_id)
                                            : api_error(403, "forbidden");
    if (!may(team_action::manage_team)) return api_error(403, "forbidden");
    if (what == "users" && call.req.method == "POST") return create_team_user(call, team_id);
    if (what == "roles" && call.req.method == "POST") return change_role(call, team_id);
    if (what == "retention" && call.req.method == "POST") return set_retention(call, team_id);
    if (what == "retention" && call.req.method == "GET") return retention_dry_run(call, team_id);
    return api_error(404, "not_found");
}

// --- guests ---------------------------------------------------------------------------------

api_response invite_guest(api_call& call, const std::string& room_id) {
    const auto team_id = db::room_team(call.conn, room_id);
    const auto* membership = team_id ? call.account->in_team(*team_id) : nullptr;
    if (membership == nullptr) return api_error(404, "not_found");
    if (!team_role_may(membership->role, team_action::moderate)) return api_error(403, "forbidden");
    const auto invitation = new_token();
    db::create_guest_invitation(call.conn, room_id, call.account->user_id,
                                credential_hash(invitation), guest_link_lifetime);
    call.audit(*team_id, "guest_invited", room_id);
    return json_response({{"invitation", invitation},
                          {"link", "/#/gast/" + invitation},
                          {"expires_in_hours", guest_link_lifetime.count()}},
                         201);
}

} // namespace

api::api(api_settings settings)
    : settings_(settings), throttle_(5, 20, std::chrono::minutes(15)),
      passwords_(settings.login_concurrency, settings.login_queue_limit) {}

api_response api::handle(pqxx::connection_base* conn, const api_request& req) {
    if (conn == nullptr) return api_error(503, "storage_unavailable");
    try {
        api_call call{*conn, req, {}, std::nullopt, "anonymous", &passwords_};
        if (auto refused = call.prepare()) return *refused;
        const auto parts = segments_of(req.path); // "api", …
        if (parts.size() == 2 && parts[1] == "login" && req.method == "POST")
            return login(call, throttle_, settings_);
        if (!call.account) return api_error(401, "login_required");
        if (parts.size() == 2 && parts[1] == "logout" && req.method == "POST")
            return logout(call, settings_);
        if (parts.size() == 2 && parts[1] == "me" && req.method == "GET")
            return json_response(account_json(*call.account));
        if (auto archive = archive_route(call, parts)) return *archive;
        if (parts.size() == 4 && parts[1] == "teams")
            if (const auto team_id = id_in(parts[2])) return team_route(call, *team_id, parts[3]);
        if (parts.size() == 4 && parts[1] == "rooms" && parts[3] == "guest-invitations" &&
            req.method == "POST")
            return invite_guest(call, parts[2]);
        return api_error(404, "not_found");
    } catch (const pqxx::broken_connection&) {
        return api_error(503, "storage_unavailable");
    } catch (const std::exception&) {
        return api_error(500, "internal_error");
    }
}

} // namespace casecircle::server
