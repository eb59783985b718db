#include "support.hpp"
#include <set>

using namespace casecircle::protocol;
using namespace casecircle::protocol::testing;
using nlohmann::json;

TEST_CASE("creating a session checks the case code is a pseudonym", "[session]") {
    const auto qz = shipped("qualitaetszirkel");
    for (const auto* bad : {"", "   ", "Max Mustermann", "Familie Müller", "JC-2026-017; DROP",
                            "<b>1</b>", "12345678901234567890123456789012345678901"}) {
        INFO(bad);
        const auto created = create_session(*qz, bad, "", "Mira", t0);
        REQUIRE(std::holds_alternative<rejection>(created));
        CHECK(std::get<rejection>(created).code == "invalid_case_code");
    }
    const auto created = create_session(*qz, " JC-2026/017.a_b ", "Titel", "Mira", t0);
    REQUIRE(std::holds_alternative<std::vector<event>>(created));
    const auto& events = std::get<std::vector<event>>(created);
    REQUIRE(events.size() == 2);
    CHECK(events[0].seq == 1);
    CHECK(events[0].type == "session_created");
    CHECK(events[0].data["case_code"] == "JC-2026/017.a_b");
    CHECK(events[0].data["format"] == "qualitaetszirkel");
    CHECK(events[0].data["template"] == qz->source);
    CHECK(events[1].type == "participant_joined");
    CHECK(events[1].data ==
          json{{"participant_id", "p1"}, {"name", "Mira"}, {"role", "moderator"}});
    CHECK(std::get<rejection>(create_session(*qz, "A1", "", "  ", t0)).code == "invalid_field");
    CHECK(std::get<rejection>(create_session(*qz, "A1", std::string(200, 't'), "Mira", t0)).code ==
          "invalid_field");
}

TEST_CASE("joining: ids in join order, roles, limits", "[session]") {
    session_driver s("qualitaetszirkel");
    CHECK(s.join("Paula", "presenter") == "p2");
    CHECK(s.refused("", "join", {{"name", "Zweite"}, {"role", "presenter"}}) == "role_taken");
    CHECK(s.refused("", "join", {{"name", "Chef"}, {"role", "moderator"}}) == "invalid_role");
    CHECK(s.refused("", "join", {{"name", "X"}, {"role", "boss"}}) == "invalid_field");
    CHECK(s.refused("", "join", {{"name", ""}}) == "invalid_field");
    CHECK(s.refused("", "join", {{"name", "Zeile\nUmbruch"}}) == "invalid_field");
    const auto events = s.ok("", "join", {{"name", "Tom"}});
    CHECK(events.front().actor == "p3");
    CHECK(events.front().data["role"] == "participant"); // the default
    for (int i = 4; i <= 100; ++i)
        s.join("Gast " + std::to_string(i), "observer");
    CHECK(s.refused("", "join", {{"name", "Einer zu viel"}}) == "limit_reached");
}

TEST_CASE("roles: handing over moderation and presenting, the advocatus", "[session]") {
    auto s = qz_with_roles();
    CHECK(s.refused("p1", "assign_role", {{"participant_id", "p1"}, {"role", "participant"}}) ==
          "invalid_role");
    CHECK(s.refused("p1", "assign_role", {{"participant_id", "p9"}, {"role", "expert"}}) ==
          "unknown_participant");
    CHECK(s.refused("p1", "assign_role", {{"participant_id", "p3"}}) == "invalid_field");
    CHECK(s.refused("p1", "assign_role", {{"participant_id", "p3"}, {"role", "participant"}}) ==
          "role_taken");
    CHECK(s.refused("p3", "assign_role", {{"participant_id", "p5"}, {"role", "expert"}}) ==
          "role_forbidden");

    // A new presenter replaces the old one, who becomes a participant.
    const auto presenter =
        s.ok("p1", "assign_role", {{"participant_id", "p3"}, {"role", "presenter"}});
    REQUIRE(presenter.size() >= 2);
    CHECK(presenter[1].data ==
          json{{"participant_id", "p2"}, {"role", "participant"}, {"previous_role", "presenter"}});
    CHECK(s.data().find_participant("p2")->role == role::participant);

    // The advocatus must be a participant, and loses the mark on becoming anything else.
    CHECK(s.refused("p1", "assign_advocatus", {{"participant_id", "p4"}}) ==
          "advocatus_must_be_participant");
    s.ok("p1", "assign_advocatus", {{"participant_id", "p6"}});
    const auto demoted = s.ok("p1", "assign_role", {{"participant_id", "p6"}, {"role", "expert"}});
    CHECK(demoted.back().type == "advocatus_assigned");
    CHECK_FALSE(s.data().advocatus);
    s.ok("p1", "assign_advocatus", {{"participant_id", "p2"}});
    s.ok("p1", "assign_advocatus", {{"participant_id", nullptr}});
    CHECK_FALSE(s.data().advocatus);

    // Moderation is handed over, never dropped; the moderator cannot leave.
    CHECK(s.refused("p1", "leave") == "moderator_cannot_leave");
    s.ok("p1", "assign_role", {{"participant_id", "p4"}, {"role", "moderator"}});
    CHECK(s.data().moderator()->id == "p4");
    CHECK(s.data().find_participant("p1")->role == role::participant);
    CHECK(s.refused("p1", "start") == "role_forbidden");
    s.ok("p1", "leave");
    CHECK_FALSE(s.data().find_participant("p1")->present);

    session_driver kfb("kollegiale_fallberatung");
    kfb.join("Tom", "participant");
    CHECK(kfb.refused("p1", "assign_advocatus", {{"participant_id", "p2"}}) ==
          "advocatus_unavailable");
}

TEST_CASE("the flow of steps: start, next, previous, pause, resume, extend, end", "[session]") {
    session_driver s("qualitaetszirkel");
    CHECK(s.refused("p1", "start") == "presenter_missing");
    s.join("Paula", "presenter");
    CHECK(s.refused("p1", "next_step") == "not_started");
    const auto started = s.ok("p1", "start");
    REQUIRE(started.size() == 2);
    CHECK(started[0].type == "session_started");
    CHECK(started[1].data ==
          json{{"step", 1}, {"key", "fallvorstellung"}, {"direction", "forward"}});
    CHECK(s.refused("p1", "start") == "already_started");
    CHECK(s.refused("p1", "previous_step") == "no_previous_step");
    CHECK(s.refused("p1", "resume") == "not_paused");

    s.advance(4 * minute);
    s.ok("p1", "pause");
    CHECK(s.refused("p1", "pause") == "session_paused");
    CHECK(s.refused("p1", "next_step") == "session_paused");
    s.ok("p2", "set_case_summary",
         {{"history", "Während der Pause nachgetragen"}}); // writing is fine
    s.advance(10 * minute);
    s.ok("p1", "extend", {{"minutes", 3}}); // extending while paused is fine too
    s.ok("p1", "resume");
    s.advance(2 * minute);
    s.ok("p1", "next_step");
    s.advance(minute);
    s.ok("p1", "previous_step"); // back to step 1: its time keeps adding up
    s.advance(minute);

    auto timing = s.data().timings[0];
    CHECK(timing.visits.size() == 2);
    CHECK(timing.pauses.size() == 1);
    CHECK(timing.extended_minutes == 3);
    CHECK(timing.active_ms == 6 * minute); // 4 + 2 closed; the running minute is not closed yet
    REQUIRE(timing.running_since);
    CHECK(*timing.running_since == s.now() - minute);
    const auto snapshot = to_json(s.state());
    CHECK(snapshot["timer"] == json{{"step", 1},
                                    {"budget_ms", 13 * minute},
                                    {"active_ms", 6 * minute},
                                    {"running_since", s.now() - minute},
                                    {"paused_since", nullptr}});

    CHECK(s.refused("p1", "extend", {{"minutes", 0}}) == "invalid_field");
    CHECK(s.refused("p1", "extend", {{"minutes", 61}}) == "invalid_field");
    CHECK(s.refused("p1", "extend", {{"minutes", "5"}}) == "invalid_field");
    s.ok("p1", "end");
    const auto m = build_minutes(s.state());
    CHECK(m["steps"][0]["actual_seconds"] == 7 * 60);
    CHECK(m["steps"][0]["paused_seconds"] == 10 * 60);
    CHECK(m["steps"][0]["visits"] == 2);
    CHECK(m["steps"][1]["actual_seconds"] == 60);
}

TEST_CASE("time: a clock going backwards never makes time run backwards", "[session]") {
    session_driver s("qualitaetszirkel");
    s.join("Paula", "presenter");
    s.advance(10 * minute);
    s.ok("p1", "start");
    s.advance(-5 * minute);
    const auto events = s.ok("p1", "next_step");
    CHECK(events.front().at == t0 + 10 * minute); // clamped to the last event's time
    CHECK(s.data().timings[0].active_ms == 0);
}

TEST_CASE("the system actor carries in the previous session and may end a room", "[session]") {
    session_driver s("qualitaetszirkel");
    CHECK(s.refused("system", "link_previous_session", {{"previous_session_id", "s1"}}) ==
          "invalid_field");
    CHECK(s.refused(
              "system", "link_previous_session",
              {{"previous_session_id", "s1"}, {"decision", "d"}, {"review_date", "1.1.2027"}}) ==
          "invalid_field");
    CHECK(s.refused("system", "link_previous_session",
                    {{"previous_session_id", "s1"},
                     {"decision", "d"},
                     {"prognosis_distribution", {1, 2}}}) == "invalid_field");
    const auto linked = s.ok("system", "link_previous_session",
                             {{"previous_session_id", "s1"}, {"decision", "Termin"}});
    CHECK(linked.front().actor == "system");
    CHECK(linked.front().data["review_date"] == "");
    CHECK(s.data().previous->decision == "Termin");
    CHECK(s.refused("system", "start") == "role_forbidden");
    s.ok("system", "end");
    CHECK(s.data().ended);
}

TEST_CASE("cards: edit and withdraw by the author while the step is open, move and group by the "
          "moderator",
          "[session]") {
    auto s = qz_with_roles();
    s.ok("p1", "start");
    s.go_to_step(5);
    s.ok("p3", "add_card", {{"category", "was_taete_gut"}, {"text", "Ruhe"}});   // c1
    s.ok("p4", "add_card", {{"category", "was_taete_gut"}, {"text", "Arbeit"}}); // c2
    CHECK(s.refused("p3", "add_card", {{"category", "staerken"}, {"text", "x"}}) ==
          "unknown_category");
    CHECK(s.refused("p3", "add_card", {{"text", "x"}}) == "invalid_field");
    CHECK(s.refused("p3", "add_card",
                    {{"category", "was_taete_gut"}, {"text", std::string(501, 'x')}}) ==
          "invalid_field");
    CHECK(s.refused("p4", "edit_card", {{"card_id", "c1"}, {"text", "fremd"}}) == "not_author");
    CHECK(s.refused("p3", "edit_card", {{"card_id", "c9"}, {"text", "x"}}) == "unknown_card");
    s.ok("p3", "edit_card", {{"card_id", "c1"}, {"text", "Ruhe und Zeit"}});
    CHECK(s.data().find_card("c1")->text == "Ruhe und Zeit");
    CHECK(s.refused("p3", "move_card", {{"card_id", "c1"}, {"category", "was_taete_gut"}}) ==
          "role_forbidden");
    CHECK(s.refused("p1", "group_cards", {{"card_ids", {"c1", "c1"}}, {"label", "x"}}) ==
          "invalid_field");
    CHECK(s.refused("p1", "group_cards", {{"card_ids", {"c1", "c7"}}, {"label", "x"}}) ==
          "unknown_card");
    CHECK(s.refused("p1", "group_cards", {{"card_ids", json::array()}, {"label", "x"}}) ==
          "invalid_field");
    s.ok("p1", "group_cards", {{"card_ids", {"c1", "c2"}}, {"label", "Alltag"}});
    s.ok("p1", "group_cards",
         {{"card_ids", {"c2"}}, {"label", "Arbeit"}}); // c2 moves to the new group
    CHECK(s.data().find_group("g1")->card_ids == std::vector<std::string>{"c1"});
    s.ok("p3", "withdraw_card", {{"card_id", "c1"}}); // the emptied group disappears
    CHECK_FALSE(s.data().find_group("g1"));
    CHECK(s.refused("p3", "withdraw_card", {{"card_id", "c1"}}) == "unknown_card");
    CHECK(s.refused("p1", "ungroup_cards", {{"group_id", "g1"}}) == "unknown_group");
    s.ok("p1", "ungroup_cards", {{"group_id", "g2"}});
    CHECK(s.data().groups.empty());

    s.ok("p1", "next_step");
    CHECK(s.refused("p4", "edit_card", {{"card_id", "c2"}, {"text", "später"}}) == "step_closed");
    CHECK(s.refused("p4", "withdraw_card", {{"card_id", "c2"}}) == "step_closed");
    s.ok("p1", "move_card",
         {{"card_id", "c2"}, {"category", "was_taete_gut"}}); // tidying an earlier board
    CHECK(s.refused("p1", "move_card", {{"card_id", "c2"}, {"category", "vorhandene_hilfe"}}) ==
          "unknown_category");
    s.ok("p1", "previous_step");
    s.ok("p4", "edit_card", {{"card_id", "c2"}, {"text", "Arbeit, die Sinn hat"}}); // open again
}

TEST_CASE("options: added in the options step, withdrawn by their author", "[session]") {
    auto s = qz_with_roles();
    s.ok("p1", "start");
    s.go_to_step(8);
    s.ok("p3", "add_option", {{"text", "Reha"}});
    CHECK(s.refused("p4", "withdraw_option", {{"option_id", "o1"}}) == "not_author");
    CHECK(s.refused("p3", "withdraw_option", {{"option_id", "o5"}}) == "unknown_option");
    s.ok("p3", "withdraw_option", {{"option_id", "o1"}});
    CHECK(s.refused("p2", "record_decision",
                    {{"text", "x"}, {"review_date", "2027-01-01"}, {"option_id", "o1"}}) ==
          "unknown_option");
    CHECK(build_minutes(s.state())["options"].empty());
}

TEST_CASE("every rejection code has a German and an English message", "[session]") {
    const auto all = all_rejections();
    CHECK(all.size() == 50);
    std::set<std::string> codes;
    for (const auto& r : all) {
        INFO(r.code);
        CHECK(codes.insert(r.code).second);
        CHECK_FALSE(r.message_de.empty());
        CHECK_FALSE(r.message_en.empty());
        CHECK(r.message_de != r.message_en);
    }
    const auto field = reject_field("text");
    CHECK(field.code == "invalid_field");
    CHECK_THAT(field.message_de, Catch::Contains("„text“"));
    CHECK_THAT(field.message_en, Catch::Contains("\"text\""));
}
