#include "support.hpp"

#include <functional>

using namespace casecircle::protocol;
using namespace casecircle::protocol::testing;
using nlohmann::json;

namespace {

json qz_json() {
    for (const auto& [name, text] : shipped_template_files())
        if (name == "qualitaetszirkel.json") return json::parse(text);
    FAIL("qualitaetszirkel.json missing");
    return {};
}

template_error load_broken(const std::string& file, const json& document) {
    auto loaded = load_templates({{file, document.dump()}});
    REQUIRE(std::holds_alternative<template_error>(loaded));
    return std::get<template_error>(loaded);
}

} // namespace

TEST_CASE("every shipped template loads and is listed", "[template]") {
    const auto files = shipped_template_files();
    REQUIRE(files.size() == 5);
    auto loaded = load_templates(files);
    if (auto* error = std::get_if<template_error>(&loaded)) FAIL(error->what());
    const auto list = std::get<template_library>(loaded).list();
    std::vector<std::string> ids;
    for (const auto& s : list) {
        ids.push_back(s.id);
        CHECK_FALSE(s.title.de.empty());
        CHECK_FALSE(s.title.en.empty());
        CHECK_FALSE(s.description.de.empty());
        CHECK_FALSE(s.description.en.empty());
        CHECK(s.step_count > 0);
        CHECK(summary_json(s)["id"] == s.id);
    }
    CHECK(ids == std::vector<std::string>{"fallbesprechung_fachberatung", "fallkonferenz",
                                          "interdisziplinaere_fallbesprechung",
                                          "kollegiale_fallberatung", "qualitaetszirkel"});
}

TEST_CASE("every step of every template has German and English texts", "[template]") {
    for (const auto& summary : shipped_templates().list()) {
        const auto t = shipped(summary.id);
        for (const auto& s : t->steps) {
            INFO(summary.id << " / " << s.key);
            for (const auto* text : {&s.title, &s.instructions, &s.moderator_hint}) {
                CHECK_FALSE(text->de.empty());
                CHECK_FALSE(text->en.empty());
                CHECK(text->de != text->en);
            }
            CHECK(s.budget_minutes > 0);
        }
    }
}

TEST_CASE("the quality circle follows the nine steps of the method", "[template]") {
    const auto qz = shipped("qualitaetszirkel");
    REQUIRE(qz->steps.size() == 9);
    std::vector<int> budgets;
    std::vector<int> ad_steps;
    for (std::size_t i = 0; i < qz->steps.size(); ++i) {
        budgets.push_back(qz->steps[i].budget_minutes);
        if (qz->steps[i].advocatus_diaboli) ad_steps.push_back(static_cast<int>(i + 1));
    }
    CHECK(budgets == std::vector<int>{10, 1, 5, 10, 5, 5, 5, 10, 10});
    CHECK(qz->total_budget_minutes() == 61);
    CHECK(ad_steps == std::vector<int>{3, 4, 5, 6, 8});
    CHECK(qz->steps[0].title.de == "Fallvorstellung");
    CHECK(qz->steps[1].title.de == "Beratungsfrage");
    CHECK(qz->steps[8].title.de == "Schlussreflexion");

    const auto category_titles = [&](int step) {
        std::vector<std::string> out;
        for (const auto& c : qz->steps[static_cast<std::size_t>(step - 1)].categories)
            out.push_back(c.title.de);
        return out;
    };
    CHECK(category_titles(4) == std::vector<std::string>{"Schwächen", "Stärken"});
    CHECK(category_titles(6) ==
          std::vector<std::string>{"Vorhandene Hilfe", "Zu entwickelnde Hilfe"});
    CHECK(category_titles(7) ==
          std::vector<std::string>{"Fehlt", "Unzureichend", "Zu spät", "Kooperation scheitert"});
    CHECK(category_titles(9) ==
          std::vector<std::string>{"Prognose", "Sitzungsqualität", "Verbesserungsvorschlag"});
    CHECK(qz->steps[3].round_robin);
    CHECK(qz->steps[3].collect_dont_discuss);
    CHECK(qz->steps[6].collect_dont_discuss);
    CHECK(qz->steps[0].produces(record_kind::case_summary));
    CHECK(qz->steps[1].produces(record_kind::question));
    CHECK(qz->steps[2].produces(record_kind::alternative_questions));
    CHECK(qz->steps[2].produces(record_kind::chosen_question));
    CHECK(qz->steps[7].produces(record_kind::decision));
    CHECK(qz->steps[7].produces(record_kind::backing));
    CHECK(qz->steps[8].produces(record_kind::prognosis));
    CHECK(qz->steps[8].category_for(record_kind::feedback)->presenter_first);
}

TEST_CASE("the other formats carry their defining features", "[template]") {
    const auto kfb = shipped("kollegiale_fallberatung");
    CHECK(kfb->steps.size() == 8);
    CHECK_FALSE(kfb->has_advocatus());
    REQUIRE(kfb->budget_note);
    CHECK(kfb->budget_note->de.find("Vorschläge") != std::string::npos);

    const auto idf = shipped("interdisziplinaere_fallbesprechung");
    CHECK(std::any_of(idf->steps.begin(), idf->steps.end(), [](const step_template& s) {
        return s.writers == card_writers::experts && s.produces(record_kind::prognosis);
    }));
    const auto fb = shipped("fallbesprechung_fachberatung");
    CHECK(std::any_of(fb->steps.begin(), fb->steps.end(), [](const step_template& s) {
        return s.key == "intervention_fachberatung" && s.writers == card_writers::experts &&
               s.budget_minutes >= 10;
    }));
    const auto fk = shipped("fallkonferenz");
    CHECK(fk->moderator_presents);
}

TEST_CASE("broken templates are refused with file, field and reason", "[template]") {
    struct broken_case {
        const char* name;
        std::function<void(json&)> mutate;
        const char* path;
        const char* message_part;
    };
    const std::vector<broken_case> cases{
        {"missing title", [](json& t) { t.erase("title"); }, "/title", "is missing"},
        {"budget too large", [](json& t) { t["steps"][3]["budget_minutes"] = 500; },
         "/steps/3/budget_minutes", "between 1 and 240"},
        {"budget not a number", [](json& t) { t["steps"][0]["budget_minutes"] = "ten"; },
         "/steps/0/budget_minutes", "must be an integer"},
        {"misspelt field", [](json& t) { t["steps"][2]["budget_minute"] = 5; },
         "/steps/2/budget_minute", "is not a known field"},
        {"unknown writers", [](json& t) { t["steps"][3]["cards"]["writers"] = "everyone"; },
         "/steps/3/cards/writers", "must be one of"},
        {"unknown record", [](json& t) { t["steps"][7]["records"][1] = "verdict"; },
         "/steps/7/records/1", "is not a known record"},
        {"duplicate category",
         [](json& t) { t["steps"][3]["cards"]["categories"][1]["key"] = "schwaechen"; },
         "/steps/3/cards/categories/1/key", "duplicates another category key"},
        {"writers without categories",
         [](json& t) { t["steps"][3]["cards"]["categories"] = json::array(); },
         "/steps/3/cards/categories", "must not be empty"},
        {"round robin without cards", [](json& t) { t["steps"][0]["round_robin"] = true; },
         "/steps/0/round_robin", "needs cards"},
        {"backing before decision", [](json& t) { t["steps"][2]["records"].push_back("backing"); },
         "/steps/2/records", "no step up to here lists \"decision\""},
        {"feedback without a category",
         [](json& t) { t["steps"][8]["cards"]["categories"][1].erase("record"); },
         "/steps/8/records", "no card category keeps it"},
        {"duplicate step key", [](json& t) { t["steps"][1]["key"] = "fallvorstellung"; },
         "/steps/1/key", "duplicates the key of an earlier step"},
        {"bad step key", [](json& t) { t["steps"][1]["key"] = "Beratungs Frage"; }, "/steps/1/key",
         "a-z, 0-9 and _"},
        {"no steps", [](json& t) { t["steps"] = json::array(); }, "/steps", "at least one step"},
        {"empty English title", [](json& t) { t["steps"][4]["title"]["en"] = " "; },
         "/steps/4/title/en", "must not be empty"},
        {"wrong schema version", [](json& t) { t["schema_version"] = 2; }, "/schema_version",
         "between 1 and 1"},
        {"id differs from file name", [](json& t) { t["id"] = "qz"; }, "/id",
         "must equal the file name"},
        {"document not an object", [](json& t) { t = json::array(); }, "", "must be an object"},
        {"odd key is escaped in the path", [](json& t) { t["steps"][0]["a/b~c"] = 1; },
         "/steps/0/a~1b~0c", "is not a known field"},
    };
    for (const auto& c : cases) {
        INFO(c.name);
        auto document = qz_json();
        c.mutate(document);
        const auto error = load_broken("qualitaetszirkel.json", document);
        CHECK(error.file == "qualitaetszirkel.json");
        CHECK(error.path == c.path);
        CHECK_THAT(error.message, Catch::Contains(c.message_part));
        CHECK_THAT(error.what(), Catch::StartsWith("qualitaetszirkel.json: "));
    }
}

TEST_CASE("invalid JSON and duplicate ids are refused", "[template]") {
    auto loaded = load_templates({{"kaputt.json", "{ \"id\": \"kaputt\", "}});
    REQUIRE(std::holds_alternative<template_error>(loaded));
    const auto error = std::get<template_error>(loaded);
    CHECK(error.file == "kaputt.json");
    CHECK_THAT(error.message, Catch::Contains("not valid JSON") && Catch::Contains("line 1"));

    auto files = shipped_template_files();
    files.push_back(files.front());
    auto twice = load_templates(files);
    REQUIRE(std::holds_alternative<template_error>(twice));
    CHECK(std::get<template_error>(twice).path == "/id");
}

TEST_CASE("a new format is a new file, not new code", "[template]") {
    json t{{"schema_version", 1},
           {"id", "mini"},
           {"version", 3},
           {"title", {{"de", "Mini"}, {"en", "Mini"}}},
           {"description", {{"de", "Zwei Schritte"}, {"en", "Two steps"}}},
           {"steps",
            {{{"key", "frage"},
              {"title", {{"de", "Frage"}, {"en", "Question"}}},
              {"instructions", {{"de", "Fragen"}, {"en", "Ask"}}},
              {"moderator_hint", {{"de", "Notieren"}, {"en", "Note"}}},
              {"budget_minutes", 2},
              {"cards", {{"writers", "nobody"}, {"categories", json::array()}}},
              {"round_robin", false},
              {"collect_dont_discuss", false},
              {"advocatus_diaboli", false},
              {"records", {"question"}}},
             {{"key", "ideen"},
              {"title", {{"de", "Ideen"}, {"en", "Ideas"}}},
              {"instructions", {{"de", "Sammeln"}, {"en", "Collect"}}},
              {"moderator_hint", {{"de", "Reihum"}, {"en", "In turn"}}},
              {"budget_minutes", 3},
              {"cards",
               {{"writers", "all"},
                {"categories", {{{"key", "idee"}, {"title", {{"de", "Idee"}, {"en", "Idea"}}}}}}}},
              {"round_robin", true},
              {"collect_dont_discuss", true},
              {"advocatus_diaboli", true},
              {"records", json::array()}}}}};
    auto loaded = load_templates({{"mini.json", t.dump()}});
    if (auto* error = std::get_if<template_error>(&loaded)) FAIL(error->what());
    const auto mini = std::get<template_library>(loaded).find("mini");
    REQUIRE(mini);
    CHECK(mini->total_budget_minutes() == 5);
    CHECK(mini->has_advocatus());

    // And it runs: the engine knows nothing about "mini".
    auto created = create_session(*mini, "M-1", "", "Mo", t0);
    REQUIRE(std::holds_alternative<std::vector<event>>(created));
    session_state state;
    for (const auto& e : std::get<std::vector<event>>(created))
        REQUIRE_FALSE(state.apply(e));
    const auto joined =
        decide(state, "", command{"join", {{"name", "Pia"}, {"role", "presenter"}}}, t0);
    for (const auto& e : std::get<std::vector<event>>(joined))
        REQUIRE_FALSE(state.apply(e));
    const auto started = decide(state, "p1", command{"start", {}}, t0);
    for (const auto& e : std::get<std::vector<event>>(started))
        REQUIRE_FALSE(state.apply(e));
    const auto question = decide(state, "p2", command{"set_question", {{"text", "Was tun?"}}}, t0);
    REQUIRE(std::holds_alternative<std::vector<event>>(question));
    CHECK(std::get<std::vector<event>>(question).front().type == "question_set");
}
