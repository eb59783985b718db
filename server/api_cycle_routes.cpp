// The circle's cycle under /api/teams/{team}/…: who may call what (the README's access table),
// and the status each refusal deserves.

#include "protocol/template.hpp"
#include "server/access.hpp"
#include "server/api_cycle.hpp"

#include <string_view>

namespace casecircle::server {
namespace {

using cycle_handler = api_response (*)(api_call&, std::int64_t team_id, const path_ids& ids);

struct cycle_endpoint {
    std::string_view method;
    std::string_view path; // after /api/teams/{team}/, "*" for an id
    team_action may;
    cycle_handler handle;
};

constexpr cycle_endpoint cycle_endpoints[] = {
    {"GET", "series", team_action::join_session, list_series},
    {"GET", "moderators", team_action::plan_circles, list_moderators},
    {"POST", "series", team_action::plan_circles, create_series},
    {"DELETE", "series/*", team_action::plan_circles, end_series},
    {"GET", "circle-dates", team_action::join_session, list_dates},
    {"GET", "circle-dates/*", team_action::join_session, show_date},
    {"POST", "circle-dates/*/move", team_action::plan_circles, move_date},
    {"POST", "circle-dates/*/cancel", team_action::plan_circles, cancel_date},
    {"POST", "circle-dates/*/close", team_action::plan_circles, close_date},
    {"POST", "circle-dates/*/agenda", team_action::plan_circles, order_agenda},
    {"POST", "circle-dates/*/registrations", team_action::register_cases, register_case},
    {"GET", "registrations/*", team_action::join_session, show_registration},
    {"POST", "registrations/*", team_action::register_cases, change_registration},
    {"DELETE", "registrations/*", team_action::register_cases, withdraw_registration},
    {"POST", "registrations/*/cards", team_action::join_session, add_prepared_card},
    {"DELETE", "registrations/*/cards/*", team_action::join_session, delete_prepared_card},
    {"GET", "circle-overview", team_action::view_cycle_figures, circle_overview},
    {"GET", "service-report", team_action::read_archive, service_report},
    {"GET", "notices", team_action::join_session, cycle_notices},
};

} // namespace

std::optional<api_response> cycle_route(api_call& call, const std::vector<std::string>& parts) {
    if (parts.size() < 4 || parts[1] != "teams") return std::nullopt;
    const auto team_id = id_in(parts[2]);
    if (!team_id) return std::nullopt;
    const cycle_endpoint* found = nullptr;
    bool known_path = false;
    path_ids ids;
    for (const auto& e : cycle_endpoints) {
        path_ids matched;
        if (!path_matches(e.path, parts, 3, matched)) continue;
        known_path = true;
        if (e.method == call.req.method) {
            found = &e;
            ids = std::move(matched);
        }
    }
    if (!known_path) return std::nullopt;
    const auto* membership = call.account->in_team(*team_id);
    if (membership == nullptr) return call.probed(parts[2]);
    if (found == nullptr) return api_error(404, "not_found");
    if (!team_role_may(membership->role, found->may)) return api_error(403, "forbidden");
    return found->handle(call, *team_id, ids);
}

api_response refused(db::cycle_refusal refusal) {
    using r = db::cycle_refusal;
    switch (refusal) {
    case r::unknown_date:
    case r::unknown_registration:
        return api_error(404, db::code_of(refusal));
    case r::not_yours:
        return api_error(403, db::code_of(refusal));
    case r::agenda_mismatch:
        return api_error(400, db::code_of(refusal));
    default:
        return api_error(409, db::code_of(refusal));
    }
}

api_response refused(db::date_change change) {
    switch (change) {
    case db::date_change::unknown_date:
        return api_error(404, "unknown_date");
    case db::date_change::date_cancelled:
        return api_error(409, "date_cancelled");
    case db::date_change::date_past:
        return api_error(409, "date_over");
    case db::date_change::done:
        break;
    }
    return api_error(500, "internal_error");
}

const protocol::format_template* known_format(const api_call& call, const std::string& id) {
    if (call.settings == nullptr || call.settings->templates == nullptr) return nullptr;
    return call.settings->templates->find(id).get();
}

} // namespace casecircle::server
