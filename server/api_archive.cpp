#include "db/archive_queries.hpp"
#include "db/guests.hpp"
#include "protocol/export_names.hpp"
#include "protocol/minutes_csv.hpp"
#include "protocol/minutes_html.hpp"
#include "server/access.hpp"
#include "server/api_routes.hpp"
#include "server/time_zones.hpp"

namespace casecircle::server {
namespace {

using json = nlohmann::json;

json deficit_cards_json(const std::vector<db::deficit_card>& cards) {
    json out = json::array();
    for (const auto& c : cards)
        out.push_back({{"room_id", c.room_id},
                       {"case_code", c.case_code},
                       {"session_date", c.session_date},
                       {"text", c.text}});
    return out;
}

} // namespace

api_response download(std::string body, std::string content_type, std::string name) {
    api_response res;
    res.content_type = std::move(content_type);
    res.body = std::move(body);
    res.download_name = std::move(name);
    return res;
}

json deficits_json(const db::deficit_report& report) {
    json kinds = json::array();
    for (const auto& k : report.kinds)
        kinds.push_back({{"category", k.category},
                         {"title", k.title},
                         {"count", k.cards.size()},
                         {"cards", deficit_cards_json(k.cards)}});
    return {{"kinds", kinds}, {"suggestions", deficit_cards_json(report.suggestions)}};
}

json outcomes_json(const std::vector<db::prognosis_outcome>& rows) {
    json out = json::array();
    for (const auto& o : rows)
        out.push_back({{"case_code", o.case_code},
                       {"room_id", o.room_id},
                       {"session_date", o.session_date},
                       {"decision", o.decision},
                       {"review_date", o.review_date},
                       {"prognosis", o.prognosis},
                       {"outcome", o.outcome},
                       {"outcome_note", o.outcome_note},
                       {"follow_up_room_id", o.follow_up_room_id},
                       {"follow_up_date", o.follow_up_date}});
    return {{"outcomes", out}};
}

namespace {

// The room's team, if the caller belongs to it; other teams' sessions look like missing ones.
const db::team_membership* membership_for_room(api_call& call, const std::string& room_id,
                                               std::int64_t& team_id) {
    const auto team = db::room_team(call.conn, room_id);
    if (!team) return nullptr;
    team_id = *team;
    return call.account->in_team(*team);
}

api_response export_minutes(api_call& call, const std::string& room_id,
                            const db::stored_minutes& minutes, const db::team_membership& team,
                            const std::string& kind) {
    call.audit(team.team_id, "minutes_exported", room_id, {{"format", kind}});
    const auto& m = minutes.content;
    const auto zone = team_time_zone(team.time_zone);
    if (kind == "md")
        return download(minutes.markdown, "text/markdown; charset=utf-8",
                        protocol::export_file_name(m, "md"));
    if (kind == "html") {
        // The printable page opens in the browser, ready for "print to PDF".
        auto page = download(protocol::render_minutes_html(m, *zone), "text/html; charset=utf-8",
                             protocol::export_file_name(m, "html"));
        page.show_inline = true;
        return page;
    }
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
    if (membership == nullptr) return call.probed(room_id);
    const auto& role = membership->role;
    if (parts.size() == 4 && parts[3] == "addenda" && call.req.method == "POST") {
        if (!team_role_may(role, team_action::moderate)) return api_error(403, "forbidden");
        const auto text = call.text_field("text"); // "" unless a string
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
    const auto minutes =
        db::load_minutes(call.conn, room_id, *team_time_zone(membership->time_zone));
    if (!minutes) return api_error(404, "not_approved");
    if (!exporting) {
        call.audit(team_id, "minutes_read", room_id);
        return json_response({{"minutes", minutes->content}, {"markdown", minutes->markdown}});
    }
    const auto kind = parts[3].substr(7);
    if (kind != "md" && kind != "html" && kind != "json" && kind != "csv")
        return api_error(404, "not_found");
    return export_minutes(call, room_id, *minutes, *membership, kind);
}

std::string query_value(const api_call& call, const char* key) {
    const auto it = call.req.query.find(key);
    return it == call.req.query.end() ? std::string() : it->second;
}

json entries_json(const std::vector<db::archive_entry>& entries) {
    json out = json::array();
    for (const auto& e : entries) {
        json snippet = json::array();
        for (const auto& part : e.snippet)
            snippet.push_back({{"text", part.text}, {"hit", part.hit}});
        out.push_back({{"room_id", e.room_id},
                       {"format", e.format},
                       {"case_code", e.case_code},
                       {"title", e.title},
                       {"session_date", e.session_date},
                       {"moderator", e.moderator},
                       {"review_date", e.review_date},
                       {"question", e.question},
                       {"decision", e.decision},
                       {"outcome", e.outcome},
                       {"outcome_note", e.outcome_note},
                       {"snippet", snippet}});
    }
    return {{"entries", out}};
}

api_response deficit_answer(api_call& call, std::int64_t team_id) {
    const auto report =
        db::deficits(call.conn, query_value(call, "from"), query_value(call, "to"), team_id);
    const auto body = deficits_json(report);
    const bool csv = query_value(call, "format") == "csv";
    call.audit(team_id, "deficits_read", "",
               {{"from", query_value(call, "from")},
                {"to", query_value(call, "to")},
                {"format", csv ? "csv" : "json"}});
    if (!csv) return json_response(body);
    return download(protocol::render_deficits_csv(body), "text/csv; charset=utf-8",
                    "defizitanalyse_" + query_value(call, "from") + "_" + query_value(call, "to") +
                        ".csv");
}

// /api/teams/{id}/archive, …/cases/{code}, …/reviews, …/deficits, …/outcomes – read-only, own
// team only.
std::optional<api_response> team_archive_route(api_call& call,
                                               const std::vector<std::string>& parts) {
    const auto& what = parts[3];
    const bool known = (parts.size() == 4 && (what == "archive" || what == "reviews" ||
                                              what == "deficits" || what == "outcomes")) ||
                       (parts.size() == 5 && what == "cases");
    if (!known || call.req.method != "GET") return std::nullopt;
    const auto team = id_in(parts[2]);
    if (!team) return api_error(404, "not_found");
    const auto team_id = *team;
    const auto* membership = call.account->in_team(team_id);
    if (membership == nullptr) return call.probed(parts[2]);
    if (!team_role_may(membership->role, team_action::read_archive))
        return api_error(403, "forbidden");
    try {
        if (what == "archive") {
            db::archive_filter f;
            f.team_id = team_id;
            f.format = query_value(call, "format");
            f.case_code = query_value(call, "case_code");
            f.moderator = query_value(call, "moderator");
            f.from = query_value(call, "from");
            f.to = query_value(call, "to");
            f.text = query_value(call, "q");
            const auto found = db::search_archive(call.conn, f);
            // The search terms are on record too: what was looked for says what was read.
            call.audit(team_id, "archive_searched", "",
                       {{"q", f.text},
                        {"format", f.format},
                        {"case_code", f.case_code},
                        {"moderator", f.moderator},
                        {"from", f.from},
                        {"to", f.to},
                        {"results", found.size()}});
            return json_response(entries_json(found));
        }
        if (what == "cases") {
            const auto history = db::case_history(call.conn, parts[4], team_id);
            call.audit(team_id, "case_history_read", parts[4], {{"results", history.size()}});
            return json_response(entries_json(history));
        }
        if (what == "reviews") {
            const auto until = query_value(call, "until");
            json out = json::array();
            for (const auto& r : db::reviews_due(call.conn, until, team_id))
                out.push_back({{"room_id", r.room_id},
                               {"case_code", r.case_code},
                               {"review_date", r.review_date},
                               {"decision", r.decision},
                               {"moderator", r.moderator}});
            call.audit(team_id, "reviews_read", "", {{"until", until}, {"results", out.size()}});
            return json_response({{"reviews", out}});
        }
        if (what == "outcomes") {
            const auto from = query_value(call, "from");
            const auto to = query_value(call, "to");
            auto body = outcomes_json(db::prognosis_outcomes(call.conn, from, to, team_id));
            call.audit(team_id, "outcomes_read", "",
                       {{"from", from}, {"to", to}, {"results", body["outcomes"].size()}});
            return json_response(body);
        }
        return deficit_answer(call, team_id);
    } catch (const db::invalid_filter&) {
        return api_error(400, "invalid_filter");
    }
}

} // namespace

std::optional<api_response> archive_route(api_call& call, const std::vector<std::string>& parts) {
    if (parts.size() >= 3 && parts.size() <= 4 && parts[1] == "minutes")
        return minutes_route(call, parts);
    if (parts.size() >= 4 && parts[1] == "teams") return team_archive_route(call, parts);
    return std::nullopt;
}

} // namespace casecircle::server
