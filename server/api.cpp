#include "server/api.hpp"

#include "db/connection_errors.hpp"
#include "server/api_routes.hpp"

namespace casecircle::server {

api::api(api_settings settings)
    : settings_(std::move(settings)),
      throttle_(settings_.login_failures_per_account, settings_.login_failures_per_address,
                settings_.login_window),
      passwords_(settings_.login_concurrency, settings_.login_queue_limit),
      probes_(std::chrono::minutes(10)) {}

// The router: calls anyone may make, then the login, then the gate of a forced password change,
// then each group of routes in turn (api_routes.hpp).
api_response api::handle(pqxx::connection_base* conn, const api_request& req) {
    if (conn == nullptr) return api_error(503, "storage_unavailable");
    static constexpr api_route open_routes[] = {login_route, guest_link_route, invitation_route,
                                                calendar_feed_route};
    static constexpr api_route routes[] = {account_route,     team_route,          cycle_route,
                                           team_format_route, calendar_link_route, archive_route,
                                           room_route};
    try {
        api_call call{*conn,       req,        {},         std::nullopt, "anonymous",
                      &passwords_, &throttle_, &settings_, &probes_};
        if (auto refused = call.prepare()) return *refused;
        const auto parts = segments_of(req.path); // "api", …
        for (const auto route : open_routes)
            if (auto answer = route(call, parts)) return *answer;
        if (!call.account) return api_error(401, "login_required");
        if (auto refused = password_change_gate(call, parts)) return *refused;
        for (const auto route : routes)
            if (auto answer = route(call, parts)) return *answer;
        return api_error(404, "not_found");
    } catch (const std::exception& e) {
        if (db::connection_lost(e)) return api_error(503, "storage_unavailable");
        if (settings_.report_internal_error)
            settings_.report_internal_error(req.method + " " + req.path + ": " + e.what());
        return api_error(500, "internal_error");
    }
}

} // namespace casecircle::server
