// One's own account: login, logout, /api/me and the change of one's own password; and the gate
// that lets a person with a temporary password do nothing else until they have chosen their own.

#include "db/accounts.hpp"
#include "db/login_failures.hpp"
#include "db/team_members.hpp"
#include "server/api_routes.hpp"

#include "server/credentials.hpp"
#include "server/passwords.hpp"

#include <chrono>
#include <initializer_list>

namespace casecircle::server {
namespace {

using json = nlohmann::json;

constexpr auto login_lifetime = std::chrono::hours(12);

std::string login_cookie(const std::string& token, bool secure, std::chrono::seconds max_age) {
    return std::string(session_cookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict; " +
           "Max-Age=" + std::to_string(max_age.count()) + (secure ? "; Secure" : "");
}

json account_json(const db::account& a) {
    json teams = json::array();
    for (const auto& t : a.teams)
        teams.push_back({{"team_id", t.team_id},
                         {"name", t.team_name},
                         {"role", t.role},
                         {"time_zone", t.time_zone}});
    return {{"user_id", a.user_id},
            {"username", a.username},
            {"display_name", a.display_name},
            {"teams", teams},
            {"must_change_password", a.must_change_password},
            {"csrf_token", a.csrf_token}};
}

// Filed under each team of the account, so that its supervisors and admins see attempts on it;
// attempts on names without an account belong to no team.
void audit_login(api_call& call, const std::optional<db::login_record>& account,
                 const std::string& action, const std::string& username,
                 const json& detail = json::object()) {
    const auto teams =
        account ? db::teams_of_user(call.conn, account->user_id) : std::vector<std::int64_t>{};
    for (const auto team : teams)
        call.audit(team, action, username, detail);
    if (teams.empty()) call.audit(std::nullopt, action, username, detail);
}

// The count of a throttle window that has ended, under the teams of its first name.
void summarise_ended_windows(api_call& call, login_throttle::clock::time_point now) {
    for (const auto& w : call.throttle->ended_windows(now)) {
        const auto found = db::find_login(call.conn, w.username);
        const auto teams =
            found ? db::teams_of_user(call.conn, found->user_id) : std::vector<std::int64_t>{};
        auto entry = call.audit_entry(std::nullopt, "login_throttled_summary", w.username,
                                      {{"attempts", w.attempts}});
        entry.address = w.address;
        for (const auto team : teams) {
            entry.team_id = team;
            db::record_audit(call.conn, entry);
        }
        if (teams.empty()) db::record_audit(call.conn, entry);
    }
}

api_response login(api_call& call) {
    const auto username = db::normalise_username(call.text_field("username"));
    // Nothing is looked up or written for a name no account can have: the trail stays small.
    if (!db::well_formed_username(username)) return api_error(400, "invalid_field");
    const auto password = call.text_field("password");
    const auto now = login_throttle::clock::now();
    summarise_ended_windows(call, now);
    const auto found = db::find_login(call.conn, username);
    const auto recent =
        db::recent_login_failures(call.conn, username, call.req.address, call.throttle->window());
    if (!call.throttle->allows(recent)) {
        if (call.throttle->note_refusal(username, call.req.address,
                                        call.throttle->address_throttled(recent), now))
            audit_login(call, found, "login_throttled", username, {{"attempts", 1}});
        return api_error(429, "too_many_attempts");
    }
    auto turn = call.passwords->enter();
    if (!turn) return api_error(503, "server_busy");
    const bool ok = found ? verify_password(found->password_hash, password)
                          : (spend_verification_time(password), false);
    if (!ok) {
        db::record_login_failure(call.conn, username, call.req.address, call.throttle->window());
        audit_login(call, found, "login_failed", username);
        return api_error(401, "login_failed");
    }
    // Only after the password check, which takes as long as for any other account.
    if (found->disabled) {
        audit_login(call, found, "login_disabled", username);
        return api_error(403, "account_disabled");
    }
    db::forget_login_failures(call.conn, username);
    const auto token = new_token();
    const auto csrf = new_token();
    db::create_login_session(call.conn, found->user_id, credential_hash(token), csrf,
                             login_lifetime);
    auto account = db::account_by_session(call.conn, credential_hash(token));
    if (!account) return api_error(403, "account_disabled"); // disabled in between
    call.actor = username;
    audit_login(call, found, "login", username);
    auto res = json_response(account_json(*account));
    res.set_cookies.push_back(login_cookie(token, call.settings->secure_cookies, login_lifetime));
    return res;
}

api_response logout(api_call& call) {
    db::end_login_session(call.conn, credential_hash(call.req.session_token));
    auto res = json_response({{"ok", true}});
    res.set_cookies.push_back(
        login_cookie("", call.settings->secure_cookies, std::chrono::seconds(0)));
    return res;
}

// The current password proves it is the person at the keyboard, not someone at an unlocked
// screen; wrong guesses count against the login throttle like wrong logins.
api_response change_own_password(api_call& call) {
    const auto current = call.text_field("current_password");
    const auto next = call.text_field("new_password");
    const auto& me = *call.account;
    if (!acceptable_password(next)) return api_error(400, "weak_password");
    if (next == current) return api_error(400, "same_password");
    if (!call.throttle->allows(db::recent_login_failures(call.conn, me.username, call.req.address,
                                                         call.throttle->window())))
        return api_error(429, "too_many_attempts");
    const auto stored = db::find_login(call.conn, me.username);
    auto turn = call.passwords->enter();
    if (!turn) return api_error(503, "server_busy");
    if (!stored || !verify_password(stored->password_hash, current)) {
        db::record_login_failure(call.conn, me.username, call.req.address, call.throttle->window());
        for (const auto& team : me.teams)
            call.audit(team.team_id, "password_change_failed", me.username);
        return api_error(401, "login_failed");
    }
    const auto hash = hash_password(next);
    if (!hash) return api_error(500, "internal_error");
    db::change_own_password(call.conn, me.user_id, *hash, credential_hash(call.req.session_token),
                            call.audit_entry(std::nullopt, "password_changed", me.username));
    auto account = db::account_by_session(call.conn, credential_hash(call.req.session_token));
    if (!account) return api_error(401, "login_required");
    return json_response(account_json(*account));
}

bool is(const std::vector<std::string>& parts, const api_call& call, std::string_view method,
        std::initializer_list<std::string_view> path) {
    if (call.req.method != method || parts.size() != path.size() + 1) return false;
    std::size_t i = 1;
    for (const auto segment : path)
        if (parts[i++] != segment) return false;
    return true;
}

} // namespace

std::optional<api_response> login_route(api_call& call, const std::vector<std::string>& parts) {
    if (is(parts, call, "POST", {"login"})) return login(call);
    return std::nullopt;
}

std::optional<api_response> password_change_gate(const api_call& call,
                                                 const std::vector<std::string>& parts) {
    if (!call.account || !call.account->must_change_password) return std::nullopt;
    if (is(parts, call, "GET", {"me"}) || is(parts, call, "POST", {"me", "password"}) ||
        is(parts, call, "POST", {"logout"}))
        return std::nullopt;
    return api_error(403, "password_change_required");
}

std::optional<api_response> account_route(api_call& call, const std::vector<std::string>& parts) {
    if (is(parts, call, "POST", {"logout"})) return logout(call);
    if (is(parts, call, "GET", {"me"})) return json_response(account_json(*call.account));
    if (is(parts, call, "POST", {"me", "password"})) return change_own_password(call);
    return std::nullopt;
}

} // namespace casecircle::server
