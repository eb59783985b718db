#include "support.hpp"

#include "protocol/wire.hpp"

using namespace casecircle::protocol;
using namespace casecircle::protocol::testing;
using nlohmann::json;

namespace {

session_driver at_closing_reflection() {
    auto s = qz_with_roles();
    s.ok("p1", "start");
    s.go_to_step(9);
    return s;
}

} // namespace

TEST_CASE("ratings stay hidden in the state and in the events clients get until the reveal",
          "[prognosis]") {
    auto s = at_closing_reflection();
    const auto events = s.ok("p3", "give_prognosis", {{"rating", 2}});
    REQUIRE(events.size() == 1);
    const auto sent = json::parse(wire::event_text(events[0], *s.data().format));
    CHECK_FALSE(sent["data"].contains("rating"));
    CHECK(events[0].data["rating"] == 2); // the stored event keeps it

    const auto state = to_json(s.state());
    REQUIRE(state["prognosis"].size() == 1);
    CHECK(state["prognosis"][0]["participant_id"] == "p3");
    CHECK_FALSE(state["prognosis"][0].contains("rating"));
    CHECK(state["prognosis_revealed"].is_null());
    CHECK(s.refused("p3", "reveal_prognosis") == "role_forbidden");
}

TEST_CASE("the distribution shows once everyone present who is asked has rated", "[prognosis]") {
    auto s = at_closing_reflection();
    // Asked: presenter p2, participants p3 and p6, expert p4; not the observer p5, not the
    // moderator p1.
    for (const auto* who : {"p2", "p3", "p4"}) {
        const auto events = s.ok(who, "give_prognosis", {{"rating", 4}});
        CHECK(events.back().type == "prognosis_given");
    }
    CHECK_FALSE(s.data().prognosis_revealed);
    const auto last = s.ok("p6", "give_prognosis", {{"rating", 1}});
    REQUIRE(last.size() == 2);
    CHECK(last[1].type == "prognosis_revealed");
    CHECK(last[1].data["reason"] == "all_rated");
    const auto state = to_json(s.state());
    CHECK(state["prognosis"][3]["rating"] == 1);
    CHECK(state["prognosis_revealed"]["by"] == "");
    CHECK(s.refused("p1", "reveal_prognosis") == "already_revealed");
    // A change of mind after the reveal is shown at once; no second reveal.
    CHECK(s.ok("p6", "give_prognosis", {{"rating", 2}}).size() == 1);
    CHECK(to_json(s.state())["prognosis"][3]["rating"] == 2);
}

TEST_CASE("someone who left is not waited for", "[prognosis]") {
    auto s = at_closing_reflection();
    s.ok("p4", "leave");
    s.ok("p2", "give_prognosis", {{"rating", 3}});
    s.ok("p3", "give_prognosis", {{"rating", 3}});
    const auto last = s.ok("p6", "give_prognosis", {{"rating", 3}});
    CHECK(last.back().type == "prognosis_revealed");
}

TEST_CASE("the moderator reveals early; the minutes say who did", "[prognosis]") {
    auto s = at_closing_reflection();
    s.ok("p3", "give_prognosis", {{"rating", 5}});
    s.advance(minute);
    const auto events = s.ok("p1", "reveal_prognosis");
    REQUIRE(events.size() == 1);
    CHECK(events[0].data["reason"] == "moderator");
    CHECK(to_json(s.state())["prognosis"][0]["rating"] == 5);
    // Later ratings do not reveal again.
    CHECK(s.ok("p2", "give_prognosis", {{"rating", 4}}).size() == 1);
    const auto minutes = build_minutes(s.state());
    CHECK(minutes["prognosis"]["revealed"]["by"]["id"] == "p1");
    CHECK(minutes["prognosis"]["revealed"]["at"] == s.now());
    check_stored_log_replays(s);
}

TEST_CASE("a format without a prognosis has nothing to reveal", "[prognosis]") {
    session_driver s("fallbesprechung_fachberatung");
    s.join("Paul Vorstellend", "presenter");
    s.ok("p1", "start");
    CHECK(s.refused("p1", "reveal_prognosis") == "wrong_step");
}
