// A team's circle series and their dates: set up, listed with their agendas, moved, cancelled
// with a reason, closed after the circle.

#include "db/archive_queries.hpp"
#include "db/circle_series.hpp"
#include "db/team_members.hpp"
#include "server/api_cycle.hpp"
#include "server/api_fields.hpp"

namespace casecircle::server {
namespace {

using json = nlohmann::json;
using protocol::text_kind;

// "HH:MM" of a real time of day.
bool is_time_of_day(const std::string& t) {
    if (t.size() != 5 || t[2] != ':') return false;
    for (const auto i : {0, 1, 3, 4})
        if (t[static_cast<std::size_t>(i)] < '0' || t[static_cast<std::size_t>(i)] > '9')
            return false;
    return std::stoi(t.substr(0, 2)) < 24 && std::stoi(t.substr(3, 2)) < 60;
}

std::optional<std::string> date_field(field_reader& f, const char* name) {
    auto day = f.text(name, text_kind::single_line, 10, 10, true,
                      {"Datum als JJJJ-MM-TT, ein Tag, den es gibt.",
                       "A date as YYYY-MM-DD, a day that exists."});
    if (day && !protocol::parse_date(*day)) {
        f.fail(name, {"Datum als JJJJ-MM-TT, ein Tag, den es gibt.",
                      "A date as YYYY-MM-DD, a day that exists."});
        return std::nullopt;
    }
    return day;
}

std::optional<std::string> time_field(field_reader& f, const char* name) {
    auto time = f.text(name, text_kind::single_line, 5, 5, true,
                       {"Uhrzeit als SS:MM, z. B. 14:30.", "A time as HH:MM, e.g. 14:30."});
    if (time && !is_time_of_day(*time)) {
        f.fail(name, {"Uhrzeit als SS:MM, z. B. 14:30.", "A time as HH:MM, e.g. 14:30."});
        return std::nullopt;
    }
    return time;
}

// A moderator of the team, by user id.
bool moderates(api_call& call, std::int64_t team_id, std::int64_t user_id) {
    const auto member = db::team_member_of(call.conn, team_id, user_id);
    return member && member->role == "moderator" && !member->disabled;
}

} // namespace

api_response list_series(api_call& call, std::int64_t team_id, const path_ids&) {
    return json_response({{"series", db::list_series(call.conn, team_id)}});
}

api_response list_moderators(api_call& call, std::int64_t team_id, const path_ids&) {
    json out = json::array();
    for (const auto& m : db::team_members(call.conn, team_id))
        if (m.role == "moderator" && !m.disabled)
            out.push_back({{"user_id", m.user_id}, {"display_name", m.display_name}});
    return json_response({{"moderators", out}});
}

api_response create_series(api_call& call, std::int64_t team_id, const path_ids&) {
    field_reader f(call.body);
    db::series_plan p;
    p.team_id = team_id;
    p.created_by = call.account->user_id;
    const auto title = f.text("title", text_kind::single_line, 1, protocol::max_title_chars, true,
                              {"Ein Name für die Reihe, 1 bis 120 Zeichen.",
                               "A name for the series, 1 to 120 characters."});
    const auto format = f.text("format", text_kind::single_line, 1, 100, true,
                               {"Ein Format, das es gibt.", "A format that exists."});
    if (format && known_format(call, *format) == nullptr)
        f.fail("format", {"Ein Format, das es gibt.", "A format that exists."});
    const auto rhythm = f.choice("rhythm", db::rhythms, true,
                                 {"Rhythmus: wöchentlich, 14-täglich, monatlich, "
                                  "zweimonatlich oder einzeln.",
                                  "Rhythm: weekly, biweekly, monthly, bimonthly or single."});
    const auto first = date_field(f, "first_date");
    const auto time = time_field(f, "start_time");
    const auto minutes = f.integer(
        "planned_minutes", 15, 480, true,
        {"Geplante Dauer in Minuten, 15 bis 480.", "Planned length in minutes, 15 to 480."});
    const auto moderator = f.integer("moderator_id", 1, INT64_MAX, false,
                                     {"Die Moderation muss im Team moderieren dürfen.",
                                      "The moderator must be a moderator of the team."});
    if (moderator && !moderates(call, team_id, *moderator))
        f.fail("moderator_id", {"Die Moderation muss im Team moderieren dürfen.",
                                "The moderator must be a moderator of the team."});
    const auto place = f.text("place", text_kind::single_line, 0, 300, false,
                              {"Ort oder Video-Link, höchstens 300 Zeichen.",
                               "Place or video link, at most 300 characters."});
    const auto cutoff = f.integer("cutoff_days", 0, 60, false,
                                  {"Anmeldeschluss: 0 bis 60 Tage vor dem Termin.",
                                   "Registration closes 0 to 60 days before the date."});
    const auto warn = f.integer(
        "warn_days", 0, 60, false,
        {"Warnung: 0 bis 60 Tage vor dem Termin.", "Warning 0 to 60 days before the date."});
    if (f.failed()) return f.error();
    p.title = *title;
    p.format = *format;
    p.rhythm = *rhythm;
    p.first_date = *first;
    p.start_time = *time;
    p.planned_minutes = static_cast<int>(*minutes);
    p.moderator_id = moderator ? moderator : std::optional<std::int64_t>(call.account->user_id);
    p.place = place.value_or("");
    p.cutoff_days = static_cast<int>(cutoff.value_or(2));
    p.warn_days = static_cast<int>(warn.value_or(7));
    const auto id = db::create_series(call.conn, p);
    call.audit(team_id, "series_created", std::to_string(id),
               {{"rhythm", p.rhythm}, {"first_date", p.first_date}, {"format", p.format}});
    return json_response({{"series_id", id}}, 201);
}

api_response end_series(api_call& call, std::int64_t team_id, const path_ids& ids) {
    if (!db::end_series(call.conn, team_id, ids[0], call.account->user_id))
        return api_error(404, "unknown_series");
    call.audit(team_id, "series_ended", std::to_string(ids[0]));
    return json_response({{"ended", true}});
}

api_response list_dates(api_call& call, std::int64_t team_id, const path_ids&) {
    try {
        auto dates =
            db::list_dates(call.conn, team_id, call.query_value("from"), call.query_value("to"));
        call.audit(team_id, "circle_dates_read", "",
                   {{"from", dates["from"]}, {"to", dates["to"]}});
        return json_response(dates);
    } catch (const db::invalid_filter&) {
        return api_error(400, "invalid_filter");
    }
}

api_response show_date(api_call& call, std::int64_t team_id, const path_ids& ids) {
    auto date = db::one_date(call.conn, team_id, ids[0]);
    if (date.is_null()) return api_error(404, "unknown_date");
    call.audit(team_id, "circle_date_read", std::to_string(ids[0]));
    return json_response(date);
}

api_response move_date(api_call& call, std::int64_t team_id, const path_ids& ids) {
    field_reader f(call.body);
    const auto day = date_field(f, "day");
    const auto time = time_field(f, "time");
    if (f.failed()) return f.error();
    const auto done = db::move_date(call.conn, team_id, ids[0], *day, *time);
    if (done != db::date_change::done) return refused(done);
    call.audit(team_id, "circle_date_moved", std::to_string(ids[0]),
               {{"day", *day}, {"time", *time}});
    return json_response(db::one_date(call.conn, team_id, ids[0]));
}

api_response cancel_date(api_call& call, std::int64_t team_id, const path_ids& ids) {
    field_reader f(call.body);
    const auto reason =
        f.choice("reason", db::date_cancel_reasons, true,
                 {"Grund: kein Fall, zu wenige da, Moderation fehlt, Feiertag/Urlaub oder "
                  "anderer Grund.",
                  "Reason: no case, too few present, moderator absent, holiday or other."});
    const auto note =
        f.text("note", text_kind::multi_line, 0, protocol::max_cancel_note_chars, false,
               {"Anmerkung: höchstens 300 Zeichen.", "Note: at most 300 characters."});
    if (reason && *reason == "other" && note.value_or("").empty())
        f.fail("note", {"Bei „anderer Grund“ bitte kurz sagen, welcher.",
                        "With “other”, please say briefly which reason."});
    if (f.failed()) return f.error();
    const auto done = db::cancel_date(call.conn, team_id, ids[0], *reason, note.value_or(""),
                                      call.account->user_id);
    if (done != db::date_change::done) return refused(done);
    call.audit(team_id, "circle_date_cancelled", std::to_string(ids[0]), {{"reason", *reason}});
    return json_response(db::one_date(call.conn, team_id, ids[0]));
}

api_response close_date(api_call& call, std::int64_t team_id, const path_ids& ids) {
    const auto done = db::close_date(call.conn, team_id, ids[0]);
    if (done != db::date_change::done) return refused(done);
    call.audit(team_id, "circle_date_closed", std::to_string(ids[0]));
    return json_response(db::one_date(call.conn, team_id, ids[0]));
}

api_response order_agenda(api_call& call, std::int64_t team_id, const path_ids& ids) {
    const auto order = call.body.find("order");
    std::vector<std::int64_t> named;
    if (order == call.body.end() || !order->is_array() || order->size() > 500)
        return field_error("order", "Die Reihenfolge als Liste der Anmeldungen.",
                           "The order as a list of registrations.");
    for (const auto& id : *order) {
        if (!id.is_number_integer())
            return field_error("order", "Die Reihenfolge als Liste der Anmeldungen.",
                               "The order as a list of registrations.");
        named.push_back(id.get<std::int64_t>());
    }
    const auto done = db::order_agenda(call.conn, team_id, ids[0], named);
    if (done != db::cycle_refusal::none) return refused(done);
    call.audit(team_id, "agenda_ordered", std::to_string(ids[0]));
    return json_response(db::one_date(call.conn, team_id, ids[0]));
}

} // namespace casecircle::server
