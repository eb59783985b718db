// What the cycle adds up to: the team's overview of circles held and cancelled, and the report
// for those who plan services (gaps in the help system, suggestions on the procedure, prognoses
// next to what came of the decisions, cancellations), as JSON and as CSV.

#include "db/circle_overview.hpp"
#include "db/cycle_notices.hpp"
#include "db/team_statistics.hpp"
#include "protocol/csv.hpp"
#include "protocol/local_time.hpp"
#include "protocol/text_rules.hpp"
#include "server/access.hpp"
#include "server/api_cycle.hpp"
#include "server/room.hpp"

#include <map>

namespace casecircle::server {
namespace {

using json = nlohmann::json;
namespace csv = protocol::csv;

std::string prognosis_text(const json& counts) {
    std::string out;
    for (const auto& c : counts)
        out += (out.empty() ? "" : "/") + std::to_string(c.get<int>());
    return out;
}

// The codes in words, as the browser shows them: the sheet is read by people who plan services.
std::string in_words(const std::string& code) {
    static const std::map<std::string, std::string> words{
        {"no_case", "Kein Fall angemeldet"},
        {"too_few_present", "Zu wenige anwesend"},
        {"moderator_absent", "Moderation verhindert"},
        {"holiday", "Feiertag oder Urlaub"},
        {"case_withdrawn", "Fall zurückgezogen"},
        {"other", "Anderer Grund"},
        {"done", "umgesetzt"},
        {"partly", "teilweise umgesetzt"},
        {"not_done", "nicht umgesetzt"}};
    const auto it = words.find(code);
    return it == words.end() ? code : it->second;
}

// "7.12.2026", as in every German export.
std::string day_of(const json& row) {
    return protocol::german_date_text(row["session_date"].get<std::string>());
}

// One sheet, one row per finding, its section in the first column.
std::string service_report_csv(const json& report) {
    std::string out(csv::byte_order_mark);
    out += csv::row(
        {"Abschnitt", "Art", "Fallcode", "Datum", "Text", "Prognose (1-5)", "Ergebnis", "Anzahl"});
    for (const auto& kind : report["gaps"]["kinds"])
        for (const auto& c : kind["cards"])
            out += csv::row({"Lücke im Hilfesystem", kind["title"], c["case_code"], day_of(c),
                             c["text"], "", "", ""});
    for (const auto& c : report["gaps"]["suggestions"])
        out += csv::row(
            {"Vorschlag zum Verfahren", "", c["case_code"], day_of(c), c["text"], "", "", ""});
    for (const auto& o : report["prognoses"]["outcomes"])
        out += csv::row({"Prognose und Ergebnis", "", o["case_code"], day_of(o), o["decision"],
                         prognosis_text(o["prognosis"]), in_words(o["outcome"]), ""});
    for (const auto& c : report["circles"]["dates"]["cancellations"])
        out += csv::row({"Termin abgesagt", in_words(c["reason"]), "", "", "", "", "",
                         std::to_string(c["count"].get<std::int64_t>())});
    for (const auto& c : report["sessions"]["cancellations"])
        out += csv::row({"Sitzung abgebrochen", in_words(c["reason"]), "", "", "", "", "",
                         std::to_string(c["count"].get<std::int64_t>())});
    return out;
}

json session_cancellations(api_call& call, std::int64_t team_id, const std::string& from,
                           const std::string& to) {
    const auto s = db::session_statistics(call.conn, team_id, from, to);
    json reasons = json::array();
    for (const auto& c : s.cancellations)
        reasons.push_back({{"reason", c.reason}, {"count", c.count}});
    return {{"approved", s.approved},
            {"discarded", s.discarded},
            {"cancelled", s.cancelled},
            {"cancellations", reasons}};
}

struct period {
    std::string from;
    std::string to;
};

// The query's from/to; without them the last 365 days up to today.
period period_of(const api_call& call) {
    const auto today = protocol::date_of(now_ms());
    auto from = call.query_value("from");
    auto to = call.query_value("to");
    if (to.empty()) to = protocol::format_date(today);
    if (from.empty())
        from = protocol::format_date(
            protocol::date_of((protocol::days_since_epoch(today) - 365) * 86'400'000LL));
    return {from, to};
}

} // namespace

api_response circle_overview(api_call& call, std::int64_t team_id, const path_ids&) {
    try {
        const auto p = period_of(call);
        auto body = db::circle_overview(call.conn, team_id, p.from, p.to);
        call.audit(team_id, "circle_overview_read", "",
                   {{"from", body["from"]}, {"to", body["to"]}});
        return json_response(body);
    } catch (const db::invalid_filter&) {
        return api_error(400, "invalid_filter");
    }
}

api_response service_report(api_call& call, std::int64_t team_id, const path_ids&) {
    const auto [from, to] = period_of(call);
    const bool as_csv = call.query_value("format") == "csv";
    try {
        json report{
            {"from", from},
            {"to", to},
            {"gaps", deficits_json(db::deficits(call.conn, from, to, team_id))},
            {"prognoses", outcomes_json(db::prognosis_outcomes(call.conn, from, to, team_id))},
            {"circles", db::circle_overview(call.conn, team_id, from, to)},
            {"sessions", session_cancellations(call, team_id, from, to)}};
        call.audit(team_id, "service_report_read", "",
                   {{"from", from}, {"to", to}, {"format", as_csv ? "csv" : "json"}});
        if (!as_csv) return json_response(report);
        return download(service_report_csv(report), "text/csv; charset=utf-8",
                        "bericht_angebotsplanung_" + from + "_" + to + ".csv");
    } catch (const db::invalid_filter&) {
        return api_error(400, "invalid_filter");
    }
}

api_response cycle_notices(api_call& call, std::int64_t team_id, const path_ids&) {
    const auto* m = call.account->in_team(team_id);
    const bool planner = m != nullptr && team_role_may(m->role, team_action::plan_circles);
    return json_response(db::cycle_notices(call.conn, team_id, planner));
}

} // namespace casecircle::server
