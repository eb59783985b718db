// engine_bench: how fast the engine folds events, decides commands and builds minutes.
//
// Builds a realistic quality circle with 12 participants and 200 cards (plus the questions,
// options, backing and prognosis a real session has), then measures
//   - events folded per second (replaying the whole log, and applying without session_created),
//   - commands decided and applied per second (add_card in a free-collection step),
//   - the time to build the minutes (from events and from a state) and to render Markdown.
// Usage: engine_bench [repetitions]

#include "protocol/engine.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

using namespace casecircle::protocol;
using clock_type = std::chrono::steady_clock;

namespace {

constexpr millis t0 = 1'795'000'000'000;

std::shared_ptr<const format_template> load_quality_circle() {
    std::ifstream in(std::string(CASECIRCLE_TEMPLATES_DIR) + "/qualitaetszirkel.json");
    std::stringstream text;
    text << in.rdbuf();
    auto loaded = load_templates({{"qualitaetszirkel.json", text.str()}});
    if (auto* error = std::get_if<template_error>(&loaded)) throw std::runtime_error(error->what());
    return std::get<template_library>(loaded).find("qualitaetszirkel");
}

class builder {
  public:
    explicit builder(const format_template& t) {
        apply_all(
            std::get<std::vector<event>>(create_session(t, "JC-2026-017", "Bench", "Mira", now_)));
    }

    void run(const std::string& actor, const std::string& type,
             nlohmann::json fields = nlohmann::json::object()) {
        now_ += 7'000;
        auto result = decide(state_, actor, command{type, std::move(fields)}, now_);
        if (auto* r = std::get_if<rejection>(&result))
            throw std::runtime_error(actor + " " + type + ": " + r->code);
        apply_all(std::get<std::vector<event>>(result));
    }

    const std::vector<event>& events() const { return events_; }
    const session_state& state() const { return state_; }

  private:
    void apply_all(const std::vector<event>& events) {
        for (const auto& e : events) {
            if (auto error = state_.apply(e)) throw std::runtime_error(error->message);
            events_.push_back(e);
        }
    }

    session_state state_;
    std::vector<event> events_;
    millis now_ = t0;
};

// Not `"p" + std::to_string(n)`: GCC 12 at -O2 warns falsely (-Wrestrict) on that.
std::string pid(int n) {
    auto id = std::to_string(n);
    id.insert(id.begin(), 'p');
    return id;
}

std::string card_text(int n) {
    return "Karte " + std::to_string(n) +
           ": eine Beobachtung mit etwas Text, wie er in einer Sitzung entsteht";
}

// The 200-card session. Step 4 goes round-robin, the others collect freely.
builder two_hundred_card_session(const format_template& t) {
    builder b(t);
    b.run("", "join", {{"name", "Paula"}, {"role", "presenter"}});
    for (int i = 0; i < 10; ++i)
        b.run("", "join", {{"name", "Teilnehmende " + std::to_string(i)}});
    b.run("p1", "assign_advocatus", {{"participant_id", "p3"}});
    b.run("p1", "start");
    b.run("p2", "set_case_summary",
          {{"history", "Vorgeschichte"},
           {"initial_situation", "Start"},
           {"work_so_far", "Bisher"},
           {"service_steering", "Steuerung"}});
    b.run("p1", "next_step");
    b.run("p2", "set_question", {{"text", "Wie weiter?"}});
    b.run("p1", "next_step");
    for (int i = 0; i < 5; ++i)
        b.run(pid(3 + i), "propose_alternative_question", {{"text", "Alternative"}});
    b.run("p1", "choose_question", {{"question_id", "a2"}});
    b.run("p1", "next_step");
    int cards = 0;
    for (int i = 0; i < 60; ++i) { // round-robin: members p3..p12 in turn
        const auto turn = b.state().data().round.turn.value();
        b.run(turn, "add_card",
              {{"category", i % 2 ? "staerken" : "schwaechen"}, {"text", card_text(++cards)}});
    }
    const std::vector<std::pair<const char*, std::vector<const char*>>> free_steps{
        {"5", {"was_taete_gut"}},
        {"6", {"vorhandene_hilfe", "zu_entwickelnde_hilfe"}},
        {"7", {"fehlt", "unzureichend", "zu_spaet", "kooperation_scheitert"}},
    };
    for (const auto& [step, categories] : free_steps) {
        b.run("p1", "next_step");
        for (int i = 0; i < 40; ++i)
            b.run(pid(3 + i % 10), "add_card",
                  {{"category", categories[static_cast<std::size_t>(i) % categories.size()]},
                   {"text", card_text(++cards)}});
    }
    b.run("p1", "group_cards", {{"card_ids", {"c61", "c62", "c63"}}, {"label", "Gruppe"}});
    b.run("p1", "next_step");
    for (int i = 0; i < 6; ++i)
        b.run(pid(3 + i), "add_option", {{"text", "Option"}});
    b.run("p2", "record_decision",
          {{"text", "Entscheidung"}, {"review_date", "2027-01-15"}, {"option_id", "o1"}});
    for (int i = 3; i <= 12; ++i)
        b.run(pid(i), "state_backing", {{"vote", i % 3 ? "yes" : "abstain"}});
    b.run("p1", "next_step");
    b.run("p2", "give_feedback", {{"text", card_text(++cards)}});
    for (int i = 3; i <= 12; ++i)
        b.run(pid(i), "give_prognosis",
              {{"rating", 1 + i % 5}, {"obstacles", {card_text(++cards)}}});
    for (int i = 3; i <= 7; ++i)
        b.run(pid(i), "suggest_improvement", {{"text", card_text(++cards)}});
    for (int i = 8; i <= 11; ++i)
        b.run(pid(i), "give_feedback", {{"text", card_text(++cards)}});
    b.run("p1", "end");
    return b;
}

template <typename F> double median_seconds(int repetitions, F&& f) {
    std::vector<double> samples;
    for (int i = 0; i < repetitions; ++i) {
        const auto start = clock_type::now();
        f();
        samples.push_back(std::chrono::duration<double>(clock_type::now() - start).count());
    }
    std::sort(samples.begin(), samples.end());
    return samples[samples.size() / 2];
}

volatile std::size_t sink = 0; // keeps the optimiser from dropping the measured work

} // namespace

int main(int argc, char** argv) {
    const int repetitions = argc > 1 ? std::max(1, std::atoi(argv[1])) : 200;
    const auto qz = load_quality_circle();
    const auto session = two_hundred_card_session(*qz);
    const auto& events = session.events();
    const auto live_cards = session.state().data().live_card_count();
    std::printf("session: %zu events, %zu cards, %zu participants\n", events.size(), live_cards,
                session.state().data().participants.size());

    const double replay_s = median_seconds(repetitions, [&] {
        auto state = replay(events);
        sink = sink + std::get<session_state>(state).last_seq();
    });
    std::printf("replay (incl. session_created, which parses the embedded template): %.3f ms, %.0f "
                "events/s\n",
                replay_s * 1e3, static_cast<double>(events.size()) / replay_s);

    session_state created;
    created.apply(events[0]);
    const double fold_s = median_seconds(repetitions, [&] {
        auto state = created;
        for (std::size_t i = 1; i < events.size(); ++i)
            state.apply(events[i]);
        sink = sink + state.last_seq();
    });
    std::printf("fold without session_created: %.3f ms, %.0f events/s\n", fold_s * 1e3,
                static_cast<double>(events.size() - 1) / fold_s);

    const double minutes_from_events_s = median_seconds(
        repetitions, [&] { sink = sink + std::get<nlohmann::json>(build_minutes(events)).size(); });
    const double minutes_from_state_s =
        median_seconds(repetitions, [&] { sink = sink + build_minutes(session.state()).size(); });
    const auto minutes = build_minutes(session.state());
    const double markdown_s =
        median_seconds(repetitions, [&] { sink = sink + render_minutes_markdown(minutes).size(); });
    const double dump_s = median_seconds(repetitions, [&] { sink = sink + minutes.dump().size(); });
    std::printf("minutes for the %zu-card session: from events %.3f ms, from state %.3f ms, "
                "JSON dump %.3f ms (%zu bytes), Markdown %.3f ms\n",
                live_cards, minutes_from_events_s * 1e3, minutes_from_state_s * 1e3, dump_s * 1e3,
                minutes.dump().size(), markdown_s * 1e3);

    // decide + apply of add_card in a free step (step 5), cards withdrawn again so the state stays
    // small
    builder b(*qz);
    b.run("", "join", {{"name", "Paula"}, {"role", "presenter"}});
    b.run("", "join", {{"name", "Tom"}});
    b.run("p1", "start");
    for (int i = 0; i < 4; ++i)
        b.run("p1", "next_step");
    const auto base = b.state();
    const int commands = 1000;
    const double decide_s = median_seconds(std::max(1, repetitions / 20), [&] {
        auto state = base;
        for (int i = 0; i < commands; ++i) {
            auto result = decide(
                state, "p3", command{"add_card", {{"category", "was_taete_gut"}, {"text", "Idee"}}},
                t0 + i);
            for (const auto& e : std::get<std::vector<event>>(result))
                state.apply(e);
        }
        sink = sink + state.last_seq();
    });
    std::printf("decide+apply add_card: %.0f commands/s\n", commands / decide_s);
    std::printf("snapshot to_json: %zu bytes\n", to_json(session.state()).dump().size());
    return 0;
}
