#include "support.hpp"

using namespace casecircle::protocol;
using namespace casecircle::protocol::testing;
using nlohmann::json;

namespace {

session_driver at_step(int step) {
    auto s = qz_with_roles();
    s.ok("p1", "start");
    s.go_to_step(step);
    return s;
}

json decision(const char* date = "2027-01-15") {
    return {{"text", "Ich beantrage eine Reha und begleite die Antragstellung"},
            {"review_date", date}};
}

} // namespace

TEST_CASE("the decision is the presenter's alone", "[decision]") {
    auto s = at_step(8);
    for (const auto* other : {"p1", "p3", "p4", "p5", "p6"}) {
        INFO(other);
        CHECK(s.refused(other, "record_decision", decision()) == "role_forbidden");
    }
    CHECK_FALSE(s.data().decision);
    s.ok("p3", "add_option", {{"text", "Reha beantragen"}});
    s.ok("p4", "add_option", {{"text", "Schuldnerberatung einschalten"}});
    auto d = decision();
    d["option_id"] = "o1";
    const auto events = s.ok("p2", "record_decision", d);
    CHECK(events.front().type == "decision_recorded");
    CHECK(events.front().data["review_date"] == "2027-01-15");
    CHECK(events.front().data["option_id"] == "o1");
    CHECK(s.data().decision->author == "p2");
}

TEST_CASE("decision: review date and option are checked", "[decision]") {
    auto s = at_step(8); // now is 2026-11-18 plus a few minutes (UTC)
    CHECK(s.refused("p2", "record_decision", decision("2026-11-17")) == "invalid_date"); // past
    CHECK(s.refused("p2", "record_decision", decision("2027-02-30")) == "invalid_date");
    CHECK(s.refused("p2", "record_decision", decision("15.01.2027")) == "invalid_date");
    CHECK(s.refused("p2", "record_decision", {{"text", "x"}}) == "invalid_date");
    CHECK(s.refused("p2", "record_decision", {{"review_date", "2027-01-15"}}) == "invalid_field");
    s.ok("p2", "record_decision", decision("2026-11-18")); // today is fine
    auto d = decision();
    d["option_id"] = "o7";
    CHECK(s.refused("p2", "record_decision", d) == "unknown_option");
}

TEST_CASE("backing: each participant and expert, not the presenter, once per decision",
          "[decision]") {
    auto s = at_step(8);
    CHECK(s.refused("p3", "state_backing", {{"vote", "yes"}}) == "no_decision");
    s.ok("p2", "record_decision", decision());
    CHECK(s.refused("p2", "state_backing", {{"vote", "yes"}}) == "role_forbidden");
    CHECK(s.refused("p1", "state_backing", {{"vote", "yes"}}) == "role_forbidden");
    CHECK(s.refused("p5", "state_backing", {{"vote", "yes"}}) == "role_forbidden");
    CHECK(s.refused("p3", "state_backing", {{"vote", "vielleicht"}}) == "invalid_field");
    s.ok("p3", "state_backing", {{"vote", "yes"}});
    s.ok("p4", "state_backing", {{"vote", "no"}, {"note", "Reha ohne Entzug wenig sinnvoll"}});
    s.ok("p3", "state_backing", {{"vote", "abstain"}}); // changing one's mind replaces
    CHECK(s.data().backing.size() == 2);

    auto minutes = build_minutes(s.state());
    CHECK(minutes["backing"]["tally"] == json{{"yes", 0}, {"no", 1}, {"abstain", 1}});
    CHECK(minutes["backing"]["votes"][1]["note"] == "Reha ohne Entzug wenig sinnvoll");
    CHECK(minutes["backing"]["not_stated"] ==
          json::array({{{"id", "p6"}, {"name", "Tina Teilnehmerin"}}}));

    // A new decision must be backed anew.
    s.ok("p2", "record_decision", decision("2027-02-01"));
    CHECK(s.data().backing.empty());
    s.ok("p6", "state_backing", {{"vote", "yes"}});
    minutes = build_minutes(s.state());
    CHECK(minutes["backing"]["tally"] == json{{"yes", 1}, {"no", 0}, {"abstain", 0}});
    CHECK(minutes["review_date"] == "2027-02-01");
}

TEST_CASE("prognosis: ratings 1..5 from everyone but observers, obstacles as cards", "[decision]") {
    auto s = at_step(9);
    CHECK(s.refused("p5", "give_prognosis", {{"rating", 3}}) == "role_forbidden");
    CHECK(s.refused("p3", "give_prognosis", {{"rating", 0}}) == "invalid_field");
    CHECK(s.refused("p3", "give_prognosis", {{"rating", 6}}) == "invalid_field");
    CHECK(s.refused("p3", "give_prognosis", {{"rating", "4"}}) == "invalid_field");
    CHECK(s.refused("p3", "give_prognosis", {{"rating", 4}, {"obstacles", {""}}}) ==
          "invalid_field");
    const auto events =
        s.ok("p3", "give_prognosis",
             {{"rating", 2}, {"obstacles", {"Wohnung unsicher", "Sucht unbehandelt"}}});
    REQUIRE(events.size() == 3);
    CHECK(events[1].type == "card_added");
    CHECK(events[1].data["category"] == "prognose");
    s.ok("p2", "give_prognosis", {{"rating", 4}});
    s.ok("p4", "give_prognosis", {{"rating", 2}});
    s.ok("p4", "give_prognosis", {{"rating", 3}}); // replaces
    s.ok("p1", "give_prognosis", {{"rating", 5}});
    const auto minutes = build_minutes(s.state());
    CHECK(minutes["prognosis"]["distribution"] ==
          json{{"1", 0}, {"2", 1}, {"3", 1}, {"4", 1}, {"5", 1}});
    CHECK(minutes["prognosis"]["count"] == 4);
    CHECK(minutes["prognosis"]["obstacles"].size() == 2);
    CHECK(minutes["prognosis"]["obstacles"][0]["text"] == "Wohnung unsicher");
}

TEST_CASE("closing reflection: the presenter speaks first on the session's quality", "[decision]") {
    auto s = at_step(9);
    CHECK(s.refused("p3", "give_feedback", {{"text", "Gute Atmosphäre"}}) ==
          "presenter_speaks_first");
    CHECK(s.refused("p3", "add_card", {{"category", "sitzungsqualitaet"}, {"text", "x"}}) ==
          "presenter_speaks_first");
    s.ok("p2", "give_feedback", {{"text", "Ich fühle mich entlastet"}});
    s.ok("p3", "give_feedback", {{"text", "Neue Perspektive auf die Sucht"}});
    s.ok("p4", "suggest_improvement", {{"text", "Schritt 2 braucht mehr als eine Minute"}});
    const auto minutes = build_minutes(s.state());
    CHECK(minutes["feedback"].size() == 2);
    CHECK(minutes["feedback"][0]["author"]["id"] == "p2");
    CHECK(minutes["suggestions"].size() == 1);
}
