#include "support.hpp"

using namespace casecircle::protocol;
using namespace casecircle::protocol::testing;
using nlohmann::json;

TEST_CASE("templates say who must be present, and invalid requirements are refused", "[presence]") {
    const auto qz = shipped("qualitaetszirkel");
    CHECK(qz->steps[7].requires_present == std::vector<std::pair<std::string, int>>{{"others", 3}});
    const auto idf = shipped("interdisziplinaere_fallbesprechung");
    CHECK(idf->steps[4].requires_present ==
          std::vector<std::pair<std::string, int>>{{"expert", 1}});
    CHECK(json::parse(qz->client_frame)["format"]["steps"][7]["requires_present"] ==
          json{{"others", 3}});

    auto document = qz->source;
    document["steps"][7]["requires_present"] = json{{"observer", 1}};
    auto parsed = parse_template("", document);
    REQUIRE(std::holds_alternative<template_error>(parsed));
    CHECK(std::get<template_error>(parsed).path == "/steps/7/requires_present/observer");
    document["steps"][7]["requires_present"] = json{{"others", 0}};
    parsed = parse_template("", document);
    REQUIRE(std::holds_alternative<template_error>(parsed));
    CHECK(std::get<template_error>(parsed).path == "/steps/7/requires_present/others");
    document["steps"][7]["requires_present"] = json::object();
    CHECK(std::holds_alternative<template_error>(parse_template("", document)));
}

TEST_CASE("the moderator is told what is missing before the step and may go on; the minutes keep "
          "it",
          "[presence]") {
    // p2 presenter, p3 and p6 participants, p4 expert: three others besides presenter and
    // moderator. The observer p5 does not count.
    auto s = qz_with_roles();
    s.ok("p1", "start");
    s.go_to_step(7);
    auto check = to_json(s.state())["presence_check"];
    CHECK(check["step"] == 8);
    CHECK(check["missing"] == json::object());
    s.ok("p6", "leave");
    check = to_json(s.state())["presence_check"];
    CHECK(check["required"] == json{{"others", 3}});
    CHECK(check["missing"] == json{{"others", 1}});

    const auto events = s.ok("p1", "next_step");
    CHECK(events[0].type == "step_started");
    CHECK(events[0].data["despite_missing"] == json{{"others", 1}});
    CHECK(to_json(s.state())["presence_check"].is_null()); // step 9 requires nobody

    s.ok("p1", "end");
    const auto minutes = build_minutes(s.state());
    REQUIRE(minutes["presence"].size() == 1);
    const auto& record = minutes["presence"][0];
    CHECK(record["step"] == 8);
    CHECK(record["missing"] == json{{"others", 1}});
    std::vector<std::string> present;
    for (const auto& p : record["present"])
        present.push_back(p["id"]);
    CHECK(present == std::vector<std::string>{"p1", "p2", "p3", "p4", "p5"});
    const auto md = render_minutes_markdown(minutes);
    CHECK(md.find("Es fehlten 1 weitere Teilnehmende") != std::string::npos);
    check_stored_log_replays(s);
}

TEST_CASE("a full step records who was there and nothing missing", "[presence]") {
    auto s = qz_with_roles();
    s.ok("p1", "start");
    s.go_to_step(8);
    CHECK_FALSE(s.events().back().data.contains("despite_missing"));
    REQUIRE(s.data().presence.size() == 1);
    CHECK(s.data().presence[0].missing.empty());
}

TEST_CASE("the interdisciplinary discussion needs an external expert before the answer",
          "[presence]") {
    session_driver s("interdisziplinaere_fallbesprechung");
    s.join("Paul Vorstellend", "presenter");
    s.join("Pia Teilnehmerin", "participant");
    s.ok("p1", "start");
    s.go_to_step(4);
    CHECK(to_json(s.state())["presence_check"]["missing"] == json{{"expert", 1}});
    s.join("Erika Expertin", "expert");
    CHECK(to_json(s.state())["presence_check"]["missing"] == json::object());
}
