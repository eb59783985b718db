#include "full_session.hpp"
#include "protocol/minutes_html.hpp"
#include "protocol/state_fingerprint.hpp"
#include "protocol/wire.hpp"

#include <algorithm>
#include <set>

using namespace casecircle::protocol;
using namespace casecircle::protocol::testing;
using nlohmann::json;

// Written consultation: the same format over days in writing, a deadline per step instead of a
// budget in minutes, no rounds.

namespace {

constexpr millis day = 24 * 60 * minute;
constexpr millis midnight_of_t0 = t0 - (11 * 60 + 6) * minute - 40'000; // 2026-11-18 00:00 UTC

millis at(int days_after_t0, int hour, int minutes) {
    return midnight_of_t0 + days_after_t0 * day + (hour * 60 + minutes) * minute;
}

// The roles of qz_with_roles, in writing.
session_driver written_qz() {
    return qz_with_roles(session_mode::written);
}

void next_at(session_driver& s, millis when) {
    s.advance(when - s.now());
    s.ok("p1", "next_step");
}

json deadline(int step, json when) {
    return {{"step", step}, {"deadline", std::move(when)}};
}

// Step n is due on day n at noon and left on day n at 09:14; the session ends on day 9 at 10:00
// and is approved right after.
session_driver written_quality_circle() {
    auto s = written_qz();
    s.ok("system", "prepare_case",
         {{"registration_id", "reg-7"},
          {"prepared_by", "Paula Presenter"},
          {"case_summary", {{"history", "Entwurf"}}},
          {"cards",
           {{{"step", 5},
             {"category", "was_taete_gut"},
             {"text", "Ruhe"},
             {"author_name", "Kollegin K"}}}}});
    for (int n = 1; n <= 9; ++n)
        s.ok("p1", "set_step_deadline", deadline(n, at(n, 12, 0)));
    s.ok("p1", "start");
    s.ok("p2", "set_case_summary",
         {{"history", "Hauptschulabschluss."},
          {"initial_situation", "Arbeitslos."},
          {"work_so_far", "Profiling."},
          {"service_steering", "Schuldnerberatung nicht erreicht."}});
    next_at(s, at(1, 9, 14));
    s.ok("p2", "set_question", {{"text", "Wie gewinne ich K. für Termine?"}});
    next_at(s, at(2, 9, 14));
    s.ok("p3", "propose_alternative_question", {{"text", "Was hindert K.?"}});
    s.ok("p1", "choose_question", {{"question_id", "a1"}});
    next_at(s, at(3, 9, 14));
    // Reihum in a meeting; in writing whoever comes first writes first.
    s.ok("p4", "add_card", {{"category", "staerken"}, {"text", "Kontakt zur Schwester"}});
    s.ok("p4", "add_card", {{"category", "schwaechen"}, {"text", "Schulden"}});
    s.ok("p6", "add_card", {{"category", "schwaechen"}, {"text", "Meidet Post"}});
    next_at(s, at(4, 9, 14));
    s.ok("p3", "add_card", {{"category", "was_taete_gut"}, {"text", "Erfolgserlebnisse"}});
    next_at(s, at(5, 9, 14));
    s.ok("p3", "add_card", {{"category", "vorhandene_hilfe"}, {"text", "Schuldnerberatung"}});
    next_at(s, at(6, 9, 14));
    s.ok("p4", "add_card", {{"category", "fehlt"}, {"text", "Aufsuchende Beratung"}});
    next_at(s, at(7, 9, 14));
    s.ok("p3", "add_option", {{"text", "Gemeinsamer Termin"}});
    s.ok("p2", "record_decision",
         {{"text", "Ich begleite K. zum ersten Termin."},
          {"review_date", "2027-01-15"},
          {"option_id", "o1"}});
    for (const auto* who : {"p3", "p4", "p6"})
        s.ok(who, "state_backing", {{"vote", "yes"}});
    next_at(s, at(8, 9, 14));
    s.ok("p2", "give_feedback", {{"text", "Entlastend, auch schriftlich"}});
    s.ok("p3", "give_feedback", {{"text", "Gut, Zeit zum Nachdenken"}});
    for (const auto* who : {"p2", "p3", "p4", "p6"})
        s.ok(who, "give_prognosis", {{"rating", 4}});
    s.ok("p4", "suggest_improvement", {{"text", "Fristen früher ankündigen"}});
    s.advance(at(9, 10, 0) - s.now());
    s.ok("p1", "end");
    s.ok("p1", "approve_minutes");
    return s;
}

} // namespace

TEST_CASE("written: create_session records the mode; a meeting's events stay as they were",
          "[written]") {
    const auto written = create_session(*shipped("qualitaetszirkel"), "JC-2026-017", "Schriftlich",
                                        "Mira", t0, session_mode::written);
    REQUIRE(std::holds_alternative<std::vector<event>>(written));
    CHECK(std::get<std::vector<event>>(written)[0].data["mode"] == "written");

    for (const auto& meeting :
         {create_session(*shipped("qualitaetszirkel"), "JC-2026-017", "Treffen", "Mira", t0),
          create_session(*shipped("qualitaetszirkel"), "JC-2026-017", "Treffen", "Mira", t0,
                         session_mode::meeting)}) {
        const auto& created = std::get<std::vector<event>>(meeting)[0];
        std::set<std::string> keys;
        for (const auto& [key, value] : created.data.items())
            keys.insert(key);
        CHECK(keys == std::set<std::string>{"case_code", "format", "template", "template_version",
                                            "title"});
    }

    const auto s = written_qz();
    CHECK(s.data().mode == session_mode::written);
    const auto state = to_json(s.state());
    CHECK(state["mode"] == "written");
    CHECK(state["prepared"].is_null());
    CHECK(state["steps"][0]["deadline"].is_null());
    CHECK(to_json(qz_with_roles().state())["mode"] == "meeting");
    CHECK_FALSE(to_json(qz_with_roles().state())["steps"][0].contains("deadline"));
}

TEST_CASE("written: a meeting's whole log is unchanged", "[written]") {
    const auto live = full_quality_circle();
    CHECK_FALSE(live.events()[0].data.contains("mode"));
    std::set<std::string> types;
    for (const auto& e : live.events())
        types.insert(e.type);
    CHECK(types.contains("turn_changed"));
    CHECK_FALSE(types.contains("step_deadline_set"));
    CHECK_FALSE(types.contains("case_prepared"));
    const auto m = build_minutes(live.state());
    CHECK(m["mode"] == "meeting");
    CHECK(m["prepared"].is_null());
    CHECK(m["steps"][0]["deadline"].is_null());
    CHECK(m["steps"][0]["ended_at"] == t0 + 13 * minute);
    const auto markdown = render_minutes_markdown(m);
    CHECK(markdown.find("## Schritte und Zeiten") != std::string::npos);
    CHECK(markdown.find("**Form:**") == std::string::npos);
}

TEST_CASE("written: set_step_deadline", "[written]") {
    SECTION("only in written sessions, only by the moderator") {
        auto meeting = qz_with_roles();
        CHECK(meeting.refused("p1", "set_step_deadline", deadline(1, t0 + day)) ==
              "not_written_session");
        CHECK(meeting.refused("p3", "set_step_deadline", deadline(1, t0 + day)) ==
              "role_forbidden");
        auto s = written_qz();
        for (const auto* who : {"p2", "p3", "p4", "p5"})
            CHECK(s.refused(who, "set_step_deadline", deadline(1, t0 + day)) == "role_forbidden");
        CHECK(s.refused("system", "set_step_deadline", deadline(1, t0 + day)) == "role_forbidden");
    }
    SECTION("an existing step and a deadline after now, within a year") {
        auto s = written_qz();
        for (const auto& bad : {json(0), json(10), json("2"), json(1.0), json()})
            CHECK(s.refused("p1", "set_step_deadline", {{"step", bad}, {"deadline", t0 + day}}) ==
                  "invalid_field");
        CHECK(s.refused("p1", "set_step_deadline", {{"deadline", t0 + day}}) == "invalid_field");
        CHECK(s.refused("p1", "set_step_deadline", {{"step", 1}}) == "invalid_field");
        for (const auto& bad : {json(t0), json(t0 - 1), json((t0 + day) / 1000),
                                json(t0 + 367 * day), json("morgen"), json(1.5)})
            CHECK(s.refused("p1", "set_step_deadline", deadline(1, bad)) == "invalid_field");
    }
    SECTION("set, moved and cleared, before and after the start") {
        auto s = written_qz();
        const auto set = s.ok("p1", "set_step_deadline", deadline(2, at(2, 12, 0)));
        REQUIRE(set.size() == 1);
        CHECK(set[0].type == "step_deadline_set");
        CHECK(set[0].data == deadline(2, at(2, 12, 0)));
        CHECK(to_json(s.state())["steps"][1]["deadline"] == at(2, 12, 0));
        s.ok("p1", "start");
        s.ok("p1", "set_step_deadline", deadline(2, at(3, 8, 0)));
        CHECK(s.data().timings[1].deadline == at(3, 8, 0));
        const auto cleared = s.ok("p1", "set_step_deadline", deadline(2, nullptr));
        CHECK(cleared[0].data["deadline"].is_null());
        CHECK(to_json(s.state())["steps"][1]["deadline"].is_null());
        s.ok("p1", "end");
        CHECK(s.refused("p1", "set_step_deadline", deadline(2, t0 + 2 * day)) == "session_ended");
    }
}

TEST_CASE("written: round-robin steps run no rounds", "[written]") {
    auto s = written_qz();
    s.ok("p1", "start");
    s.go_to_step(4);
    for (const auto& e : s.events())
        CHECK(e.type != "turn_changed");
    CHECK(to_json(s.state())["round"].is_null());
    s.ok("p6", "add_card", {{"category", "staerken"}, {"text", "Humor"}});
    s.ok("p4", "add_card", {{"category", "schwaechen"}, {"text", "Schulden"}});
    s.ok("p6", "add_card", {{"category", "staerken"}, {"text", "Geduld"}});
    CHECK(s.refused("p3", "pass_turn") == "no_round");
    CHECK(s.refused("p1", "skip_turn") == "no_round");
    const auto joined = s.ok("", "join", {{"name", "Nora Neu"}});
    CHECK(joined.size() == 1);
    s.ok("p3", "leave");
    CHECK(s.events().back().type == "participant_left");

    SECTION("presenter first still holds") {
        s.go_to_step(9);
        CHECK(s.refused("p4", "give_feedback", {{"text", "Gut"}}) == "presenter_speaks_first");
        s.ok("p2", "give_feedback", {{"text", "Entlastet"}});
        s.ok("p4", "give_feedback", {{"text", "Gut"}});
    }
}

TEST_CASE("written: a whole quality circle in writing, to approved minutes with deadlines",
          "[written][minutes]") {
    const auto s = written_quality_circle();
    for (const auto& e : s.events())
        CHECK(e.type != "turn_changed");
    const auto m = build_minutes(s.state());
    CHECK(m["mode"] == "written");
    CHECK(m["approved"] == true);
    CHECK(m["open_points"].empty());
    REQUIRE(m["steps"].size() == 9);
    for (int n = 1; n <= 9; ++n) {
        const auto& step = m["steps"][static_cast<std::size_t>(n - 1)];
        INFO("step " << n);
        CHECK(step["deadline"] == at(n, 12, 0));
        CHECK(step["ended_at"] == (n < 9 ? at(n, 9, 14) : at(9, 10, 0)));
    }
    CHECK(m["steps"][3]["categories"][0]["cards"].size() == 2);

    const auto markdown = render_minutes_markdown(m);
    CHECK(markdown.find("- **Form:** schriftliche Fallberatung (Fristen statt Zeitbudgets)\n") !=
          std::string::npos);
    CHECK(markdown.find("## Schritte und Fristen\n\n| Nr. | Schritt | Frist | beendet |\n") !=
          std::string::npos);
    CHECK(markdown.find("| 1 | Fallvorstellung | 19.11.2026, 12:00 | 19.11.2026, 09:14 |") !=
          std::string::npos);
    CHECK(markdown.find("| 9 | Schlussreflexion | 27.11.2026, 12:00 | 27.11.2026, 10:00 |") !=
          std::string::npos);
    CHECK(markdown.find("Schritte und Zeiten") == std::string::npos);

    const auto html = render_minutes_html(m);
    CHECK(html.find("<dt>Form</dt><dd>schriftliche Fallberatung") != std::string::npos);
    CHECK(html.find("<th>Frist</th><th>beendet</th>") != std::string::npos);
    CHECK(html.find("<td>19.11.2026, 12:00</td><td>19.11.2026, 09:14</td>") != std::string::npos);

    check_stored_log_replays(s);
}

TEST_CASE("written: a state patch turns each state of a written, prepared session into the next",
          "[written][patch]") {
    const auto live = written_quality_circle();
    session_state state;
    state_fingerprint print;
    print.remember(state);
    json before = to_json(state);
    for (const auto& e : live.events()) {
        REQUIRE_FALSE(state.apply(e));
        const auto patch = print.advance(state);
        const auto after = to_json(state);
        INFO(e.type);
        REQUIRE(before.patch(patch) == after);
        before = after;
    }
    CHECK(before["cards"][0]["written_beforehand"] == true);
    CHECK(before["steps"][8]["deadline"] == at(9, 12, 0));
}

TEST_CASE("written: the fold refuses deadlines in meetings and unknown modes", "[written]") {
    auto meeting = qz_with_roles();
    const event forged{meeting.data().last_seq + 1, t0, "p1", "step_deadline_set",
                       deadline(1, t0 + day)};
    CHECK(session_state(meeting.state()).apply(forged));

    auto created = std::get<std::vector<event>>(
        create_session(*shipped("qualitaetszirkel"), "JC-2026-017", "", "Mira", t0));
    created[0].data["mode"] = "telepathy";
    CHECK(session_state().apply(created[0]));
    created[0].data["mode"] = 1;
    CHECK(session_state().apply(created[0]));
}

TEST_CASE("written: the wire's create message names the mode", "[written][wire]") {
    const auto parse = [](const std::string& extra) {
        return wire::parse_client_message(
            R"({"type":"create","format":"qualitaetszirkel","case_code":"F-1","name":"M")" + extra +
            "}");
    };
    const auto mode_of = [&](const std::string& extra) {
        const auto parsed = parse(extra);
        const auto* message = std::get_if<wire::client_message>(&parsed);
        REQUIRE(message != nullptr);
        return std::get<wire::create_message>(*message).mode;
    };
    CHECK(mode_of("") == session_mode::meeting);
    CHECK(mode_of(R"(,"mode":"meeting")") == session_mode::meeting);
    CHECK(mode_of(R"(,"mode":"written")") == session_mode::written);
    for (const auto* bad : {R"(,"mode":"Written")", R"(,"mode":1)", R"(,"mode":null)"}) {
        INFO(bad);
        const auto parsed = parse(bad);
        REQUIRE(std::holds_alternative<wire::wire_error>(parsed));
        CHECK(std::get<wire::wire_error>(parsed).code == "invalid_field");
    }
}
