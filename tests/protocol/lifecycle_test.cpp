#include "invariants.hpp"
#include "protocol/minutes_html.hpp"
#include "support.hpp"

using namespace casecircle::protocol;
using namespace casecircle::protocol::testing;
using nlohmann::json;

// Lifecycles (issue #15): a session can be called off, its draft minutes discarded, a person
// removed from it or entering it again, and the server can end an idle room.

namespace {

std::vector<std::string> types_of(const std::vector<event>& events) {
    std::vector<std::string> out;
    for (const auto& e : events)
        out.push_back(e.type);
    return out;
}

// The live state and the state replayed from its log (through JSON) are the same.
void check_replays(const session_driver& s) {
    std::vector<event> reloaded;
    for (const auto& e : s.events())
        reloaded.push_back(*event_from_json(json::parse(to_json(e).dump())));
    auto replayed = replay(reloaded);
    REQUIRE(std::holds_alternative<session_state>(replayed));
    CHECK(to_json(std::get<session_state>(replayed)).dump() == to_json(s.state()).dump());
    CHECK(broken_invariants(s.data()).empty());
}

session_driver ended_session() {
    auto s = qz_with_roles();
    s.ok("p1", "start");
    s.advance(minute);
    s.ok("p1", "end");
    return s;
}

// A quality circle in step 4 (reihum: p3, p4, p6; p3's turn) with p3 as advocatus diaboli.
session_driver in_round() {
    auto s = qz_with_roles();
    s.ok("p1", "assign_advocatus", {{"participant_id", "p3"}});
    s.ok("p1", "start");
    s.go_to_step(4);
    REQUIRE(s.data().round.order == std::vector<std::string>{"p3", "p4", "p6"});
    REQUIRE(s.data().round.turn == "p3");
    return s;
}

} // namespace

TEST_CASE("cancel_session: the moderator calls a session off, with a reason", "[lifecycle]") {
    auto s = qz_with_roles();
    for (const auto* other : {"p2", "p3", "p4", "p5"}) {
        INFO(other);
        CHECK(s.refused(other, "cancel_session", {{"reason", "no_case"}}) == "role_forbidden");
    }
    CHECK(s.refused("system", "cancel_session", {{"reason", "no_case"}}) == "role_forbidden");
    CHECK(s.refused("p1", "cancel_session") == "invalid_field");
    CHECK(s.refused("p1", "cancel_session", {{"reason", "keine_lust"}}) == "invalid_field");
    CHECK(s.refused("p1", "cancel_session", {{"reason", 3}}) == "invalid_field");
    // "other" needs a note.
    CHECK(s.refused("p1", "cancel_session", {{"reason", "other"}}) == "invalid_field");
    CHECK(s.refused("p1", "cancel_session", {{"reason", "other"}, {"note", "   "}}) ==
          "invalid_field");
    CHECK(s.refused("p1", "cancel_session",
                    {{"reason", "no_case"}, {"note", std::string(301, 'x')}}) == "invalid_field");
    CHECK(s.refused("p1", "cancel_session", {{"reason", "no_case"}, {"note", 5}}) ==
          "invalid_field");
    CHECK_FALSE(s.data().ended);

    s.advance(minute);
    const auto events = s.ok("p1", "cancel_session", {{"reason", "too_few_present"}});
    REQUIRE(events.size() == 1);
    CHECK(events[0].type == "session_cancelled");
    CHECK(events[0].actor == "p1");
    CHECK(events[0].data == json{{"reason", "too_few_present"}, {"note", ""}, {"step", 0}});

    CHECK(s.data().ended);
    CHECK(s.data().ended_at == s.now());
    CHECK(s.data().ended_reason == "cancelled");
    const auto snapshot = to_json(s.state());
    CHECK(snapshot["ended"] == true);
    CHECK(snapshot["ended_reason"] == "cancelled");
    CHECK(snapshot["cancellation"] ==
          json{{"reason", "too_few_present"}, {"note", ""}, {"by", "p1"}, {"at", s.now()}});
    CHECK(snapshot["discard"].is_null());
    check_replays(s);
}

TEST_CASE("cancel_session during a paused session with a note; then nothing but people",
          "[lifecycle]") {
    auto s = in_round();
    s.ok("p1", "pause");
    s.advance(minute);
    const auto events =
        s.ok("p1", "cancel_session",
             {{"reason", "other"}, {"note", "  Fall vertagt.\nNeuer Termin folgt."}});
    CHECK(events[0].data ==
          json{{"reason", "other"}, {"note", "Fall vertagt.\nNeuer Termin folgt."}, {"step", 4}});
    CHECK_FALSE(s.data().paused_since);
    CHECK(s.data().round.step == 0);

    CHECK(s.refused("p1", "cancel_session", {{"reason", "no_case"}}) == "session_ended");
    CHECK(s.refused("p1", "end") == "session_ended");
    CHECK(s.refused("p1", "approve_minutes") == "session_cancelled");
    CHECK(s.refused("p1", "discard_minutes", {{"reason", "Testlauf"}}) == "session_cancelled");
    CHECK(s.refused("p3", "approve_minutes") == "role_forbidden");
    s.ok("p1", "remove_participant", {{"participant_id", "p4"}});

    // The server refuses to show them, but the minutes of a cancelled session build and render.
    const auto minutes = build_minutes(s.state());
    CHECK(minutes["ended"] == true);
    CHECK_FALSE(render_minutes_markdown(minutes).empty());
    CHECK_FALSE(render_minutes_html(minutes).empty());
    check_replays(s);
}

TEST_CASE("the minutes of a session cancelled before its start build", "[lifecycle]") {
    session_driver s("fallkonferenz");
    s.ok("p1", "cancel_session", {{"reason", "case_withdrawn"}});
    const auto minutes = build_minutes(s.state());
    CHECK(minutes["started_at"].is_null());
    CHECK_FALSE(render_minutes_markdown(minutes).empty());
    CHECK_FALSE(render_minutes_html(minutes).empty());
    CHECK(std::holds_alternative<json>(build_minutes(s.events())));
}

TEST_CASE("discard_minutes: after the end, once, instead of an approval", "[lifecycle]") {
    auto running = qz_with_roles();
    running.ok("p1", "start");
    CHECK(running.refused("p1", "discard_minutes", {{"reason", "Testlauf"}}) == "not_ended");

    auto s = ended_session();
    for (const auto* other : {"p2", "p3", "p4", "p5"}) {
        INFO(other);
        CHECK(s.refused(other, "discard_minutes", {{"reason", "Testlauf"}}) == "role_forbidden");
    }
    CHECK(s.refused("system", "discard_minutes", {{"reason", "Testlauf"}}) == "role_forbidden");
    CHECK(s.refused("p1", "discard_minutes") == "invalid_field");
    CHECK(s.refused("p1", "discard_minutes", {{"reason", " "}}) == "invalid_field");
    CHECK(s.refused("p1", "discard_minutes", {{"reason", std::string(501, 'x')}}) ==
          "invalid_field");

    s.advance(minute);
    const auto events =
        s.ok("p1", "discard_minutes", {{"reason", "Nur ein Probelauf\nbitte nicht archivieren"}});
    REQUIRE(events.size() == 1);
    CHECK(events[0].type == "minutes_discarded");
    CHECK(events[0].actor == "p1");
    CHECK(events[0].data == json{{"reason", "Nur ein Probelauf\nbitte nicht archivieren"}});
    CHECK(to_json(s.state())["discard"] ==
          json{{"reason", "Nur ein Probelauf\nbitte nicht archivieren"},
               {"by", "p1"},
               {"at", s.now()}});
    CHECK(to_json(s.state())["cancellation"].is_null());
    CHECK(to_json(s.state())["ended_reason"] == "moderator");

    CHECK(s.refused("p1", "approve_minutes") == "minutes_discarded");
    CHECK(s.refused("p1", "discard_minutes", {{"reason", "nochmal"}}) == "minutes_discarded");
    check_replays(s);

    auto approved = ended_session();
    approved.ok("p1", "approve_minutes");
    CHECK(approved.refused("p1", "discard_minutes", {{"reason", "zu spät"}}) == "already_approved");
}

TEST_CASE("remove_participant: who may, whom, and what follows in a round", "[lifecycle]") {
    auto s = in_round();
    CHECK(s.refused("p3", "remove_participant", {{"participant_id", "p4"}}) == "role_forbidden");
    CHECK(s.refused("p2", "remove_participant", {{"participant_id", "p4"}}) == "role_forbidden");
    CHECK(s.refused("system", "remove_participant", {{"participant_id", "p4"}}) ==
          "role_forbidden");
    CHECK(s.refused("p1", "remove_participant") == "invalid_field");
    CHECK(s.refused("p1", "remove_participant", {{"participant_id", 3}}) == "invalid_field");
    CHECK(s.refused("p1", "remove_participant", {{"participant_id", "p99"}}) ==
          "unknown_participant");
    CHECK(s.refused("p1", "remove_participant", {{"participant_id", "p1"}}) ==
          "cannot_remove_moderator");

    // p3 is the advocatus and holds the turn: the same follows as when they leave.
    s.advance(minute);
    const auto events = s.ok("p1", "remove_participant", {{"participant_id", "p3"}});
    CHECK(types_of(events) ==
          std::vector<std::string>{"participant_removed", "advocatus_assigned", "turn_changed"});
    CHECK(events[0].actor == "p1");
    CHECK(events[0].data == json{{"participant_id", "p3"}});
    CHECK(events[1].data == json{{"participant_id", nullptr}});
    CHECK(events[2].data["order"] == json{"p4", "p6"});
    CHECK(events[2].data["participant_id"] == "p4");
    CHECK(events[2].data["reason"] == "left");

    const auto* p3 = s.data().find_participant("p3");
    CHECK_FALSE(p3->present);
    CHECK(p3->removed);
    CHECK(p3->left_at == s.now());
    CHECK_FALSE(s.data().advocatus);
    const auto snapshot = to_json(s.state());
    CHECK(snapshot["participants"][2]["removed"] == true);
    CHECK(snapshot["participants"][3]["removed"] == false);

    // Their own commands are refused like those of someone who left; they cannot come back.
    CHECK(s.refused("p3", "add_card", {{"category", "staerken"}, {"text", "x"}}) ==
          "not_a_participant");
    CHECK(s.refused("p3", "leave") == "not_a_participant");
    CHECK(s.refused("p3", "rejoin") == "removed_from_session");
    CHECK(s.refused("p1", "remove_participant", {{"participant_id", "p3"}}) ==
          "unknown_participant");
    CHECK(s.refused("p1", "assign_role", {{"participant_id", "p3"}, {"role", "expert"}}) ==
          "unknown_participant");
    check_replays(s);
}

TEST_CASE("remove_participant: someone who left, the presenter, and after the end", "[lifecycle]") {
    auto s = qz_with_roles();
    s.ok("p1", "start");
    s.ok("p6", "leave");
    const auto left_at = s.data().find_participant("p6")->left_at;
    s.advance(minute);
    const auto events = s.ok("p1", "remove_participant", {{"participant_id", "p6"}});
    CHECK(types_of(events) == std::vector<std::string>{"participant_removed"});
    CHECK(s.data().find_participant("p6")->left_at == left_at); // they left before
    CHECK(s.data().find_participant("p6")->removed);

    s.ok("p1", "end");
    s.advance(minute);
    // After the end: so that the draft minutes are no longer theirs to read.
    CHECK(types_of(s.ok("p1", "remove_participant", {{"participant_id", "p2"}})) ==
          std::vector<std::string>{"participant_removed"});
    CHECK(s.refused("p2", "rejoin") == "removed_from_session");
    CHECK(s.refused("p5", "remove_participant", {{"participant_id", "p4"}}) == "role_forbidden");
    s.ok("p1", "approve_minutes");
    s.ok("p1", "remove_participant", {{"participant_id", "p4"}});
    CHECK_FALSE(build_minutes(s.state()).empty());
    check_replays(s);
}

TEST_CASE("rejoin: present means nothing to record; who left comes back", "[lifecycle]") {
    auto s = qz_with_roles();
    CHECK(s.refused("p99", "rejoin") == "not_a_participant");
    CHECK(s.refused("", "rejoin") == "not_a_participant");
    CHECK(s.refused("system", "rejoin") == "role_forbidden");

    // Another device of someone present: a valid outcome without events.
    const auto seq = s.data().last_seq;
    const auto nothing = s.run("p3", "rejoin");
    REQUIRE(std::holds_alternative<std::vector<event>>(nothing));
    CHECK(std::get<std::vector<event>>(nothing).empty());
    CHECK(s.data().last_seq == seq);
    CHECK(std::get<std::vector<event>>(s.run("p1", "rejoin")).empty());

    s.ok("p5", "leave");
    s.advance(minute);
    const auto events = s.ok("p5", "rejoin", {{"ignored", true}});
    CHECK(types_of(events) == std::vector<std::string>{"participant_rejoined"});
    CHECK(events[0].actor == "p5");
    CHECK(events[0].data == json{{"participant_id", "p5"}});
    const auto* p5 = s.data().find_participant("p5");
    CHECK(p5->present);
    CHECK_FALSE(p5->left_at);
    CHECK(p5->role == role::observer);
    CHECK(to_json(s.state())["participants"][4]["present"] == true);
    check_replays(s);
}

TEST_CASE("rejoin during a round: appended like a newcomer; the order then holds", "[lifecycle]") {
    auto s = in_round();
    s.ok("p3", "leave"); // the turn goes to p4
    CHECK(s.data().round.order == std::vector<std::string>{"p4", "p6"});
    s.advance(minute);
    const auto events = s.ok("p3", "rejoin");
    CHECK(types_of(events) == std::vector<std::string>{"participant_rejoined", "turn_changed"});
    CHECK(events[1].data["order"] == json{"p4", "p6", "p3"});
    CHECK(events[1].data["participant_id"] == "p4");
    CHECK(events[1].data["reason"] == "joined");
    CHECK(s.data().round.order == std::vector<std::string>{"p4", "p6", "p3"});
    CHECK_FALSE(s.data().advocatus); // the AD mark went with the leaving and does not come back

    // Members who stay keep their places when others go or come.
    s.ok("p6", "leave");
    CHECK(s.data().round.order == std::vector<std::string>{"p4", "p3"});
    s.join("Neu", "participant"); // p7
    CHECK(s.data().round.order == std::vector<std::string>{"p4", "p3", "p7"});
    s.ok("p1", "assign_role", {{"participant_id", "p5"}, {"role", "participant"}});
    CHECK(s.data().round.order == std::vector<std::string>{"p4", "p3", "p7", "p5"});
    // An observer returning is not in the round.
    s.ok("p5", "leave");
    CHECK(s.data().round.order == std::vector<std::string>{"p4", "p3", "p7"});
    s.ok("p1", "assign_role", {{"participant_id", "p7"}, {"role", "observer"}});
    s.ok("p7", "leave");
    CHECK(types_of(s.ok("p7", "rejoin")) == std::vector<std::string>{"participant_rejoined"});
    // The next step starts its round in join order again.
    s.go_to_step(5);
    s.ok("p1", "previous_step");
    CHECK(s.data().round.order == std::vector<std::string>{"p3", "p4"});
    check_replays(s);
}

TEST_CASE("rejoin: a presenter who left comes back as a participant if another presents",
          "[lifecycle]") {
    auto s = qz_with_roles();
    s.ok("p2", "leave");
    s.ok("p1", "assign_role", {{"participant_id", "p3"}, {"role", "presenter"}});
    const auto events = s.ok("p2", "rejoin");
    CHECK(types_of(events) == std::vector<std::string>{"participant_rejoined", "role_changed"});
    CHECK(events[1].data ==
          json{{"participant_id", "p2"}, {"role", "participant"}, {"previous_role", "presenter"}});
    CHECK(s.data().find_participant("p2")->role == role::participant);

    // Nobody took over: the presenter comes back as presenter.
    auto t = qz_with_roles();
    t.ok("p2", "leave");
    CHECK(types_of(t.ok("p2", "rejoin")) == std::vector<std::string>{"participant_rejoined"});
    CHECK(t.data().find_participant("p2")->role == role::presenter);
    check_replays(s);
    check_replays(t);
}

TEST_CASE("rejoin after the end", "[lifecycle]") {
    auto s = qz_with_roles();
    s.ok("p1", "start");
    s.ok("p4", "leave");
    s.ok("p1", "end");
    CHECK(types_of(s.ok("p4", "rejoin")) == std::vector<std::string>{"participant_rejoined"});
    CHECK(std::get<std::vector<event>>(s.run("p4", "rejoin")).empty());
    CHECK(s.refused("p4", "add_card", {{"category", "x"}, {"text", "y"}}) == "session_ended");
    check_replays(s);
}

TEST_CASE("end: the moderator's or the server's for an idle room", "[lifecycle]") {
    auto s = qz_with_roles();
    s.ok("p1", "start");
    CHECK(s.refused("p1", "end", {{"reason", "idle"}}) == "invalid_field");
    CHECK(s.refused("p1", "end", {{"reason", "moderator"}}) == "invalid_field");
    CHECK(s.refused("system", "end", {{"reason", "moderator"}}) == "invalid_field");
    CHECK(s.refused("system", "end", {{"reason", "schlafen"}}) == "invalid_field");
    CHECK(s.refused("system", "end", {{"reason", 1}}) == "invalid_field");
    CHECK(s.refused("p3", "end", {{"reason", "idle"}}) == "role_forbidden");

    auto idle = s;
    const auto events = idle.ok("system", "end", {{"reason", "idle"}});
    CHECK(events[0].data == json{{"step", 1}, {"reason", "idle"}});
    CHECK(idle.data().ended_reason == "idle");
    CHECK(to_json(idle.state())["ended_reason"] == "idle");
    check_replays(idle);

    CHECK(to_json(s.state())["ended_reason"].is_null());
    const auto by_moderator = s.ok("p1", "end", {{"reason", nullptr}});
    CHECK(by_moderator[0].data == json{{"step", 1}, {"reason", "moderator"}});
    CHECK(to_json(s.state())["ended_reason"] == "moderator");
    check_replays(s);
}

TEST_CASE("old logs: session_ended without a reason was the moderator's", "[lifecycle]") {
    auto s = ended_session();
    auto events = s.events();
    events.back().data.erase("reason");
    auto replayed = replay(events);
    REQUIRE(std::holds_alternative<session_state>(replayed));
    CHECK(std::get<session_state>(replayed).data().ended_reason == "moderator");
}

TEST_CASE("the fold refuses lifecycle events that cannot have happened", "[lifecycle]") {
    const auto fails_after = [](std::vector<event> events, std::string type, json data,
                                std::string actor = "p1") {
        events.push_back({events.size() + 1, events.back().at, std::move(actor), std::move(type),
                          std::move(data)});
        return std::holds_alternative<fold_error>(replay(events));
    };
    const auto running = qz_with_roles();
    const auto ended = ended_session();
    CHECK(fails_after(ended.events(), "session_cancelled",
                      {{"reason", "no_case"}, {"note", ""}, {"step", 1}}));
    CHECK(fails_after(running.events(), "session_cancelled", {{"reason", "no_case"}}));
    CHECK(fails_after(running.events(), "minutes_discarded", {{"reason", "x"}}));
    CHECK(fails_after(ended.events(), "session_ended", {{"step", 1}, {"reason", "lunch"}}));
    CHECK(fails_after(running.events(), "session_ended", {{"step", 0}, {"reason", "lunch"}}));
    CHECK(fails_after(running.events(), "participant_removed", {{"participant_id", "p1"}}));
    CHECK(fails_after(running.events(), "participant_removed", {{"participant_id", "p9"}}));
    CHECK(fails_after(running.events(), "participant_rejoined", {{"participant_id", "p3"}}, "p3"));

    auto discarded = ended_session();
    discarded.ok("p1", "discard_minutes", {{"reason", "Probe"}});
    CHECK(fails_after(discarded.events(), "minutes_approved", {{"closing_remark", ""}}));
    auto cancelled = qz_with_roles();
    cancelled.ok("p1", "cancel_session", {{"reason", "no_case"}});
    CHECK(fails_after(cancelled.events(), "minutes_approved", {{"closing_remark", ""}}));
    CHECK(fails_after(cancelled.events(), "minutes_discarded", {{"reason", "x"}}));
    auto removed = qz_with_roles();
    removed.ok("p1", "remove_participant", {{"participant_id", "p3"}});
    CHECK(fails_after(removed.events(), "participant_rejoined", {{"participant_id", "p3"}}, "p3"));
    CHECK(fails_after(removed.events(), "participant_removed", {{"participant_id", "p3"}}));
}
