// Team-made formats (issue #20): people write them, so every refusal must say in German what is
// wrong and where, next to the English text; a valid copy runs like a shipped format.

#include "protocol/template_place.hpp"
#include "support.hpp"

#include <functional>

using namespace casecircle::protocol;
using namespace casecircle::protocol::testing;
using nlohmann::json;

namespace {

// A team's copy of the quality circle, as the editor sends it.
json team_copy() {
    auto document = shipped("qualitaetszirkel")->source;
    document["id"] = "team7_unser_zirkel";
    document["version"] = 1;
    return document;
}

template_error refused(const json& document) {
    auto parsed = parse_template("", document);
    REQUIRE(std::holds_alternative<template_error>(parsed));
    return std::get<template_error>(parsed);
}

} // namespace

TEST_CASE("a budget out of range is refused in German with the step in words", "[team_format]") {
    auto document = team_copy();
    document["steps"][3]["budget_minutes"] = 500;
    const auto e = refused(document);
    CHECK(e.path == "/steps/3/budget_minutes");
    CHECK(e.message == "must be between 1 and 240 (got 500)"); // unchanged for tools and fuzzers
    CHECK(e.message_de == "muss eine ganze Zahl zwischen 1 und 240 sein (ist 500)");
    CHECK(e.place_de == "Schritt 4, Zeitbudget");
    CHECK(e.what_de() == "Schritt 4, Zeitbudget: muss eine ganze Zahl zwischen 1 und 240 sein "
                         "(ist 500)");

    document["steps"][3]["budget_minutes"] = "zehn";
    CHECK(refused(document).message_de == "muss eine ganze Zahl zwischen 1 und 240 sein");
}

TEST_CASE("a missing German title names the field and the language", "[team_format]") {
    auto document = team_copy();
    document["steps"][0]["title"].erase("de");
    const auto e = refused(document);
    CHECK(e.path == "/steps/0/title/de");
    CHECK(e.message == "is missing");
    CHECK(e.message_de == "fehlt");
    CHECK(e.place_de == "Schritt 1, Titel, deutsch");
}

TEST_CASE("who writes and what is recorded are refused with what is allowed", "[team_format]") {
    auto writers = team_copy();
    writers["steps"][2]["cards"]["writers"] = "alle";
    const auto w = refused(writers);
    CHECK(w.place_de == "Schritt 3, Karten, wer Karten schreibt");
    CHECK_THAT(w.message_de, Catch::Contains("„nobody“ (niemand)") && Catch::Contains("„alle“"));

    auto records = team_copy();
    records["steps"][1]["records"].push_back("protokoll");
    const auto r = refused(records);
    CHECK(r.place_de == "Schritt 2, was festgehalten wird, Eintrag 2");
    CHECK_THAT(r.message_de, Catch::StartsWith("ist nichts, was festgehalten werden kann"));

    // Round-robin needs someone who writes cards.
    auto round = team_copy();
    round["steps"][0]["round_robin"] = true;
    const auto rr = refused(round);
    CHECK(rr.place_de == "Schritt 1, Reihum");
    CHECK(rr.message_de ==
          "braucht Karten, aber niemand schreibt welche (wer Karten schreibt: „nobody“)");
}

TEST_CASE("a duplicated category and an unknown field are refused in words", "[team_format]") {
    auto twice = team_copy();
    auto& categories = twice["steps"][3]["cards"]["categories"];
    categories[1]["key"] = categories[0]["key"];
    const auto d = refused(twice);
    CHECK(d.path == "/steps/3/cards/categories/1/key");
    CHECK(d.place_de == "Schritt 4, Karten, Kategorie 2, Schlüssel");
    CHECK(d.message_de ==
          "kommt in diesem Schritt schon als Schlüssel einer anderen Kategorie vor");

    auto unknown = team_copy();
    unknown["farbe"] = "blau";
    const auto u = refused(unknown);
    CHECK(u.place_de == "„farbe“");
    CHECK(u.message_de == "ist kein bekanntes Feld");

    auto empty = team_copy();
    empty["steps"] = json::array();
    CHECK(refused(empty).what_de() == "Schritte: braucht mindestens einen Schritt");
}

TEST_CASE("every refusal of a broken document carries both languages", "[team_format]") {
    // One breakage per kind of check: whatever the walk stops at must be said in German too.
    const std::vector<std::function<void(json&)>> breakages{
        [](json& d) { d["schema_version"] = 2; },
        [](json& d) { d["id"] = "Unser Zirkel"; },
        [](json& d) { d["title"] = "Zirkel"; },
        [](json& d) { d["description"]["en"] = "  "; },
        [](json& d) { d["steps"][4]["key"] = d["steps"][3]["key"]; },
        [](json& d) { d["steps"][5]["advocatus_diaboli"] = "ja"; },
        [](json& d) { d["steps"][8]["records"] = json::array({"backing"}); },
        [](json& d) { d["steps"][6]["cards"]["categories"] = json::array(); },
        [](json& d) { d["steps"][1]["records"].push_back("question"); },
        [](json& d) { d["steps"][7]["requires_present"] = json::object(); },
        [](json& d) { d["steps"][3]["cards"]["categories"][0]["record"] = "decision"; },
    };
    for (std::size_t i = 0; i < breakages.size(); ++i) {
        auto document = team_copy();
        breakages[i](document);
        const auto e = refused(document);
        INFO(i << ": " << e.what());
        CHECK_FALSE(e.message.empty());
        CHECK_FALSE(e.message_de.empty());
        CHECK(e.message_de != e.message);
        CHECK(e.place_de == place_in_words_de(e.path));
    }
}

TEST_CASE("places in words: lists count from one, unknown names stay quoted", "[team_format]") {
    CHECK(place_in_words_de("") == "das ganze Format");
    CHECK(place_in_words_de("/id") == "Kennung");
    CHECK(place_in_words_de("/steps/0/requires_present/expert") ==
          "Schritt 1, nötige Anwesenheit, Fachleute");
    CHECK(place_in_words_de("/steps/2/cards/categories/0/title/en") ==
          "Schritt 3, Karten, Kategorie 1, Titel, englisch");
    CHECK(place_in_words_de("/a~1b") == "„a/b“");
}

TEST_CASE("a session on a team's copy runs it and keeps its version", "[team_format]") {
    auto document = team_copy();
    document["title"]["de"] = "Unser Zirkel";
    document["steps"][0]["budget_minutes"] = 15;
    document["version"] = 2;
    auto parsed = parse_template("", document);
    REQUIRE(std::holds_alternative<std::shared_ptr<const format_template>>(parsed));
    const auto format = std::get<std::shared_ptr<const format_template>>(parsed);

    const auto created = create_session(*format, "FALL-2026-3", "", "Mira", t0);
    REQUIRE(std::holds_alternative<std::vector<event>>(created));
    // The library knows only the shipped formats: the session carries its own.
    session_state state(&shipped_templates());
    for (const auto& e : std::get<std::vector<event>>(created))
        REQUIRE_FALSE(state.apply(e));
    REQUIRE(state.data().format);
    CHECK(state.data().format->id == "team7_unser_zirkel");
    CHECK(state.data().format->version == 2);
    CHECK(state.data().format->title.de == "Unser Zirkel");
    CHECK(state.data().format->steps[0].budget_minutes == 15);
    CHECK(shipped("qualitaetszirkel")->steps[0].budget_minutes == 10);
}
