#include "support.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace casecircle::protocol::testing {

template_files shipped_template_files() {
    template_files files;
    for (const auto& entry : std::filesystem::directory_iterator(CASECIRCLE_TEMPLATES_DIR)) {
        if (entry.path().extension() != ".json") continue;
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        files.emplace_back(entry.path().filename().string(), text.str());
    }
    std::sort(files.begin(), files.end());
    return files;
}

const template_library& shipped_templates() {
    static const template_library library = [] {
        auto loaded = load_templates(shipped_template_files());
        if (auto* error = std::get_if<template_error>(&loaded)) FAIL(error->what());
        return std::get<template_library>(std::move(loaded));
    }();
    return library;
}

std::shared_ptr<const format_template> shipped(const std::string& id) {
    auto t = shipped_templates().find(id);
    REQUIRE(t);
    return t;
}

session_driver::session_driver(const std::string& format_id, const std::string& moderator,
                               const std::string& case_code, session_mode mode) {
    auto created =
        create_session(*shipped(format_id), case_code, "Testsitzung", moderator, now_, mode);
    REQUIRE(std::holds_alternative<std::vector<event>>(created));
    for (const auto& e : std::get<std::vector<event>>(created)) {
        REQUIRE_FALSE(state_.apply(e));
        events_.push_back(e);
    }
}

outcome session_driver::run(const std::string& actor, const std::string& type,
                            nlohmann::json fields) {
    auto result = decide(state_, actor, command{type, std::move(fields)}, now_);
    if (const auto* events = std::get_if<std::vector<event>>(&result)) {
        for (const auto& e : *events) {
            const auto error = state_.apply(e);
            INFO(type << " -> " << e.type << ": " << (error ? error->message : ""));
            REQUIRE_FALSE(error);
            events_.push_back(e);
        }
    }
    return result;
}

std::string code_of(const outcome& o) {
    if (const auto* r = std::get_if<rejection>(&o)) return r->code;
    return "ok";
}

std::vector<event> session_driver::ok(const std::string& actor, const std::string& type,
                                      nlohmann::json fields) {
    const auto result = run(actor, type, fields);
    INFO(actor << " " << type << " " << fields.dump() << " -> " << code_of(result));
    REQUIRE(std::holds_alternative<std::vector<event>>(result));
    return std::get<std::vector<event>>(result);
}

std::string session_driver::refused(const std::string& actor, const std::string& type,
                                    nlohmann::json fields) {
    const auto result = run(actor, type, fields);
    INFO(actor << " " << type << " " << fields.dump());
    REQUIRE(std::holds_alternative<rejection>(result));
    return std::get<rejection>(result).code;
}

std::string session_driver::join(const std::string& name, const std::string& role) {
    const auto events = ok("", "join", {{"name", name}, {"role", role}});
    return events.front().data["participant_id"].get<std::string>();
}

void session_driver::go_to_step(int step) {
    while (data().current_step < step) {
        advance(minute);
        ok("p1", "next_step");
    }
}

session_driver qz_with_roles(session_mode mode) {
    session_driver s("qualitaetszirkel", "Mira Moderatorin", "JC-2026-017", mode);
    REQUIRE(s.join("Paula Presenter", "presenter") == "p2");
    REQUIRE(s.join("Tom Teilnehmer", "participant") == "p3");
    REQUIRE(s.join("Erika Expertin", "expert") == "p4");
    REQUIRE(s.join("Otto Observer", "observer") == "p5");
    REQUIRE(s.join("Tina Teilnehmerin", "participant") == "p6");
    return s;
}

void check_stored_log_replays(const session_driver& s) {
    std::vector<event> reloaded;
    for (const auto& e : s.events())
        reloaded.push_back(*event_from_json(nlohmann::json::parse(to_json(e).dump())));
    const auto replayed = replay(reloaded);
    REQUIRE(std::holds_alternative<session_state>(replayed));
    CHECK(to_json(std::get<session_state>(replayed)).dump() == to_json(s.state()).dump());
    CHECK(std::get<nlohmann::json>(build_minutes(reloaded)).dump() ==
          build_minutes(s.state()).dump());
}

} // namespace casecircle::protocol::testing
