#include "full_session.hpp"

#include "protocol/draft_targets.hpp"
#include "protocol/minutes_html.hpp"

using namespace casecircle::protocol;
using namespace casecircle::protocol::testing;
using nlohmann::json;

namespace {

bool mentions(const json& minutes, const std::string& text) {
    return minutes.dump().find(text) != std::string::npos;
}

} // namespace

TEST_CASE(
    "the moderator redacts any card; the text is gone from state and minutes, the reason stays",
    "[changes]") {
    auto s = full_quality_circle();
    // c3 was written by p3: not the moderator's own card.
    REQUIRE(s.data().find_card("c3")->text == "Schulden");
    CHECK(s.refused("p3", "redact", {{"target", "card:c3"}, {"reason", "Name"}}) ==
          "role_forbidden");
    CHECK(s.refused("p1", "redact", {{"target", "card:c99"}, {"reason", "Name"}}) ==
          "unknown_target");
    CHECK(s.refused("p1", "redact", {{"target", "nonsense"}, {"reason", "Name"}}) ==
          "unknown_target");
    CHECK(s.refused("p1", "redact", {{"target", "card:c3"}}) == "invalid_field");

    s.advance(minute);
    const auto events = s.ok("p1", "redact", {{"target", "card:c3"}, {"reason", "Klarname"}});
    REQUIRE(events.size() == 1);
    CHECK(events[0].type == "text_redacted");
    CHECK(s.data().find_card("c3")->text == draft_targets::redacted_text);
    CHECK(s.refused("p1", "redact", {{"target", "card:c3"}, {"reason", "noch mal"}}) ==
          "already_redacted");

    const auto minutes = build_minutes(s.state());
    CHECK_FALSE(mentions(minutes["steps"], "\"Schulden\""));
    REQUIRE(minutes["changes"].size() == 1);
    CHECK(minutes["changes"][0]["kind"] == "redaction");
    CHECK(minutes["changes"][0]["label"] == "Karte c3");
    CHECK(minutes["changes"][0]["reason"] == "Klarname");
    CHECK(minutes["changes"][0]["by"]["id"] == "p1");
    CHECK(minutes["changes"][0]["at"] == s.now());
    CHECK_FALSE(minutes["changes"][0].contains("before"));
    const auto md = render_minutes_markdown(minutes);
    CHECK(md.find("Änderungen vor der Freigabe") != std::string::npos);
    CHECK(md.find("Geschwärzt: Karte c3") != std::string::npos);
    check_stored_log_replays(s);
}

TEST_CASE("a redacted chosen question is gone from both places it is kept", "[changes]") {
    auto s = full_quality_circle();
    // a1 was chosen: the chosen question keeps a copy of its text.
    const auto text = s.data().chosen->text;
    REQUIRE(s.data().chosen->question_id == "a1");
    s.ok("p1", "redact", {{"target", "alternative:a1"}, {"reason", "Adresse"}});
    CHECK(s.data().chosen->text == draft_targets::redacted_text);
    CHECK_FALSE(mentions(build_minutes(s.state()), text));
}

TEST_CASE("corrections keep a trace; a later redaction blanks the trace too", "[changes]") {
    auto s = full_quality_circle();
    const auto old_decision = s.data().decision->text;
    CHECK(s.refused("p1", "correct_record", {{"target", "card:c1"}, {"text", "x"}}) ==
          "unknown_target"); // cards are people's own words
    CHECK(s.refused("p1", "correct_record", {{"target", "decision"}}) == "invalid_field");
    CHECK(s.refused("p1", "correct_record", {{"target", "decision"}, {"text", old_decision}}) ==
          "invalid_field");
    CHECK(s.refused("p2", "correct_record", {{"target", "decision"}, {"text", "y"}}) ==
          "role_forbidden");

    s.ok("p1", "correct_record",
         {{"target", "decision"}, {"text", "Termin mit Herrn Meier bei der Schuldnerberatung"}});
    CHECK(s.data().decision->text == "Termin mit Herrn Meier bei der Schuldnerberatung");
    auto minutes = build_minutes(s.state());
    REQUIRE(minutes["changes"].size() == 1);
    CHECK(minutes["changes"][0]["kind"] == "correction");
    CHECK(minutes["changes"][0]["before"] == old_decision);
    CHECK(minutes["decision"]["text"] == "Termin mit Herrn Meier bei der Schuldnerberatung");

    s.ok("p1", "redact", {{"target", "decision"}, {"reason", "Name eines Dritten"}});
    minutes = build_minutes(s.state());
    CHECK_FALSE(mentions(minutes, "Meier"));
    CHECK(minutes["changes"][0]["before"] == std::string(draft_targets::redacted_text));
    CHECK(minutes["changes"].size() == 2);
    check_stored_log_replays(s);
}

TEST_CASE("the summary, the title and backing notes can be corrected and redacted", "[changes]") {
    auto s = full_quality_circle();
    s.ok("p1", "correct_record", {{"target", "summary:history"}, {"text", "Realschule."}});
    CHECK(s.data().summary->history == "Realschule.");
    s.ok("p1", "redact", {{"target", "title"}, {"reason", "Geburtsdatum"}});
    CHECK(s.data().title == draft_targets::redacted_text);
    s.ok("p1", "redact", {{"target", "backing:p4"}, {"reason", "Diagnose"}});
    CHECK_FALSE(mentions(build_minutes(s.state()), "Erst die Sucht angehen"));
    CHECK(build_minutes(s.state())["changes"][2]["label"] ==
          "Anmerkung zum Mittragen von " + s.data().find_participant("p4")->name);
    // p3 stated no note: nothing to redact.
    CHECK(s.refused("p1", "redact", {{"target", "backing:p3"}, {"reason", "x"}}) ==
          "unknown_target");
}

TEST_CASE("approval after changes needs the last look: changes_seen names their number",
          "[changes]") {
    auto s = full_quality_circle(); // ended
    s.ok("p1", "redact", {{"target", "card:c4"}, {"reason", "Name der Schwester"}});
    s.ok("p1", "correct_record", {{"target", "question"}, {"text", "Wie gewinne ich ihn?"}});
    CHECK(s.refused("p1", "approve_minutes") == "changes_not_seen");
    CHECK(s.refused("p1", "approve_minutes", {{"changes_seen", 1}}) == "changes_not_seen");
    CHECK(to_json(s.state())["changes"].size() == 2);
    s.ok("p1", "approve_minutes", {{"changes_seen", 2}});
    CHECK(s.refused("p1", "redact", {{"target", "card:c1"}, {"reason", "x"}}) ==
          "already_approved");
    CHECK(s.refused("p1", "correct_record", {{"target", "decision"}, {"text", "x"}}) ==
          "already_approved");
    const auto html = render_minutes_html(build_minutes(s.state()));
    CHECK(html.find("Änderungen vor der Freigabe") != std::string::npos);
    CHECK(html.find("Name der Schwester") != std::string::npos); // the reason, not the text
    CHECK(html.find("Kontakt zur Schwester") == std::string::npos);
}

TEST_CASE("without changes approval needs no count, and discarded drafts take no changes",
          "[changes]") {
    auto s = qz_with_roles();
    s.ok("p1", "start");
    s.ok("p1", "end");
    auto discarded = s;
    discarded.ok("p1", "discard_minutes", {{"reason", "Probelauf"}});
    CHECK(discarded.refused("p1", "redact", {{"target", "title"}, {"reason", "x"}}) ==
          "minutes_discarded");
    s.ok("p1", "approve_minutes");
}

TEST_CASE("the case code is corrected to file the session under an existing case, never redacted",
          "[changes]") {
    auto s = full_quality_circle();
    CHECK(s.refused("p1", "redact", {{"target", "case_code"}, {"reason", "x"}}) ==
          "unknown_target");
    CHECK(s.refused("p1", "correct_record", {{"target", "case_code"}, {"text", "Max Muster"}}) ==
          "invalid_case_code");
    s.ok("p1", "correct_record", {{"target", "case_code"}, {"text", "  jc-2025-004 "}});
    CHECK(s.data().case_code == "jc-2025-004");
    const auto minutes = build_minutes(s.state());
    CHECK(minutes["case_code"] == "jc-2025-004");
    CHECK(minutes["changes"][0]["label"] == "Fallcode");
    CHECK(minutes["changes"][0]["before"] == "JC-2026-017");
}
