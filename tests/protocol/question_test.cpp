#include "support.hpp"

using namespace casecircle::protocol;
using namespace casecircle::protocol::testing;
using nlohmann::json;

TEST_CASE("question negotiation: original, alternatives, the valid one", "[question]") {
    auto s = qz_with_roles();
    s.ok("p1", "start");
    s.go_to_step(2);
    CHECK(s.refused("p3", "set_question", {{"text", "Meine Frage"}}) == "role_forbidden");
    CHECK(s.refused("p2", "set_question", {{"text", "   "}}) == "invalid_field");
    s.ok("p2", "set_question", {{"text", "Wie erreiche ich, dass Herr K. Termine wahrnimmt?"}});
    s.ok("p2", "set_question",
         {{"text", "Wie kann ich K. zu verlässlichen Terminen bewegen?"}}); // restated
    CHECK(s.data().question->text == "Wie kann ich K. zu verlässlichen Terminen bewegen?");
    CHECK(s.refused("p1", "choose_question", {{"question_id", "original"}}) == "wrong_step");

    s.go_to_step(3);
    CHECK(s.refused("p2", "set_question", {{"text", "zu spät"}}) == "wrong_step");
    CHECK(s.refused("p2", "propose_alternative_question", {{"text", "x"}}) == "role_forbidden");
    s.ok("p1", "assign_advocatus", {{"participant_id", "p6"}});
    const auto first =
        s.ok("p3", "propose_alternative_question", {{"text", "Was braucht K., um anzukommen?"}});
    CHECK(first.front().data["question_id"] == "a1");
    CHECK(first.front().data["advocatus"] == false);
    const auto second =
        s.ok("p6", "propose_alternative_question", {{"text", "Ist CM überhaupt zuständig?"}});
    CHECK(second.front().data["question_id"] == "a2");
    CHECK(second.front().data["advocatus"] == true); // the AD's proposal is marked
    s.ok("p4", "propose_alternative_question", {{"text", "Welche Rolle spielt die Sucht?"}});
    CHECK(s.data().alternatives.size() == 3);

    CHECK(s.refused("p3", "choose_question", {{"question_id", "a1"}}) == "role_forbidden");
    CHECK(s.refused("p1", "choose_question", {{"question_id", "a9"}}) == "unknown_question");
    CHECK(s.refused("p1", "choose_question", {}) == "invalid_field");
    const auto chosen = s.ok("p1", "choose_question", {{"question_id", "a1"}});
    CHECK(chosen.front().data["text"] == "Was braucht K., um anzukommen?");
    s.ok("p1", "choose_question", {{"question_id", "original"}}); // the group may come back to it
    CHECK(s.data().chosen->question_id == "original");
    s.ok("p1", "choose_question", {{"question_id", "a1"}});

    const auto minutes = build_minutes(s.state());
    CHECK(minutes["question"]["original"]["text"] ==
          "Wie kann ich K. zu verlässlichen Terminen bewegen?");
    CHECK(minutes["question"]["alternatives"].size() == 3);
    CHECK(minutes["question"]["alternatives"][1]["advocatus"] == true);
    CHECK(minutes["question"]["valid"]["question_id"] == "a1");
    CHECK(minutes["question"]["valid"]["chosen"] == true);
}

TEST_CASE("without a choice the presenter's question stays valid", "[question]") {
    auto s = qz_with_roles();
    s.ok("p1", "start");
    s.go_to_step(2);
    CHECK(s.refused("p1", "choose_question", {{"question_id", "original"}}) == "wrong_step");
    s.go_to_step(3);
    CHECK(s.refused("p1", "choose_question", {{"question_id", "original"}}) == "unknown_question");
    s.ok("p1", "previous_step");
    s.ok("p2", "set_question", {{"text", "Frage"}});
    s.go_to_step(4);
    const auto minutes = build_minutes(s.state());
    CHECK(minutes["question"]["valid"]["text"] == "Frage");
    CHECK(minutes["question"]["valid"]["chosen"] == false);
}
