// A person's calendar feed: a secret link (made, shown once, revoked by its owner) under which
// calendar programs read the team's circle dates and the person's review dates as iCalendar.

#include "db/calendar_feeds.hpp"
#include "server/api_routes.hpp"
#include "server/calendar_ics.hpp"
#include "server/credentials.hpp"
#include "server/room.hpp"

namespace casecircle::server {
namespace {

using json = nlohmann::json;

constexpr std::string_view ics_suffix = ".ics";

api_response feed_state(api_call& call) {
    const auto since = db::calendar_feed_since(call.conn, call.account->user_id);
    return json_response(
        {{"active", since.has_value()}, {"created_at", since ? json(*since) : json(nullptr)}});
}

void audit_in_teams(api_call& call, const std::string& action) {
    for (const auto& team : call.account->teams)
        call.audit(team.team_id, action, "");
}

} // namespace

std::optional<api_response> calendar_feed_route(api_call& call,
                                                const std::vector<std::string>& parts) {
    if (parts.size() != 3 || parts[1] != "calendar") return std::nullopt;
    if (call.req.method != "GET") return api_error(404, "not_found");
    std::string secret = parts[2];
    if (secret.size() > ics_suffix.size() && secret.ends_with(ics_suffix))
        secret.resize(secret.size() - ics_suffix.size());
    const auto feed = db::read_calendar_feed(call.conn, credential_hash(secret));
    if (!feed) return api_error(404, "unknown_calendar_link");
    // Every read is on record, also a calendar program's: under the person's name, in each team.
    call.actor = feed->username;
    const auto teams = db::teams_of_user(call.conn, feed->user_id);
    for (const auto team : teams)
        call.audit(team, "calendar_feed_read", "", {{"entries", feed->entries.size()}});
    api_response res;
    res.content_type = "text/calendar; charset=utf-8";
    res.body = render_ics(*feed, now_ms());
    return res;
}

std::optional<api_response> calendar_link_route(api_call& call,
                                                const std::vector<std::string>& parts) {
    if (parts.size() != 3 || parts[1] != "me" || parts[2] != "calendar-feed") return std::nullopt;
    if (call.req.method == "GET") return feed_state(call);
    if (call.req.method == "POST") {
        const auto secret = new_token();
        db::replace_calendar_feed(call.conn, call.account->user_id, credential_hash(secret));
        audit_in_teams(call, "calendar_link_created");
        auto res = feed_state(call);
        auto body = json::parse(res.body);
        body["path"] = "/api/calendar/" + secret + std::string(ics_suffix);
        return json_response(body, 201);
    }
    if (call.req.method == "DELETE") {
        if (db::revoke_calendar_feed(call.conn, call.account->user_id))
            audit_in_teams(call, "calendar_link_revoked");
        return feed_state(call);
    }
    return api_error(404, "not_found");
}

} // namespace casecircle::server
