#include "tests/integration/support/api_client.hpp"
#include "tests/integration/support/child_process.hpp"
#include "tests/integration/support/live_room.hpp"
#include "tests/integration/support/session_script.hpp"
#include "tests/integration/support/team_server.hpp"
#include "tests/integration/support/ws_client.hpp"

#include <catch2/catch.hpp>

using namespace casecircle::testing;
using json = nlohmann::json;

namespace {

// Team Nord plans its circle; Sven moderates in Süd and must never see Nord's cycle.
struct circle_team : team_server {
    circle_team()
        : team_server({{"mira", "ASD Nord", "moderator"},
                       {"max", "ASD Nord", "member"},
                       {"tom", "ASD Nord", "member"},
                       {"sina", "ASD Nord", "supervisor"},
                       {"sven", "ASD Süd", "moderator"}}) {}

    std::string path(const std::string& rest) const {
        return "/api/teams/" + std::to_string(team_of("mira", "ASD Nord")) + rest;
    }
    http_reply raw(const std::string& person, const std::string& method, const std::string& rest,
                   const json& body = nullptr) {
        return api(port(), who(person), method, path(rest), body);
    }
    // The call's answer, which must have this status.
    json ok(const std::string& person, const std::string& method, const std::string& rest,
            const json& body = nullptr, int status = 200) {
        const auto reply = raw(person, method, rest, body);
        INFO(method << " " << rest << " → " << reply.status << " " << reply.body);
        // What failed inside, as the server logged it.
        const auto logged =
            reply.status != 500
                ? std::string()
                : server->process()
                      .wait_for_line(
                          [](const std::string& l) { return l.find("api_internal") != l.npos; },
                          std::chrono::seconds(2))
                      .value_or("(nothing logged)");
        INFO(logged);
        REQUIRE(reply.status == status);
        return json::parse(reply.body);
    }
    // A weekly circle from a week ahead, 14:00, 90 minutes; registration closes two days before.
    std::int64_t weekly_series(int first_in_days = 7, const std::string& rhythm = "weekly") {
        return ok("mira", "POST", "/series",
                  {{"title", "Qualitätszirkel Nord"},
                   {"format", "qualitaetszirkel"},
                   {"rhythm", rhythm},
                   {"first_date", date_from_today(first_in_days)},
                   {"start_time", "14:00"},
                   {"planned_minutes", 90},
                   {"place", "Raum 3, Rathaus"},
                   {"cutoff_days", 2}},
                  201)["series_id"];
    }
    json dates(int from_days = 0, int to_days = 60) {
        return ok("mira", "GET",
                  "/circle-dates?from=" + date_from_today(from_days) +
                      "&to=" + date_from_today(to_days))["dates"];
    }
    json date(std::int64_t id) { return ok("mira", "GET", "/circle-dates/" + std::to_string(id)); }
    json registration(std::int64_t id) {
        return ok("mira", "GET", "/registrations/" + std::to_string(id));
    }
    std::int64_t register_case(const std::string& person, std::int64_t date_id,
                               const std::string& case_code, json extra = json::object()) {
        extra["case_code"] = case_code;
        extra["format"] = "qualitaetszirkel";
        return ok(person, "POST", "/circle-dates/" + std::to_string(date_id) + "/registrations",
                  extra, 201)["registration_id"];
    }
    std::vector<std::string> cookies(std::initializer_list<const char*> names) {
        std::vector<std::string> out;
        for (const auto* n : names)
            out.push_back(who(n)->cookie);
        return out;
    }
};

std::string field_of(const http_reply& r) {
    const auto body = json::parse(r.body, nullptr, false);
    return body.is_object() ? body["error"].value("field", "") : "";
}

// The date after `day` (YYYY-MM-DD), as the archive would write it.
std::string day_after(const std::string& day) {
    using namespace std::chrono;
    std::tm tm{};
    strptime(day.c_str(), "%Y-%m-%d", &tm);
    const auto next = sys_days{year{tm.tm_year + 1900} / (tm.tm_mon + 1) / tm.tm_mday} + days{1};
    const year_month_day ymd{next};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return text;
}

const json full_report = {{"history", "Hauptschulabschluss, Ausbildung abgebrochen."},
                          {"initial_situation", "Seit zwei Jahren ohne Arbeit, lebt allein."},
                          {"work_so_far", "Profiling, Eingliederungsvereinbarung."},
                          {"service_steering", "Schuldnerberatung bisher nicht erreicht."}};

} // namespace

TEST_CASE("a circle series makes its dates ahead, and wrong fields are refused in words") {
    circle_team t;
    const auto bad_rhythm = t.raw("mira", "POST", "/series",
                                  {{"title", "QZ"},
                                   {"format", "qualitaetszirkel"},
                                   {"rhythm", "daily"},
                                   {"first_date", date_from_today(7)},
                                   {"start_time", "14:00"},
                                   {"planned_minutes", 90}});
    CHECK(bad_rhythm.status == 400);
    CHECK(error_code(bad_rhythm) == "invalid_field");
    CHECK(field_of(bad_rhythm) == "rhythm");
    CHECK(json::parse(bad_rhythm.body)["error"]["message"].get<std::string>().find("monatlich") !=
          std::string::npos);
    const auto bad_time = t.raw("mira", "POST", "/series",
                                {{"title", "QZ"},
                                 {"format", "qualitaetszirkel"},
                                 {"rhythm", "weekly"},
                                 {"first_date", date_from_today(7)},
                                 {"start_time", "25:00"},
                                 {"planned_minutes", 90}});
    CHECK(field_of(bad_time) == "start_time");
    const auto bad_format = t.raw("mira", "POST", "/series",
                                  {{"title", "QZ"},
                                   {"format", "stammtisch"},
                                   {"rhythm", "weekly"},
                                   {"first_date", date_from_today(7)},
                                   {"start_time", "14:00"},
                                   {"planned_minutes", 90}});
    CHECK(field_of(bad_format) == "format");
    CHECK(t.raw("max", "POST", "/series", json::object()).status == 403);

    const auto moderators = t.ok("mira", "GET", "/moderators")["moderators"];
    REQUIRE(moderators.size() == 1);
    CHECK(moderators[0]["display_name"] == t.who("mira")->me["display_name"]);
    CHECK(t.raw("max", "GET", "/moderators").status == 403);
    t.weekly_series();
    const auto dates = t.dates(0, 35);
    REQUIRE(dates.size() == 5); // +7, +14, +21, +28, +35
    for (std::size_t i = 0; i < dates.size(); ++i) {
        INFO(dates[i].dump());
        CHECK(dates[i]["day"] == date_from_today(7 * static_cast<int>(i + 1)));
        CHECK(dates[i]["time"] == "14:00");
        CHECK(dates[i]["state"] == "planned");
        CHECK(dates[i]["planned_minutes"] == 90);
        CHECK(dates[i]["place"] == "Raum 3, Rathaus");
        CHECK(dates[i]["agenda"].empty());
    }
    t.weekly_series(3, "biweekly");
    CHECK(t.dates(0, 35).size() == 5 + 3); // +3, +17, +31

    // Another team's cycle looks like nothing at all.
    const auto foreign = api(t.port(), t.who("sven"), "GET", t.path("/circle-dates"));
    CHECK(foreign.status == 404);
}

TEST_CASE("cases are registered until the cut-off and ordered on the agenda against its time") {
    circle_team t;
    t.weekly_series();
    auto dates = t.dates(0, 21);
    const std::int64_t first = dates[0]["date_id"], second = dates[1]["date_id"];

    const auto a = t.register_case("max", first, "NORD-2026-1",
                                   {{"question", "Wie gewinne ich K. für Termine?"},
                                    {"report", {{"history", "Ausbildung abgebrochen."}}}});
    const auto detail = t.registration(a);
    CHECK(detail["question"] == "Wie gewinne ich K. für Termine?");
    CHECK(detail["report"]["history"] == "Ausbildung abgebrochen.");
    CHECK(detail["report"]["work_so_far"] == "");
    CHECK(detail["registered_by_name"] == t.who("max")->me["display_name"]);
    CHECK(detail["minutes_needed"] == 61); // the format's budgets
    CHECK(detail["date_day"] == dates[0]["day"]);
    CHECK(detail["date_starts_at"] == dates[0]["starts_at"]);
    CHECK(detail["rolled_from_day"].is_null());
    const auto long_part = t.raw("max", "POST", "/registrations/" + std::to_string(a),
                                 {{"report", {{"work_so_far", std::string(4001, 'x')}}}});
    CHECK(field_of(long_part) == "report/work_so_far");

    const auto twice =
        t.raw("tom", "POST", "/circle-dates/" + std::to_string(first) + "/registrations",
              {{"case_code", "NORD-2026-1"}, {"format", "qualitaetszirkel"}});
    CHECK(twice.status == 409);
    CHECK(error_code(twice) == "already_registered");
    const auto a_name =
        t.raw("tom", "POST", "/circle-dates/" + std::to_string(first) + "/registrations",
              {{"case_code", "Max Mustermann"}, {"format", "qualitaetszirkel"}});
    CHECK(field_of(a_name) == "case_code");
    const auto bad_report = t.raw("max", "POST", "/registrations/" + std::to_string(a),
                                  {{"report", {{"name_der_klientin", "x"}}}});
    CHECK(field_of(bad_report) == "report");

    const auto b = t.register_case("tom", first, "NORD-2026-2", {{"minutes_needed", 50}});
    // Only who registered a case, or the moderator, changes it.
    const auto not_yours = t.raw("tom", "POST", "/registrations/" + std::to_string(a),
                                 {{"question", "Eine andere Frage?"}});
    CHECK(not_yours.status == 403);
    CHECK(error_code(not_yours) == "not_yours");
    t.ok("mira", "POST", "/registrations/" + std::to_string(a), {{"minutes_needed", 40}});

    auto agenda = t.date(first);
    REQUIRE(agenda["agenda"].size() == 2);
    CHECK(agenda["agenda"][0]["registration_id"] == a);
    CHECK(agenda["minutes_needed"] == 90); // 40 + 50 against 90 planned
    agenda = t.ok("mira", "POST", "/circle-dates/" + std::to_string(first) + "/agenda",
                  {{"order", {b, a}}});
    CHECK(agenda["agenda"][0]["registration_id"] == b);
    CHECK(agenda["agenda"][1]["registration_id"] == a);
    const auto partial = t.raw("mira", "POST", "/circle-dates/" + std::to_string(first) + "/agenda",
                               {{"order", {a}}});
    CHECK(error_code(partial) == "agenda_mismatch");
    CHECK(t.raw("max", "POST", "/circle-dates/" + std::to_string(first) + "/agenda",
                {{"order", {a, b}}})
              .status == 403);

    // Moved to tomorrow, the second date is past its cut-off (two days): only the moderator
    // still adds a case.
    const auto moved = t.ok("mira", "POST", "/circle-dates/" + std::to_string(second) + "/move",
                            {{"day", date_from_today(1)}, {"time", "09:30"}});
    CHECK(moved["time"] == "09:30");
    CHECK(moved["moved_from"].is_number());
    const auto late =
        t.raw("max", "POST", "/circle-dates/" + std::to_string(second) + "/registrations",
              {{"case_code", "NORD-2026-3"}, {"format", "qualitaetszirkel"}});
    CHECK(late.status == 409);
    CHECK(error_code(late) == "registration_closed");
    t.register_case("mira", second, "NORD-2026-3");

    t.ok("max", "DELETE", "/registrations/" + std::to_string(a));
    CHECK(t.date(first)["agenda"].size() == 1);
    CHECK(t.raw("mira", "GET", "/registrations/" + std::to_string(a)).status == 404);
}

TEST_CASE("a session opened from a registered case starts from its report, question and the "
          "cards written beforehand") {
    circle_team t;
    t.weekly_series();
    const std::int64_t first = t.dates(0, 7)[0]["date_id"];
    const auto id = t.register_case(
        "max", first, "NORD-2026-4",
        {{"question", "Wie stabilisiere ich die Wohnsituation?"}, {"report", full_report}});
    const auto card = "/registrations/" + std::to_string(id) + "/cards";
    const auto step_one =
        t.raw("tom", "POST", card, {{"step", 1}, {"category", "x"}, {"text", "Zu früh"}});
    CHECK(field_of(step_one) == "step");
    const auto wrong_category =
        t.raw("tom", "POST", card, {{"step", 4}, {"category", "fehlt"}, {"text", "Falsch"}});
    CHECK(field_of(wrong_category) == "category");
    t.ok("tom", "POST", card,
         {{"step", 4}, {"category", "staerken"}, {"text", "Hält den Kontakt zur Schwester"}}, 201);
    const std::int64_t gone =
        t.ok("tom", "POST", card, {{"step", 7}, {"category", "fehlt"}, {"text", "Zurückgezogen"}},
             201)["card_id"];
    CHECK(t.raw("max", "DELETE", card + "/" + std::to_string(gone)).status == 403);
    t.ok("tom", "DELETE", card + "/" + std::to_string(gone));
    CHECK(t.registration(id)["cards"].size() == 1);

    live_room room(t.port(), 1, 0, "", t.cookies({"mira", "max", "tom"}), id);
    const auto& state = room.created["state"];
    INFO(state.dump());
    CHECK(state["case_code"] == "NORD-2026-4");
    CHECK(state["prepared"]["registration_id"] == std::to_string(id));
    CHECK(state["case_summary"]["history"] == full_report["history"]);
    CHECK(state["case_summary"]["service_steering"] == full_report["service_steering"]);
    CHECK(state["case_summary"]["prepared_by"] == t.who("max")->me["display_name"]);
    CHECK(state["question"]["original"]["text"] == "Wie stabilisiere ich die Wohnsituation?");
    REQUIRE(state["cards"].size() == 1);
    CHECK(state["cards"][0]["text"] == "Hält den Kontakt zur Schwester");
    CHECK(state["cards"][0]["written_beforehand"] == true);
    CHECK(state["cards"][0]["author_name"] == t.who("tom")->me["display_name"]);
    CHECK(state["cards"][0]["step"] == 4);

    // One session per registration; its drafts are in the session now.
    ws_client again(t.port(), t.who("mira")->cookie);
    again.send({{"type", "create"}, {"registration_id", id}, {"name", "M"}});
    CHECK(again.wait_entry()["code"] == "session_opened");
    const auto late_change = t.raw("max", "POST", "/registrations/" + std::to_string(id),
                                   {{"question", "Noch eine Frage?"}});
    CHECK(error_code(late_change) == "session_opened");
    const auto d = t.date(first);
    CHECK(d["state"] == "held");
    CHECK(d["agenda"][0]["session"] == "open");
    CHECK(d["agenda"][0]["room_id"] == room.created["room_id"]);
    // Nobody else opens a case of Nord.
    ws_client foreign(t.port(), t.who("sven")->cookie);
    foreign.send({{"type", "create"}, {"registration_id", id}, {"name", "S"}});
    CHECK(foreign.wait_entry()["code"] == "unknown_registration");
}

TEST_CASE("a review date puts its case on the first circle on or after it, and cases not "
          "discussed move on to the next date") {
    circle_team t;
    t.weekly_series();
    const auto dates = t.dates(0, 28);
    REQUIRE(dates.size() == 4);
    std::vector<std::int64_t> d;
    for (const auto& x : dates)
        d.push_back(x["date_id"]);

    session_script earlier;
    earlier.case_code = "NORD-2026-9";
    earlier.cookies = t.cookies({"mira", "max", "tom"});
    earlier.review_date = day_after(dates[1]["day"]); // the day after the second date
    const auto earlier_room = run_session(t.port(), earlier);

    auto follow_up = t.date(d[2])["agenda"];
    INFO(follow_up.dump());
    REQUIRE(follow_up.size() == 1);
    CHECK(follow_up[0]["kind"] == "follow_up");
    CHECK(follow_up[0]["case_code"] == "NORD-2026-9");
    CHECK(follow_up[0]["follows"]["room_id"] == earlier_room);
    CHECK(follow_up[0]["follows"]["decision"] == earlier.decision);
    CHECK(follow_up[0]["follows"]["review_date"] == earlier.review_date);
    CHECK(follow_up[0]["follows"]["prognosis"] == json{0, 0, 0, 1, 0});
    CHECK(t.date(d[1])["agenda"].empty());

    // Closed without having been discussed: on to the next date, counted, with the reason.
    const auto waiting = t.register_case("max", d[0], "NORD-2026-5");
    t.ok("mira", "POST", "/circle-dates/" + std::to_string(d[0]) + "/close");
    auto moved = t.registration(waiting);
    CHECK(moved["date_id"] == d[1]);
    CHECK(moved["rolled_over"] == 1);
    CHECK(moved["roll_reason"] == "not_discussed");
    CHECK(moved["rolled_from"] == dates[0]["starts_at"]);
    CHECK(moved["rolled_from_day"] == dates[0]["day"]);
    CHECK(t.date(d[0])["state"] == "held");

    // A cancelled date gives its cases to the next one.
    t.ok("mira", "POST", "/circle-dates/" + std::to_string(d[1]) + "/cancel",
         {{"reason", "holiday"}});
    moved = t.registration(waiting);
    CHECK(moved["date_id"] == d[2]);
    CHECK(moved["rolled_over"] == 2);
    CHECK(moved["roll_reason"] == "date_cancelled");

    // A day that passes without the circle moves its cases too (time travel: the third date
    // was yesterday).
    t.sql("UPDATE circle_dates SET starts_at = now() - interval '1 day' WHERE date_id = " +
          std::to_string(d[2]));
    const auto third = t.date(d[2]);
    CHECK(third["state"] == "missed");
    CHECK(third["agenda"].empty());
    const auto fourth = t.date(d[3])["agenda"];
    REQUIRE(fourth.size() == 2);
    for (const auto& r : fourth) {
        CHECK(r["roll_reason"] == "not_discussed");
        CHECK(r["date_id"] == d[3]);
    }
}

TEST_CASE("cancellations keep their reason, and the overview and the service report count the "
          "cycle") {
    circle_team t;
    t.weekly_series();
    const auto dates = t.dates(0, 28);
    std::vector<std::int64_t> d;
    for (const auto& x : dates)
        d.push_back(x["date_id"]);

    const auto cancel = "/circle-dates/" + std::to_string(d[1]) + "/cancel";
    CHECK(field_of(t.raw("mira", "POST", cancel, {{"reason", "other"}})) == "note");
    CHECK(field_of(t.raw("mira", "POST", cancel, {{"reason", "urlaub"}})) == "reason");
    CHECK(t.raw("max", "POST", cancel, {{"reason", "no_case"}}).status == 403);
    CHECK(t.ok("mira", "POST", cancel, {{"reason", "no_case"}})["state"] == "cancelled");
    CHECK(error_code(t.raw("mira", "POST", cancel, {{"reason", "no_case"}})) == "date_cancelled");
    t.ok("mira", "POST", "/circle-dates/" + std::to_string(d[2]) + "/cancel",
         {{"reason", "other"}, {"note", "Personalversammlung"}});
    CHECK(t.date(d[2])["cancel_note"] == "Personalversammlung");

    // A case decided today comes back on the first date, and is held there on time.
    session_script earlier;
    earlier.case_code = "NORD-2026-11";
    earlier.cookies = t.cookies({"mira", "max", "tom"});
    earlier.review_date = dates[0]["day"];
    earlier.deficits = {{"fehlt", "Keine Schuldnerberatung im Landkreis"}};
    earlier.suggestion = "Kurzbericht vorab verschicken";
    const auto earlier_room = run_session(t.port(), earlier);
    const auto agenda = t.date(d[0])["agenda"];
    REQUIRE(agenda.size() == 1);
    session_script follow = earlier;
    follow.registration_id = agenda[0]["registration_id"];
    follow.outcome = "done";
    follow.outcome_note = "Antrag gestellt";
    follow.review_date = date_from_today(90);
    follow.deficits = {{"zu_spaet", "Termin bei der Suchtberatung erst nach acht Wochen"}};
    run_session(t.port(), follow);
    t.register_case("max", d[0], "NORD-2026-12"); // never discussed
    t.ok("mira", "POST", "/circle-dates/" + std::to_string(d[0]) + "/close");

    const auto period = "?from=" + date_from_today(0) + "&to=" + date_from_today(28);
    CHECK(t.raw("max", "GET", "/circle-overview" + period).status == 403);
    const auto o = t.ok("sina", "GET", "/circle-overview" + period);
    INFO(o.dump());
    CHECK(o["dates"]["held"] == 1);
    CHECK(o["dates"]["cancelled"] == 2);
    CHECK(o["dates"]["planned"] == 1);
    const auto& reasons = o["dates"]["cancellations"];
    CHECK(reasons[0] == json{{"reason", "no_case"}, {"count", 1}});
    CHECK(reasons[4] == json{{"reason", "other"}, {"count", 1}});
    REQUIRE(o["circles"].size() == 1);
    CHECK(o["circles"][0]["cases"] == 1);
    CHECK(o["circles"][0]["follow_ups"] == 1);
    CHECK(o["cases_per_circle"] == 1.0);
    CHECK(o["follow_ups"]["on_time"] == 1);
    CHECK(o["follow_ups"]["late"] == 0);
    CHECK(o["rolled_over"] == 1);
    // Planned against actual minutes per step, for both sessions held today.
    const auto& steps = o["steps"];
    REQUIRE(steps.size() == 9);
    CHECK(steps[0]["planned_minutes"] == 10.0);
    CHECK(steps[0]["sessions"] == 2);
    CHECK(steps[0]["actual_minutes"].get<double>() < 10.0);

    const auto report = t.ok("sina", "GET", "/service-report" + period);
    CHECK(report["gaps"]["kinds"][0]["cards"][0]["text"] == "Keine Schuldnerberatung im Landkreis");
    CHECK(report["gaps"]["kinds"][2]["cards"][0]["text"] ==
          "Termin bei der Suchtberatung erst nach acht Wochen");
    CHECK(report["gaps"]["suggestions"].size() == 2);
    REQUIRE(report["prognoses"]["outcomes"].size() == 1);
    CHECK(report["prognoses"]["outcomes"][0]["room_id"] == earlier_room);
    CHECK(report["prognoses"]["outcomes"][0]["outcome"] == "done");
    CHECK(report["circles"]["dates"]["cancelled"] == 2);
    const auto csv = t.raw("sina", "GET", "/service-report" + period + "&format=csv");
    REQUIRE(csv.status == 200);
    CHECK(csv.body.rfind("\xEF\xBB\xBF"
                         "Abschnitt;Art;Fallcode",
                         0) == 0);
    CHECK(csv.body.find("Lücke im Hilfesystem;Fehlt;NORD-2026-11;") != std::string::npos);
    CHECK(csv.body.find("Prognose und Ergebnis;;NORD-2026-11;") != std::string::npos);
    CHECK(csv.body.find("Termin abgesagt;Kein Fall angemeldet;;;;;;1\r\n") != std::string::npos);
    CHECK(csv.body.find(";umgesetzt;") != std::string::npos);
    CHECK(t.raw("mira", "GET", "/service-report" + period).status == 200);
}

TEST_CASE("the calendar feed carries the team's dates and the person's review dates, and stops "
          "when its link is revoked") {
    circle_team t;
    t.weekly_series();
    const auto dates = t.dates(0, 14);
    t.ok("mira", "POST",
         "/circle-dates/" + std::to_string(dates[1]["date_id"].get<int>()) + "/cancel",
         {{"reason", "no_case"}});
    session_script decided;
    decided.case_code = "NORD-2026-21";
    decided.cookies = t.cookies({"mira", "max", "tom"}); // max presents
    decided.review_date = date_from_today(45);
    run_session(t.port(), decided);

    const auto link = api(t.port(), t.who("max"), "POST", "/api/me/calendar-feed");
    REQUIRE(link.status == 201);
    const std::string feed = json::parse(link.body)["path"];
    const auto ics = http_request(t.port(), "GET", feed, "", {});
    REQUIRE(ics.status == 200);
    CHECK(ics.content_type.rfind("text/calendar", 0) == 0);

    // Read back by a real iCalendar parser.
    const auto parsed =
        run_command({"/usr/bin/python3", "-c",
                     "import sys, json, icalendar\n"
                     "cal = icalendar.Calendar.from_ical(sys.argv[1])\n"
                     "out = []\n"
                     "for e in cal.walk('VEVENT'):\n"
                     "    out.append({'uid': str(e['UID']), 'summary': str(e['SUMMARY']),\n"
                     "                'start': e.decoded('DTSTART').isoformat(),\n"
                     "                'status': str(e.get('STATUS', '')),\n"
                     "                'location': str(e.get('LOCATION', ''))})\n"
                     "print(json.dumps(out))\n",
                     ics.body});
    INFO(parsed.output << "\n" << ics.body.substr(0, 2000));
    REQUIRE(parsed.status == 0);
    const auto events = json::parse(parsed.output);
    int circles = 0, cancelled = 0, reviews = 0;
    for (const auto& e : events) {
        if (e["uid"] ==
            "circle-date-" + std::to_string(dates[0]["date_id"].get<int>()) + "@casecircle") {
            CHECK(e["summary"] == "Qualitätszirkel Nord");
            CHECK(e["location"] == "Raum 3, Rathaus");
            CHECK(e["status"] == "CONFIRMED");
        }
        if (e["uid"].get<std::string>().rfind("circle-date-", 0) == 0) ++circles;
        if (e["status"] == "CANCELLED") ++cancelled;
        if (e["summary"] == "Wiedervorlage NORD-2026-21") {
            ++reviews;
            CHECK(e["start"] == decided.review_date);
        }
    }
    CHECK(circles > 50); // a year ahead, weekly
    CHECK(cancelled == 1);
    CHECK(reviews == 1);
    // Tom did not present: no review date of his.
    const auto toms =
        json::parse(api(t.port(), t.who("tom"), "POST", "/api/me/calendar-feed").body);
    CHECK(http_request(t.port(), "GET", toms["path"], "", {}).body.find("Wiedervorlage") ==
          std::string::npos);

    CHECK(t.count("SELECT count(*) FROM audit_log WHERE action = 'calendar_feed_read' AND actor "
                  "= 'max'") == 1);
    api(t.port(), t.who("max"), "DELETE", "/api/me/calendar-feed");
    const auto revoked = http_request(t.port(), "GET", feed, "", {});
    CHECK(revoked.status == 404);
    CHECK(error_code(revoked) == "unknown_calendar_link");
    const auto renewed =
        json::parse(api(t.port(), t.who("max"), "POST", "/api/me/calendar-feed").body);
    CHECK(http_request(t.port(), "GET", renewed["path"], "", {}).status == 200);
    CHECK(http_request(t.port(), "GET", feed, "", {}).status == 404);
}

TEST_CASE("a written consultation runs over deadlines per step, and the team's notices say what "
          "is due") {
    circle_team t;
    // A date in three days without a case warns the moderator (warning: a week ahead).
    t.weekly_series(3);
    auto notices = t.ok("mira", "GET", "/notices")["notices"];
    REQUIRE(notices.size() == 1);
    CHECK(notices[0]["kind"] == "date_without_case");
    CHECK(t.ok("max", "GET", "/notices")["notices"].empty());

    ws_client moderator(t.port(), t.who("mira")->cookie);
    moderator.send({{"type", "create"},
                    {"format", "qualitaetszirkel"},
                    {"case_code", "NORD-2026-31"},
                    {"name", "M"},
                    {"mode", "written"}});
    const auto welcome = moderator.wait_entry();
    REQUIRE(welcome["type"] == "welcome");
    CHECK(welcome["state"]["mode"] == "written");
    const auto in_two_days = welcome["server_time"].get<std::int64_t>() + 2 * 86'400'000LL;
    REQUIRE(moderator.command("set_step_deadline",
                              {{"step", 1}, {"deadline", in_two_days}})["type"] == "ack");
    ws_client presenter(t.port(), t.who("max")->cookie), colleague(t.port(), t.who("tom")->cookie);
    REQUIRE(presenter.join(welcome["invite_code"], "Max")["type"] == "welcome");
    REQUIRE(colleague.join(welcome["invite_code"], "Tom")["type"] == "welcome");
    REQUIRE(moderator.command("assign_role",
                              {{"participant_id", "p2"}, {"role", "presenter"}})["type"] == "ack");
    // Before the start, the first step's deadline is what comes first.
    notices = t.ok("max", "GET", "/notices")["notices"];
    REQUIRE(notices.size() == 1);
    CHECK(notices[0]["step"] == 0);
    CHECK(notices[0]["deadline"] == in_two_days);
    REQUIRE(moderator.command("start")["type"] == "ack");

    notices = t.ok("max", "GET", "/notices")["notices"];
    REQUIRE(notices.size() == 1);
    CHECK(notices[0]["kind"] == "written_step");
    CHECK(notices[0]["room_id"] == welcome["room_id"]);
    CHECK(notices[0]["step"] == 1);
    CHECK(notices[0]["deadline"] == in_two_days);

    REQUIRE(presenter.command("set_case_summary", {{"history", "Kurz."}})["type"] == "ack");
    REQUIRE(moderator.command("next_step")["type"] == "ack");
    REQUIRE(presenter.command("set_question", {{"text", "Was hilft K.?"}})["type"] == "ack");
    for (int step = 3; step <= 4; ++step)
        REQUIRE(moderator.command("next_step")["type"] == "ack");
    // Step 4 collects in turns at a meeting; in writing everyone writes when they can.
    REQUIRE(moderator.command("set_step_deadline",
                              {{"step", 4}, {"deadline", in_two_days + 1}})["type"] == "ack");
    REQUIRE(colleague.command(
                "add_card", {{"category", "staerken"}, {"text", "Zuverlässig"}})["type"] == "ack");
    REQUIRE(presenter.command("add_card",
                              {{"category", "schwaechen"}, {"text", "Schulden"}})["type"] == "ack");
    notices = t.ok("max", "GET", "/notices")["notices"];
    CHECK(notices.back()["step"] == 4);
    CHECK(notices.back()["deadline"] == in_two_days + 1);
    for (int step = 5; step <= 8; ++step)
        REQUIRE(moderator.command("next_step")["type"] == "ack");
    REQUIRE(presenter.command("record_decision", {{"text", "Termin begleiten"},
                                                  {"review_date", date_from_today(30)}})["type"] ==
            "ack");
    REQUIRE(moderator.command("next_step")["type"] == "ack");
    REQUIRE(moderator.command("end")["type"] == "ack");
    REQUIRE(moderator.command("approve_minutes")["type"] == "ack");
    CHECK(t.ok("max", "GET", "/notices")["notices"].empty());

    const auto read = api(t.port(), t.who("sina"), "GET",
                          "/api/minutes/" + welcome["room_id"].get<std::string>());
    REQUIRE(read.status == 200);
    const auto minutes = json::parse(read.body)["minutes"];
    INFO(minutes.dump().substr(0, 3000));
    CHECK(minutes["mode"] == "written");
    CHECK(minutes["steps"][0]["deadline"] == in_two_days);
    CHECK(minutes["steps"][0]["ended_at"].is_number());
}
