#include "db/archive_queries.hpp"
#include "db/guests.hpp"
#include "protocol/export_names.hpp"
#include "protocol/minutes_csv.hpp"
#include "protocol/minutes_html.hpp"
#include "server/access.hpp"
#include "server/api_routes.hpp"

namespace casecircle::server {
namespace {

using json = nlohmann::json;

// The room's team, if the caller belongs to it; other teams' sessions look like missing ones.
const db::team_membership* membership_for_room(api_call& call, const std::string& room_id,
                                               std::int64_t& team_id) {
    const auto team = db::room_team(call.conn, room_id);
    if (!team) return nullptr;
    team_id = *team;
    return call.account->in_team(*team);
}

api_response download(std::string body, std::string content_type, std::string name) {
    api_response res;
    res.content_type = std::move(content_type);
    res.body = std::move(body);
    res.download_name = std::move(name);
    return res;
}

api_response export_minutes(api_call& call, const std::string& room_id,
                            const db::stored_minutes& minutes, std::int64_t team_id,
                            const std::string& kind) {
    call.audit(team_id, "minutes_exported", room_id, {{"format", kind}});
    const auto& m = minutes.content;
    if (kind == "md")
        return download(minutes.markdown, "text/markdown; charset=utf-8",
                        protocol::export_file_name(m, "md"));
    if (kind == "html")
        return download(protocol::render_minutes_html(m), "text/html; charset=utf-8",
                        protocol::export_file_name(m, "html"));
    if (kind == "json")
        return download(m.dump(2), "application/json", protocol::export_file_name(m, "json"));
    return download(protocol::render_cards_csv(m), "text/csv; charset=utf-8",
                    protocol::export_file_name(m, "csv"));
}

std::optional<api_response> minutes_route(api_call& call, const std::vector<std::string>& parts) {
    // /api/minutes/{room}, /api/minutes/{room}/export.{md,html,json,csv}, …/addenda
    const auto& room_id = parts[2];
    std::int64_t team_id = 0;
    const auto* membership = membership_for_room(call, room_id, team_id);
    if (membership == nullptr) return api_error(404, "not_found");
    const auto& role = membership->role;
    if (parts.size() == 4 && parts[3] == "addenda" && call.req.method == "POST") {
        if (!team_role_may(role, team_action::moderate)) return api_error(403, "forbidden");
        const auto text = call.body.value("text", std::string());
        if (text.empty() || text.size() > 4000) return api_error(400, "invalid_field");
        const auto added = db::add_addendum(call.conn, room_id, call.account->display_name, text);
        if (!added) return api_error(404, "not_approved");
        call.audit(team_id, "addendum_added", room_id);
        return json_response({{"id", added->id}, {"created_at", added->created_at_ms}}, 201);
    }
    if (call.req.method != "GET") return api_error(404, "not_found");
    const bool exporting = parts.size() == 4 && parts[3].rfind("export.", 0) == 0;
    if (!team_role_may(role, exporting ? team_action::export_minutes : team_action::read_archive))
        return api_error(403, "forbidden");
    const auto minutes = db::load_minutes(call.conn, room_id);
    if (!minutes) return api_error(404, "not_approved");
    if (!exporting) {
        call.audit(team_id, "minutes_read", room_id);
        return json_response({{"minutes", minutes->content}, {"markdown", minutes->markdown}});
    }
    const auto kind = parts[3].substr(7);
    if (kind != "md" && kind != "html" && kind != "json" && kind != "csv")
        return api_error(404, "not_found");
    return export_minutes(call, room_id, *minutes, team_id, kind);
}

} // namespace

std::optional<api_response> archive_route(api_call& call, const std::vector<std::string>& parts) {
    if (parts.size() >= 3 && parts.size() <= 4 && parts[1] == "minutes")
        return minutes_route(call, parts);
    return std::nullopt;
}

} // namespace casecircle::server
