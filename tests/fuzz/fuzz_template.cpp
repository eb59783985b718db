// Template loading: a format file (or the copy inside a stored session_created) is either refused
// with a template_error or gives a template that a session can run through end to end.
//
// Input: the JSON text of one template file.

#include "fuzz_support.hpp"
#include "protocol/engine.hpp"
#include "protocol/minutes_csv.hpp"
#include "protocol/minutes_html.hpp"

#include <cstddef>
#include <cstdint>

namespace {

using namespace casecircle;
using namespace casecircle::protocol;
using fuzz::expect;
using nlohmann::json;

// The copy a session stores must parse again to the same template: otherwise a session created
// today could not be folded after a restart.
void check_round_trip(const format_template& t) {
    expect(!t.client_key.empty() && json::accept(t.client_frame), "client frame missing");
    auto again = parse_template("", t.source);
    if (const auto* error = std::get_if<template_error>(&again))
        fuzz::fail("stored template copy does not parse", error->what());
    const auto& copy = *std::get<std::shared_ptr<const format_template>>(again);
    expect(copy.client_key == t.client_key, "stored copy has another client key");
    expect(copy.steps.size() == t.steps.size() && !t.steps.empty(), "stored copy lost steps");
}

void apply_all(session_state& state, std::vector<event>& log, const outcome& result) {
    if (const auto* r = std::get_if<rejection>(&result)) {
        expect(r->code != "internal_error", "internal_error", r->message_en);
        return;
    }
    for (const auto& e : std::get<std::vector<event>>(result)) {
        if (const auto error = state.apply(e))
            fuzz::fail("accepted event does not fold", error->message);
        log.push_back(e);
    }
}

// A session of this format: created, started, every step visited, ended and approved.
void run_session(const format_template& t) {
    session_state state;
    std::vector<event> log;
    millis now = fuzz::session_start;
    apply_all(state, log, create_session(t, "FZ-1", "Fuzz", "Mira", now));
    expect(state.data().format != nullptr, "create_session was refused");
    const auto run = [&](std::string_view actor, std::string type, json fields) {
        now += 60'000;
        apply_all(state, log,
                  decide(state, actor, command{std::move(type), std::move(fields)}, now));
    };
    run("", "join", {{"name", "Paula"}, {"role", "presenter"}});
    run("", "join", {{"name", "Tom"}, {"role", "participant"}});
    run("p1", "start", json::object());
    for (std::size_t i = 0; i <= t.steps.size() && !state.ended(); ++i) {
        const auto* step = state.data().current();
        if (step && !step->categories.empty())
            run("p3", "add_card", {{"category", step->categories.front().key}, {"text", "Idee"}});
        run("p1", "next_step", json::object());
    }
    run("p1", "end", json::object());
    run("p1", "approve_minutes", json::object());
    const auto minutes = build_minutes(state);
    expect(std::get<json>(build_minutes(log)) == minutes, "minutes differ after replay");
    (void)render_minutes_markdown(minutes);
    (void)render_minutes_html(minutes);
    (void)render_cards_csv(minutes);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const auto doc = json::parse(text, nullptr, false);
    if (doc.is_discarded()) return 0;
    // The file name must match the id: both the library's path and the stored copy's.
    (void)load_templates({{"qualitaetszirkel.json", text}});
    auto parsed = parse_template("", doc);
    if (std::holds_alternative<template_error>(parsed)) return 0;
    const auto& t = *std::get<std::shared_ptr<const format_template>>(parsed);
    check_round_trip(t);
    run_session(t);
    return 0;
}
