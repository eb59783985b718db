// /api/teams/{team}/… outside the archive: one table of who may call what, the audit trail, the
// session statistics, the retention period and the time zone. The people of the team:
// api_members.cpp.

#include "db/accounts.hpp"
#include "db/archive_queries.hpp"
#include "db/audit.hpp"
#include "db/retention.hpp"
#include "db/team_statistics.hpp"
#include "server/access.hpp"
#include "server/api_routes.hpp"
#include "server/time_zones.hpp"

#include <limits>
#include <string_view>

namespace casecircle::server {
namespace {

using json = nlohmann::json;

// A whole number in [low, high], or nothing.
std::optional<std::int64_t> number_in(const std::string& text, std::int64_t low,
                                      std::int64_t high) {
    const auto n = id_in(text);
    if (!n || *n < low || *n > high) return std::nullopt;
    return n;
}

api_response audit_trail(api_call& call, std::int64_t team_id, std::int64_t) {
    db::audit_query q;
    q.team_id = team_id;
    const auto before = call.query_value("before");
    const auto limit = call.query_value("limit");
    if (!before.empty()) {
        q.before = number_in(before, 1, std::numeric_limits<std::int64_t>::max());
        if (!q.before) return api_error(400, "invalid_filter");
    }
    if (!limit.empty()) {
        const auto n = number_in(limit, 1, 500);
        if (!n) return api_error(400, "invalid_filter");
        q.limit = static_cast<int>(*n);
    }
    q.action = call.query_value("action");
    q.actor = db::normalise_username(call.query_value("actor"));
    q.target = call.query_value("target");
    q.from = call.query_value("from");
    q.to = call.query_value("to");
    try {
        auto entries = db::team_audit(call.conn, q);
        const bool more = entries.size() > static_cast<std::size_t>(q.limit);
        if (more) entries.pop_back();
        json out = json::array();
        for (const auto& e : entries)
            out.push_back({{"id", e.id},
                           {"at", e.at_ms},
                           {"actor", e.actor},
                           {"action", e.action},
                           {"target", e.target},
                           {"address", e.address},
                           {"detail", e.detail}});
        return json_response(
            {{"entries", out}, {"next_before", more ? json(entries.back().id) : json(nullptr)}});
    } catch (const db::invalid_filter&) {
        return api_error(400, "invalid_filter");
    }
}

api_response statistics(api_call& call, std::int64_t team_id, std::int64_t) {
    try {
        const auto s = db::session_statistics(call.conn, team_id, call.query_value("from"),
                                              call.query_value("to"));
        json cancellations = json::array();
        for (const auto& c : s.cancellations)
            cancellations.push_back({{"reason", c.reason}, {"count", c.count}});
        call.audit(team_id, "statistics_read", "", {{"from", s.from}, {"to", s.to}});
        return json_response({{"from", s.from},
                              {"to", s.to},
                              {"approved", s.approved},
                              {"discarded", s.discarded},
                              {"cancelled", s.cancelled},
                              {"cancellations", cancellations}});
    } catch (const db::invalid_filter&) {
        return api_error(400, "invalid_filter");
    }
}

api_response set_retention(api_call& call, std::int64_t team_id, std::int64_t) {
    const auto days = call.body.find("days");
    if (days == call.body.end() || !days->is_number_integer() || *days < 1 || *days > 36500)
        return api_error(400, "invalid_field");
    db::set_retention_days(call.conn, team_id, days->get<int>());
    call.audit(team_id, "retention_changed", "", {{"days", days->get<int>()}});
    return json_response({{"days", days->get<int>()}});
}

// Only a zone the server can read is stored: every time the team sees is computed from it.
api_response set_time_zone(api_call& call, std::int64_t team_id, std::int64_t) {
    const auto name = call.text_field("time_zone"); // "" unless a string
    if (!find_time_zone(name)) return api_error(400, "unknown_time_zone");
    db::set_team_time_zone(call.conn, team_id, name);
    call.audit(team_id, "time_zone_changed", "", {{"time_zone", name}});
    return json_response({{"time_zone", name}});
}

api_response retention_dry_run(api_call& call, std::int64_t team_id, std::int64_t) {
    json out = json::array();
    for (const auto& s : db::expired_sessions(call.conn))
        if (s.team_id == team_id)
            out.push_back({{"room_id", s.room_id},
                           {"kind", s.kind},
                           {"case_code", s.case_code},
                           {"session_date", s.session_date}});
    return json_response({{"would_delete", out}});
}

using team_handler = api_response (*)(api_call&, std::int64_t team_id, std::int64_t user_id);

// The path after /api/teams/{team}/, with "*" for a user id.
struct team_endpoint {
    std::string_view method;
    std::string_view path;
    team_action may;
    team_handler handle;
};

// The README's access table for team administration, and PROTOCOL.md's API table, in code.
constexpr team_endpoint team_endpoints[] = {
    {"GET", "audit", team_action::view_audit, audit_trail},
    {"GET", "statistics", team_action::view_statistics, statistics},
    {"GET", "members", team_action::manage_team, list_members},
    {"POST", "users", team_action::manage_team, create_member},
    {"POST", "roles", team_action::manage_team, change_role},
    {"DELETE", "members/*", team_action::manage_team, remove_member},
    {"POST", "members/*/disable", team_action::manage_team, disable_member},
    {"POST", "members/*/enable", team_action::manage_team, enable_member},
    {"POST", "members/*/password-reset", team_action::manage_team, reset_password},
    {"POST", "retention", team_action::manage_team, set_retention},
    {"GET", "retention", team_action::manage_team, retention_dry_run},
    {"POST", "time-zone", team_action::manage_team, set_time_zone},
};

// Whether parts[3…] spell `path`; the id standing for "*" goes to `user_id`.
bool matches(std::string_view path, const std::vector<std::string>& parts, std::int64_t& user_id) {
    std::vector<std::int64_t> ids;
    if (!path_matches(path, parts, 3, ids)) return false;
    user_id = ids.empty() ? 0 : ids.front();
    return true;
}

} // namespace

std::optional<api_response> team_route(api_call& call, const std::vector<std::string>& parts) {
    if (parts.size() < 4 || parts[1] != "teams") return std::nullopt;
    const auto team_id = id_in(parts[2]);
    if (!team_id) return std::nullopt;
    const team_endpoint* found = nullptr;
    bool known_path = false;
    std::int64_t user_id = 0;
    for (const auto& e : team_endpoints) {
        if (!matches(e.path, parts, user_id)) continue;
        known_path = true;
        if (e.method == call.req.method) found = &e;
    }
    if (!known_path) return std::nullopt; // the archive's, or nobody's
    const auto* membership = call.account->in_team(*team_id);
    if (membership == nullptr) return call.probed(parts[2]); // other teams stay invisible
    if (found == nullptr) return api_error(404, "not_found");
    if (!team_role_may(membership->role, found->may)) return api_error(403, "forbidden");
    return found->handle(call, *team_id, user_id);
}

} // namespace casecircle::server
