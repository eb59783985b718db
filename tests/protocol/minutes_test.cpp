#include "full_session.hpp"

using namespace casecircle::protocol;
using namespace casecircle::protocol::testing;
using nlohmann::json;

namespace {

json person(const char* id, const char* name) {
    return {{"id", id}, {"name", name}};
}

std::vector<std::string> texts(const json& cards) {
    std::vector<std::string> out;
    for (const auto& c : cards)
        out.push_back(c["text"].get<std::string>());
    return out;
}

const json& category(const json& step, const char* key) {
    for (const auto& c : step["categories"])
        if (c["key"] == key) return c;
    FAIL("no category " << key);
    static json none;
    return none;
}

} // namespace

TEST_CASE("a complete quality circle, folded to minutes, field by field", "[minutes]") {
    const auto s = full_quality_circle();
    const auto built = build_minutes(s.events());
    REQUIRE(std::holds_alternative<json>(built));
    const auto& m = std::get<json>(built);

    SECTION("header, people and the carried-in previous session") {
        CHECK(m["format"]["id"] == "qualitaetszirkel");
        CHECK(m["format"]["title"]["de"] == "Qualitätszirkel");
        CHECK(m["case_code"] == "JC-2026-017");
        CHECK(m["title"] == "Testsitzung");
        CHECK(m["date"] == "2026-11-18");
        CHECK(m["started_at"] == t0 + minute);
        CHECK(m["ended"] == true);
        CHECK(m["moderator"] == person("p1", "Mira Moderatorin"));
        CHECK(m["advocatus_diaboli"] == person("p6", "Tina Teilnehmerin"));
        REQUIRE(m["participants"].size() == 6);
        const std::vector<std::string> roles{"moderator", "presenter", "participant",
                                             "expert",    "observer",  "participant"};
        for (std::size_t i = 0; i < roles.size(); ++i)
            CHECK(m["participants"][i]["role"] == roles[i]);
        CHECK(m["participants"][5]["advocatus"] == true);
        CHECK(m["previous_session"]["decision"] == "Antrag auf Mietschuldenübernahme stellen");
        CHECK(m["previous_session"]["review_date"] == "2026-11-01");
        CHECK(m["previous_session"]["prognosis_distribution"] == json{0, 1, 2, 1, 0});
    }

    SECTION("case summary and question") {
        CHECK(m["case_summary"]["history"] == "Hauptschulabschluss, Ausbildung abgebrochen.");
        CHECK(m["case_summary"]["service_steering"] == "Schuldnerberatung bisher nicht erreicht.");
        CHECK(m["case_summary"]["missing_parts"].empty());
        CHECK(m["case_summary"]["author"] == person("p2", "Paula Presenter"));
        CHECK(m["question"]["original"]["text"] == "Wie gewinne ich K. für verbindliche Termine?");
        REQUIRE(m["question"]["alternatives"].size() == 2);
        CHECK(m["question"]["alternatives"][0]["author"]["id"] == "p3");
        CHECK(m["question"]["alternatives"][0]["advocatus"] == false);
        CHECK(m["question"]["alternatives"][1]["advocatus"] == true);
        CHECK(m["question"]["valid"] == json{{"question_id", "a1"},
                                             {"text", "Was hindert K. daran, Termine zu halten?"},
                                             {"chosen", true}});
    }

    SECTION("planned and actual minutes per step, pauses excluded, extension and overrun shown") {
        const auto& steps = m["steps"];
        REQUIRE(steps.size() == 9);
        const std::vector<int> planned{10, 1, 5, 10, 5, 5, 5, 10, 10};
        const std::vector<int> extended{0, 0, 0, 5, 0, 0, 0, 0, 0};
        const std::vector<int> actual{720, 90, 300, 840, 300, 240, 300, 600, 540};
        const std::vector<int> paused{0, 0, 180, 0, 0, 0, 0, 0, 0};
        const std::vector<int> overrun{120, 30, 0, 0, 0, 0, 0, 0, 0};
        for (std::size_t i = 0; i < 9; ++i) {
            INFO("step " << i + 1);
            CHECK(steps[i]["number"] == i + 1);
            CHECK(steps[i]["reached"] == true);
            CHECK(steps[i]["planned_minutes"] == planned[i]);
            CHECK(steps[i]["extended_minutes"] == extended[i]);
            CHECK(steps[i]["budget_minutes"] == planned[i] + extended[i]);
            CHECK(steps[i]["actual_seconds"] == actual[i]);
            CHECK(steps[i]["paused_seconds"] == paused[i]);
            CHECK(steps[i]["overrun_seconds"] == overrun[i]);
        }
        CHECK(m["timing"] == json{{"planned_minutes", 61},
                                  {"extended_minutes", 5},
                                  {"actual_seconds", 3930},
                                  {"paused_seconds", 180},
                                  {"overrun_seconds", 150}});
    }

    SECTION(
        "cards of every step by category, with advocatus marks, moves, groups and withdrawals") {
        const auto& steps = m["steps"];
        CHECK(texts(category(steps[3], "staerken")["cards"]) ==
              std::vector<std::string>{"Zuverlässig bei Themen, die ihn interessieren",
                                       "Kontakt zur Schwester"});
        const auto& weaknesses = category(steps[3], "schwaechen")["cards"];
        CHECK(texts(weaknesses) == std::vector<std::string>{"Vermeidet Behördenpost", "Schulden"});
        CHECK(weaknesses[0]["advocatus"] == true);
        CHECK(weaknesses[0]["author"] == person("p6", "Tina Teilnehmerin"));
        CHECK(weaknesses[1]["advocatus"] == false);
        CHECK(category(steps[4], "was_taete_gut")["cards"][0]["advocatus"] == true);
        CHECK(texts(category(steps[5], "vorhandene_hilfe")["cards"]) ==
              std::vector<std::string>{"Schuldnerberatung"});
        CHECK(texts(category(steps[5], "zu_entwickelnde_hilfe")["cards"]) ==
              std::vector<std::string>{"Aufsuchende Hilfe"});
        CHECK(category(steps[5], "zu_entwickelnde_hilfe")["cards"][0]["group"] == "Finanzen");
        CHECK(steps[5]["groups"] ==
              json::array({{{"id", "g1"}, {"label", "Finanzen"}, {"card_ids", {"c7", "c8"}}}}));
        CHECK(category(steps[6], "unzureichend")["cards"].empty()); // withdrawn
        CHECK(category(steps[6], "kooperation_scheitert")["cards"][0]["advocatus"] ==
              false); // step 7 has no AD
        CHECK(category(steps[3], "schwaechen")["title"]["de"] == "Schwächen");
    }

    SECTION("options, decision, backing, review date, prognosis, feedback, suggestions") {
        CHECK(texts(m["options"]) ==
              std::vector<std::string>{"Gemeinsamer Termin bei der Schuldnerberatung",
                                       "Nichts tun und abwarten"});
        CHECK(m["options"][1]["advocatus"] == true);
        CHECK(m["decision"]["text"] == "Ich begleite K. zum ersten Termin der Schuldnerberatung.");
        CHECK(m["decision"]["decided_by"] == person("p2", "Paula Presenter"));
        CHECK(m["decision"]["option_text"] == "Gemeinsamer Termin bei der Schuldnerberatung");
        CHECK(m["review_date"] == "2027-01-15");
        CHECK(m["backing"]["tally"] == json{{"yes", 1}, {"no", 1}, {"abstain", 1}});
        CHECK(m["backing"]["votes"][1] == json{{"participant", person("p4", "Erika Expertin")},
                                               {"vote", "no"},
                                               {"note", "Erst die Sucht angehen"}});
        CHECK(m["backing"]["not_stated"].empty());
        CHECK(m["prognosis"]["distribution"] ==
              json{{"1", 0}, {"2", 1}, {"3", 2}, {"4", 1}, {"5", 0}});
        CHECK(texts(m["prognosis"]["obstacles"]) ==
              std::vector<std::string>{"Suchtproblem unbehandelt"});
        CHECK(texts(m["feedback"]) ==
              std::vector<std::string>{"Entlastet, neue Sicht auf die Post", "Gute Atmosphäre"});
        CHECK(texts(m["suggestions"]) ==
              std::vector<std::string>{"Beratungsfrage braucht mehr als eine Minute"});
        CHECK(m["open_points"].empty());
    }
}

TEST_CASE("minutes are byte-for-byte the same for the same events", "[minutes]") {
    const auto s = full_quality_circle();
    const auto first = std::get<json>(build_minutes(s.events())).dump();
    const auto second = std::get<json>(build_minutes(s.events())).dump();
    CHECK(first == second);
    CHECK(build_minutes(s.state()).dump() == first);
    CHECK(render_minutes_markdown(json::parse(first)) ==
          render_minutes_markdown(json::parse(second)));
}

TEST_CASE("minutes as German Markdown", "[minutes]") {
    const auto s = full_quality_circle();
    const auto md = render_minutes_markdown(build_minutes(s.state()));
    const std::vector<std::string> expected_lines{
        "# Protokoll: Qualitätszirkel",
        "- **Fallcode:** JC-2026-017",
        "- **Datum:** 18.11.2026",
        "- **Moderation:** Mira Moderatorin",
        "- **Advocatus Diaboli:** Tina Teilnehmerin",
        "## Teilnehmende",
        "- Paula Presenter — Fallverantwortliche/r (Fallvorstellung)",
        "- Otto Observer — Beobachtung (nur lesend)",
        "## Letzte Besprechung dieses Falls",
        "- **Entscheidung:** Antrag auf Mietschuldenübernahme stellen",
        "## Kurzfassung des Fallberichts",
        "### Vorgeschichte",
        "## Beratungsfrage",
        "- **Ursprüngliche Frage:** Wie gewinne ich K. für verbindliche Termine?",
        "- **Gültige Beratungsfrage:** Was hindert K. daran, Termine zu halten?",
        "| Nr. | Schritt | geplant | verlängert | tatsächlich | Pausen | Überziehung |",
        "| 1 | Fallvorstellung | 10 min | 0 min | 12:00 | 0:00 | 2:00 |",
        "| 3 | Diskussion der Beratungsfrage | 5 min | 0 min | 5:00 | 3:00 | 0:00 |",
        "| 4 | Unzensierte Einfälle zu Problemen und Ressourcen | 10 min | 5 min | 14:00 | 0:00 | "
        "0:00 |",
        "| | **Summe** | 61 min | 5 min | 65:30 | 3:00 | 2:30 |",
        "#### Schwächen",
        "- Vermeidet Behördenpost — Tina Teilnehmerin *(Advocatus Diaboli)*",
        "- Aufsuchende Hilfe — Erika Expertin · Gruppe: Finanzen",
        "## Entscheidung der/des Fallverantwortlichen",
        "- **Wiedervorlage:** 2027-01-15",
        "## Mittragen durch das Team",
        "- **Ja:** 1 · **Nein:** 1 · **Enthaltung:** 1",
        "- Erika Expertin: trägt nicht mit — Erst die Sucht angehen",
        "## Prognose",
        "- 3: 2",
        "## Rückmeldungen zur Sitzung",
        "## Verbesserungsvorschläge zum Verfahren",
        "- Beratungsfrage braucht mehr als eine Minute — Erika Expertin",
        "## Offene Punkte",
    };
    for (const auto& line : expected_lines) {
        INFO(line);
        CHECK(md.find(line + "\n") != std::string::npos);
    }
    CHECK(md.find("Tippfehler") == std::string::npos); // withdrawn cards stay out
}

TEST_CASE("markdown escapes user text and survives malformed input", "[minutes]") {
    auto s = qz_with_roles();
    s.ok("p1", "start");
    s.go_to_step(4);
    s.ok("p3", "add_card",
         {{"category", "staerken"}, {"text", "# kein Titel | keine Spalte *fett*"}});
    const auto md = render_minutes_markdown(build_minutes(s.state()));
    CHECK(md.find("- \\# kein Titel \\| keine Spalte \\*fett\\*") != std::string::npos);
    CHECK(md.find("- Die Sitzung ist nicht beendet.") != std::string::npos);
    CHECK_FALSE(render_minutes_markdown(json::array({1, 2})).empty());
    CHECK_FALSE(render_minutes_markdown(json{{"steps", "kaputt"}, {"participants", 3}}).empty());
}

TEST_CASE("open points make thin minutes visible", "[minutes]") {
    auto s = qz_with_roles();
    s.ok("p1", "start");
    s.ok("p2", "set_case_summary", {{"history", "Nur die Vorgeschichte"}});
    s.advance(minute);
    s.ok("p1", "end");
    const auto m = build_minutes(s.state());
    std::vector<std::string> codes;
    for (const auto& p : m["open_points"])
        codes.push_back(p["code"].get<std::string>());
    CHECK(codes == std::vector<std::string>{"steps_not_reached", "case_summary_incomplete",
                                            "no_question", "no_decision", "no_prognosis",
                                            "no_feedback"});
    CHECK(m["case_summary"]["missing_parts"] ==
          json{"initial_situation", "work_so_far", "service_steering"});
    CHECK(m["steps"][0]["actual_seconds"] == 60);
    CHECK(m["steps"][1]["reached"] == false);
    CHECK(m["steps"][1]["actual_seconds"] == 0);
}
