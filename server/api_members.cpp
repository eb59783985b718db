// The team admin's work on the people of one team: list them, add a new account, change a role,
// remove, disable and enable, reset a password. Nobody is ever enrolled from another team, and
// every change ends the login sessions and session credentials it must end.

#include "db/accounts.hpp"
#include "db/team_members.hpp"
#include "server/api_routes.hpp"
#include "server/passwords.hpp"

namespace casecircle::server {
namespace {

using json = nlohmann::json;

api_response refused(db::member_change outcome) {
    if (outcome == db::member_change::member_of_other_teams)
        return api_error(409, "member_of_other_teams");
    return api_error(404, "unknown_user");
}

} // namespace

api_response list_members(api_call& call, std::int64_t team_id, std::int64_t) {
    json out = json::array();
    for (const auto& m : db::team_members(call.conn, team_id))
        out.push_back({{"user_id", m.user_id},
                       {"username", m.username},
                       {"display_name", m.display_name},
                       {"role", m.role},
                       {"disabled", m.disabled},
                       {"must_change_password", m.must_change_password}});
    call.audit(team_id, "members_listed", "");
    return json_response({{"members", out}});
}

// Only new accounts: a taken user name is refused, never enrolled (it may be another team's).
api_response create_member(api_call& call, std::int64_t team_id, std::int64_t) {
    const auto username = db::normalise_username(call.text_field("username"));
    const auto display_name = call.text_field("display_name");
    const auto password = call.text_field("password");
    const auto role = call.text_field("role");
    if (!db::well_formed_username(username) || display_name.empty() || display_name.size() > 60)
        return api_error(400, "invalid_field");
    if (db::reserved_username(username)) return api_error(400, "username_reserved");
    if (!acceptable_password(password)) return api_error(400, "weak_password");
    if (!db::is_team_role(role)) return api_error(400, "invalid_role");
    if (db::find_user(call.conn, username)) return api_error(409, "username_taken");
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

// Current members of this team only; a user name from elsewhere is "unknown" here.
api_response change_role(api_call& call, std::int64_t team_id, std::int64_t) {
    const auto username = db::normalise_username(call.text_field("username"));
    const auto role = call.text_field("role");
    if (!db::is_team_role(role)) return api_error(400, "invalid_role");
    const auto previous = db::change_member_role(
        call.conn, team_id, username, role,
        call.audit_entry(team_id, "role_changed", username, {{"role", role}}));
    if (!previous) return api_error(404, "unknown_user");
    return json_response({{"username", username}, {"role", role}, {"previous_role", *previous}});
}

// The person named by the path must be in the team (their user name goes into the audit trail);
// the change checks that again in its own transaction.
api_response remove_member(api_call& call, std::int64_t team_id, std::int64_t user_id) {
    if (user_id == call.account->user_id) return api_error(409, "cannot_remove_self");
    const auto member = db::team_member_of(call.conn, team_id, user_id);
    if (!member) return api_error(404, "unknown_user");
    const auto outcome = db::remove_member(
        call.conn, team_id, user_id,
        call.audit_entry(team_id, "member_removed", member->username, {{"role", member->role}}));
    if (outcome != db::member_change::done) return refused(outcome);
    call.revoke_live_access(user_id);
    return json_response({{"user_id", user_id}, {"removed", true}});
}

api_response disable_member(api_call& call, std::int64_t team_id, std::int64_t user_id) {
    if (user_id == call.account->user_id) return api_error(409, "cannot_remove_self");
    const auto member = db::team_member_of(call.conn, team_id, user_id);
    if (!member) return api_error(404, "unknown_user");
    const auto outcome =
        db::disable_member(call.conn, team_id, user_id,
                           call.audit_entry(team_id, "member_disabled", member->username));
    if (outcome != db::member_change::done) return refused(outcome);
    call.revoke_live_access(user_id);
    return json_response({{"user_id", user_id}, {"disabled", true}});
}

api_response enable_member(api_call& call, std::int64_t team_id, std::int64_t user_id) {
    const auto member = db::team_member_of(call.conn, team_id, user_id);
    if (!member) return api_error(404, "unknown_user");
    const auto outcome = db::enable_member(
        call.conn, team_id, user_id, call.audit_entry(team_id, "member_enabled", member->username));
    if (outcome != db::member_change::done) return refused(outcome);
    return json_response({{"user_id", user_id}, {"disabled", false}});
}

// The temporary password is shown once, in this answer; the database keeps only its hash and the
// audit trail only that a reset happened.
api_response reset_password(api_call& call, std::int64_t team_id, std::int64_t user_id) {
    const auto member = db::team_member_of(call.conn, team_id, user_id);
    if (!member) return api_error(404, "unknown_user");
    const auto temporary = new_temporary_password();
    if (!temporary) return api_error(500, "internal_error");
    auto turn = call.passwords->enter();
    if (!turn) return api_error(503, "server_busy");
    const auto hash = hash_password(*temporary);
    if (!hash) return api_error(500, "internal_error");
    const auto outcome =
        db::reset_password(call.conn, team_id, user_id, *hash,
                           call.audit_entry(team_id, "password_reset", member->username));
    if (outcome != db::member_change::done) return refused(outcome);
    call.revoke_live_access(user_id);
    return json_response({{"temporary_password", *temporary}}, 201);
}

} // namespace casecircle::server
