#include "support.hpp"

using namespace casecircle::protocol;
using namespace casecircle::protocol::testing;
using nlohmann::json;

namespace {

json idea(const char* text, const char* category = "staerken") {
    return {{"category", category}, {"text", text}};
}

session_driver at_step_four() {
    auto s = qz_with_roles(); // round members: p3, p4, p6 (participants and experts, join order)
    s.ok("p1", "start");
    s.go_to_step(4);
    return s;
}

std::vector<std::string> order(const session_driver& s) {
    return s.data().round.order;
}
std::string turn(const session_driver& s) {
    return s.data().round.turn.value_or("-");
}

} // namespace

TEST_CASE("round-robin: order, one card per turn, pass, skip, close", "[round_robin]") {
    auto s = at_step_four();
    CHECK(order(s) == std::vector<std::string>{"p3", "p4", "p6"});
    CHECK(turn(s) == "p3");
    CHECK(s.data().round.round == 1);

    CHECK(s.refused("p4", "add_card", idea("zu früh")) == "not_your_turn");
    CHECK(s.refused("p2", "add_card", idea("Presenter ist nicht in der Runde")) == "not_your_turn");
    CHECK(s.refused("p4", "pass_turn") == "not_your_turn");

    const auto events = s.ok("p3", "add_card", idea("Hat einen Führerschein"));
    REQUIRE(events.size() == 2);
    CHECK(events[0].type == "card_added");
    CHECK(events[1].type == "turn_changed");
    CHECK(events[1].data["reason"] == "card");
    CHECK(turn(s) == "p4");
    CHECK(s.refused("p3", "add_card", idea("noch eine")) == "not_your_turn");

    // The moderator writes as scribe without using anyone's turn.
    CHECK(s.ok("p1", "add_card", idea("Notiert von der Moderation")).size() == 1);
    CHECK(turn(s) == "p4");

    s.ok("p4", "pass_turn");
    CHECK(turn(s) == "p6");
    CHECK(s.data().round.consecutive_passes == 1);
    CHECK(s.refused("p3", "skip_turn") == "role_forbidden");
    s.ok("p1", "skip_turn");
    CHECK(turn(s) == "p3");
    CHECK(s.data().round.round == 2);
    CHECK(s.data().round.consecutive_passes == 2);

    s.ok("p3", "add_card", idea("Schulden", "schwaechen")); // a card resets the passes
    CHECK(s.data().round.consecutive_passes == 0);
    s.ok("p4", "pass_turn");
    s.ok("p6", "pass_turn");
    CHECK(turn(s) == "p3");
    s.ok("p3", "pass_turn");
    // Everyone passed in a row: the round is over and collecting is free.
    CHECK_FALSE(s.data().round.turn);
    CHECK(s.refused("p3", "pass_turn") == "no_round");
    CHECK(s.refused("p1", "skip_turn") == "no_round");
    CHECK(s.ok("p6", "add_card", idea("Nachtrag")).size() == 1);
    CHECK(s.ok("p2", "add_card", idea("Nachtrag der Fallverantwortlichen")).size() == 1);
}

TEST_CASE("round-robin: people leaving, joining and changing roles", "[round_robin]") {
    auto s = at_step_four();
    s.ok("p3", "pass_turn");
    CHECK(turn(s) == "p4");

    // The holder leaves: the turn goes on to the next member.
    const auto left = s.ok("p4", "leave");
    CHECK(left.back().type == "turn_changed");
    CHECK(left.back().data["reason"] == "left");
    CHECK(order(s) == std::vector<std::string>{"p3", "p6"});
    CHECK(turn(s) == "p6");

    // A newcomer joins at the end of the order.
    const auto id = s.join("Nina Neu", "participant");
    CHECK(id == "p7");
    CHECK(order(s) == std::vector<std::string>{"p3", "p6", "p7"});
    CHECK(turn(s) == "p6");

    // An observer joining does not enter the round.
    s.join("Olga", "observer");
    CHECK(order(s) == std::vector<std::string>{"p3", "p6", "p7"});

    // Becoming an observer takes one out of the round; the holder's turn moves on.
    s.ok("p1", "assign_role", {{"participant_id", "p6"}, {"role", "observer"}});
    CHECK(order(s) == std::vector<std::string>{"p3", "p7"});
    CHECK(turn(s) == "p7");

    // Wrapping past the end of the order starts the next round.
    const int round = s.data().round.round;
    s.ok("p7", "add_card", idea("Neue Sicht"));
    CHECK(turn(s) == "p3");
    CHECK(s.data().round.round == round + 1);
}

TEST_CASE("round-robin: a fresh round when the step is entered again", "[round_robin]") {
    auto s = at_step_four();
    s.ok("p3", "pass_turn");
    s.ok("p1", "next_step");
    CHECK(s.data().round.step == 0); // step 5 collects freely
    CHECK(s.ok("p6", "add_card", idea("frei", "was_taete_gut")).size() == 1);
    s.ok("p1", "previous_step");
    CHECK(s.data().current_step == 4);
    CHECK(turn(s) == "p3");
    CHECK(s.data().round.round == 1);
}

TEST_CASE("round-robin: nobody in the round yet, then the first member starts it",
          "[round_robin]") {
    session_driver s("qualitaetszirkel");
    s.join("Paula", "presenter");
    s.ok("p1", "start");
    s.go_to_step(4);
    CHECK(s.data().round.step == 4);
    CHECK(s.data().round.order.empty());
    CHECK_FALSE(s.data().round.turn);
    CHECK(s.ok("p2", "add_card", idea("ohne Runde")).size() == 1);
    s.join("Tom", "participant");
    CHECK(turn(s) == "p3");
    CHECK(s.data().round.round == 1);
    CHECK(s.refused("p2", "add_card", idea("jetzt reihum")) == "not_your_turn");
}
