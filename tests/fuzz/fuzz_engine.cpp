// The engine: random command sequences from a fixed set of actors against a session of a shipped
// format (mostly the quality circle), decided and folded the way a room does it. After every
// command the invariants of tests/protocol/invariants.hpp must hold, a refusal must leave the
// state alone and carry a known code, and accepted events must fold. At the end the log, through
// its JSON form, must fold from scratch to the same state JSON and the same minutes.
//
// Input: a byte stream read by FuzzedDataProvider; one command per few bytes (actor, type, clock
// step, which fields and their values from small pools of plausible and hostile values).

#include "fuzz_support.hpp"
#include "invariants.hpp"
#include "protocol/engine.hpp"

#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <set>

namespace {

using namespace casecircle;
using namespace casecircle::protocol;
using fuzz::expect;
using nlohmann::json;

constexpr int max_commands = 300;

template <typename T, std::size_t N>
const T& pick(FuzzedDataProvider& in, const std::array<T, N>& items) {
    return items[in.ConsumeIntegralInRange<std::size_t>(0, N - 1)];
}

std::string actor(FuzzedDataProvider& in) {
    static const std::array<std::string, 12> actors{"p1", "p2", "p3",     "p4",  "p5", "p6",
                                                    "p7", "",   "system", "p99", "p0", "P1"};
    return pick(in, actors);
}

std::string type(FuzzedDataProvider& in) {
    const auto& types = command_types();
    const auto n = in.ConsumeIntegralInRange<std::size_t>(0, types.size() + 1);
    if (n < types.size()) return std::string(types[n]);
    return n == types.size() ? "teleport" : "";
}

json text(FuzzedDataProvider& in) {
    static const std::array<json, 14> texts{"Eine Idee",
                                            "Stärken nutzen",
                                            "  ",
                                            "",
                                            std::string(600, 'x'),
                                            std::string(4001, 'y'),
                                            "Zeile 1\nZeile 2",
                                            "Steuer\x01zeichen",
                                            "ü",
                                            "# Titel | Spalte",
                                            "😀 ok",
                                            42,
                                            json::array({"a"}),
                                            nullptr};
    if (in.ConsumeBool()) return "Idee " + std::to_string(in.ConsumeIntegral<std::uint8_t>());
    return pick(in, texts);
}

json id_like(FuzzedDataProvider& in, char prefix) {
    const int n = in.ConsumeIntegralInRange<int>(-1, 12);
    if (n < 0) return n == -1 ? json(7) : json(nullptr);
    return std::string(1, prefix) + std::to_string(n);
}

json card_ids(FuzzedDataProvider& in) {
    json ids = json::array();
    const auto n = in.ConsumeIntegralInRange<int>(0, 5);
    for (int i = 0; i < n; ++i)
        ids.push_back(id_like(in, 'c'));
    return ids;
}

json category(FuzzedDataProvider& in, const session_data& d) {
    const auto* step = d.current();
    const auto n = in.ConsumeIntegral<std::uint8_t>();
    if (step == nullptr || step->categories.empty() || n >= 240) return "nirgendwo";
    return step->categories[n % step->categories.size()].key;
}

json small_number(FuzzedDataProvider& in) {
    static const std::array<json, 4> odd{"5", 2.5, -1, 1'000'000'000'000};
    if (in.ConsumeBool()) return in.ConsumeIntegralInRange<int>(-2, 70);
    return pick(in, odd);
}

json distribution(FuzzedDataProvider& in) {
    json counts = json::array();
    const auto n = in.ConsumeIntegralInRange<int>(0, 6);
    for (int i = 0; i < n; ++i)
        counts.push_back(in.ConsumeIntegralInRange<int>(-1, 3));
    return counts;
}

// A deadline around the session's start: past, soon, far, or not a number.
json deadline(FuzzedDataProvider& in) {
    static const std::array<json, 3> odd{nullptr, "morgen", 1.5};
    if (in.ConsumeIntegral<std::uint8_t>() >= 220) return pick(in, odd);
    return fuzz::session_start + in.ConsumeIntegralInRange<millis>(-86'400'000, 40'000'000'000);
}

// Cards written beforehand: a step, a category of any step, a text and an author.
json prepared_cards(FuzzedDataProvider& in, const session_data& d) {
    json cards = json::array();
    const auto n = in.ConsumeIntegralInRange<int>(0, 4);
    for (int i = 0; i < n; ++i) {
        const auto step = in.ConsumeIntegralInRange<int>(0, d.step_count() + 1);
        const auto* s = d.step(std::clamp(step, 1, d.step_count()));
        const auto pick_category = in.ConsumeIntegral<std::uint8_t>();
        cards.push_back(
            {{"step", step},
             {"category", s == nullptr || s->categories.empty() || pick_category > 240
                              ? json("nirgendwo")
                              : json(s->categories[pick_category % s->categories.size()].key)},
             {"text", text(in)},
             {"author_name", text(in)}});
    }
    return cards;
}

// One field value; the pools mix what the engine expects with wrong types and bounds.
json field_value(FuzzedDataProvider& in, std::string_view key, const session_data& d) {
    static const std::array<json, 6> roles{"participant", "expert",    "observer",
                                           "presenter",   "moderator", "boss"};
    static const std::array<json, 4> votes{"yes", "no", "abstain", "maybe"};
    static const std::array<json, 5> dates{"2027-01-15", "2026-11-18", "2020-01-01", "2027-02-29",
                                           "morgen"};
    static const std::array<json, 5> questions{"original", "a1", "a2", "a7", "x"};
    static const std::array<json, 4> outcomes{"done", "partly", "not_done", "erledigt"};
    static const std::array<json, 7> reasons{
        "no_case", "too_few_present", "case_withdrawn", "other", "idle", "Testlauf", nullptr};
    if (key == "role") return pick(in, roles);
    if (key == "vote") return pick(in, votes);
    if (key == "review_date" || key == "held_on") return pick(in, dates);
    if (key == "question_id") return pick(in, questions);
    if (key == "outcome") return pick(in, outcomes);
    if (key == "reason") return pick(in, reasons);
    if (key == "category") return category(in, d);
    if (key == "card_id") return id_like(in, 'c');
    if (key == "participant_id") return id_like(in, 'p');
    if (key == "option_id") return id_like(in, 'o');
    if (key == "group_id") return id_like(in, 'g');
    if (key == "card_ids") return card_ids(in);
    if (key == "minutes" || key == "rating") return small_number(in);
    if (key == "prognosis_distribution") return distribution(in);
    if (key == "guest") return in.ConsumeBool();
    if (key == "obstacles") return json::array({text(in), text(in)});
    if (key == "step") return small_number(in);
    if (key == "deadline") return deadline(in);
    if (key == "cards") return prepared_cards(in, d);
    if (key == "case_summary") return json{{"history", text(in)}, {"work_so_far", text(in)}};
    return text(in);
}

// The fields each command reads (protocol/decide_*.cpp), so that most commands are complete.
const std::vector<std::string_view>& keys_of(std::string_view type) {
    static const std::map<std::string_view, std::vector<std::string_view>> keys{
        {"join", {"name", "role", "guest"}},
        {"assign_role", {"participant_id", "role"}},
        {"assign_advocatus", {"participant_id"}},
        {"link_previous_session",
         {"previous_session_id", "decision", "question", "held_on", "review_date",
          "prognosis_distribution"}},
        {"record_outcome", {"outcome", "note"}},
        {"extend", {"minutes"}},
        {"approve_minutes", {"closing_remark"}},
        {"end", {"reason"}},
        {"cancel_session", {"reason", "note"}},
        {"discard_minutes", {"reason"}},
        {"remove_participant", {"participant_id"}},
        {"add_card", {"category", "text"}},
        {"give_feedback", {"category", "text"}},
        {"suggest_improvement", {"category", "text"}},
        {"edit_card", {"card_id", "text"}},
        {"withdraw_card", {"card_id"}},
        {"move_card", {"card_id", "category"}},
        {"group_cards", {"card_ids", "label"}},
        {"ungroup_cards", {"group_id"}},
        {"set_case_summary", {"history", "initial_situation", "work_so_far", "service_steering"}},
        {"set_question", {"text"}},
        {"propose_alternative_question", {"text"}},
        {"choose_question", {"question_id"}},
        {"add_option", {"text"}},
        {"withdraw_option", {"option_id"}},
        {"record_decision", {"text", "review_date", "option_id"}},
        {"state_backing", {"vote", "note"}},
        {"give_prognosis", {"rating", "obstacles"}},
        {"set_step_deadline", {"step", "deadline"}},
        {"prepare_case", {"registration_id", "prepared_by", "case_summary", "question", "cards"}},
    };
    static const std::vector<std::string_view> none;
    const auto it = keys.find(type);
    return it == keys.end() ? none : it->second;
}

json fields(FuzzedDataProvider& in, std::string_view type, const session_data& d) {
    static const std::array<std::string_view, 8> extra{
        "text", "participant_id", "role", "category", "card_id", "note", "minutes", "guest"};
    const auto shape = in.ConsumeIntegral<std::uint8_t>();
    if (shape >= 250) {
        static const std::array<json, 6> wrong{json(), json::array(), 42, "x", true, 1.5};
        return wrong[shape - 250];
    }
    json f = json::object();
    for (const auto key : keys_of(type))
        if (in.ConsumeIntegral<std::uint8_t>() < 230) f[std::string(key)] = field_value(in, key, d);
    if (shape >= 200) {
        const auto key = pick(in, extra);
        f[std::string(key)] = field_value(in, key, d);
    }
    return f;
}

bool known_code(const std::string& code) {
    static const auto codes = [] {
        std::set<std::string, std::less<>> out;
        for (const auto& r : all_rejections())
            out.insert(r.code);
        out.erase("internal_error");
        return out;
    }();
    return codes.contains(code);
}

// A freshly created session of one format, and the same after its creation events went through
// their stored JSON form; made once per format, since copying the template inside
// session_created would otherwise cost most of an execution.
struct created_session {
    session_state live;
    session_state stored;
};

session_state fold_all(const std::vector<event>& events, bool through_json) {
    session_state state(&fuzz::shipped_templates());
    for (const auto& e : events) {
        const auto back = through_json ? event_from_json(json::parse(to_json(e).dump())) : e;
        expect(back.has_value(), "stored event does not read back", e.type);
        if (const auto error = state.apply(*back))
            fuzz::fail("creation does not fold", error->message);
    }
    return state;
}

const created_session& created(const std::string& format_id, session_mode mode) {
    static std::map<std::pair<std::string, session_mode>, created_session> sessions;
    const auto key = std::pair{format_id, mode};
    if (const auto it = sessions.find(key); it != sessions.end()) return it->second;
    const auto format = fuzz::shipped_templates().find(format_id);
    const auto events = std::get<std::vector<event>>(
        create_session(*format, "JC-2026-017", "Fuzz", "Mira", fuzz::session_start, mode));
    return sessions[key] = {fold_all(events, false), fold_all(events, true)};
}

class session {
  public:
    session(const std::string& format_id, session_mode mode)
        : state_(created(format_id, mode).live), format_id_(format_id), mode_(mode) {}

    void step(FuzzedDataProvider& in) {
        auto kind = type(in);
        // Joins come without an actor (the engine assigns the id).
        const auto who = kind == "join" && in.ConsumeBool() ? std::string() : actor(in);
        auto cmd = command{kind, fields(in, kind, state_.data())};
        // Mostly forwards, sometimes back: the clock of a server may jump.
        now_ += in.ConsumeBool() ? in.ConsumeIntegralInRange<millis>(0, 600'000)
                                 : in.ConsumeIntegralInRange<millis>(-30'000, 0);
        const auto seq_before = state_.last_seq();
        const auto result = decide(state_, who, cmd, now_);
        if (const auto* r = std::get_if<rejection>(&result)) {
            expect(known_code(r->code), "unknown or internal rejection",
                   r->code + " " + r->message_en);
            expect(state_.last_seq() == seq_before, "a refusal changed the state");
        } else {
            const auto& events = std::get<std::vector<event>>(result);
            // Only a rejoin of someone present is accepted without anything to record.
            expect(!events.empty() || cmd.type == "rejoin", "accepted without events", cmd.type);
            for (std::size_t k = 0; k < events.size(); ++k)
                expect(events[k].seq == seq_before + 1 + k && events[k].at >= events.front().at,
                       "event seq or time out of order", cmd.type);
            fold(events);
        }
        const auto broken = testing::broken_invariants(state_.data());
        if (!broken.empty()) fuzz::fail("invariant broken", broken.front() + " after " + cmd.type);
    }

    // The log as stored (JSON) folds from scratch to the same state and minutes, the way a room
    // is loaded after a restart. With the shared templates, as the server does: parsing the
    // embedded copy costs most of an execution, and fuzz_template and fuzz_wire cover that path.
    void check_replay() const {
        auto replayed = created(format_id_, mode_).stored;
        for (const auto& e : log_) {
            auto back = event_from_json(json::parse(to_json(e).dump()));
            expect(back.has_value(), "stored event does not read back", e.type);
            if (const auto error = replayed.apply(*back))
                fuzz::fail("log does not fold from scratch", error->message);
        }
        expect(to_json(replayed).dump() == to_json(state_).dump(), "replayed state differs");
        // Minutes are made once a session has ended; building them costs most of an execution.
        if (!state_.ended()) return;
        const auto minutes = build_minutes(replayed);
        expect(minutes == build_minutes(state_), "minutes differ");
        (void)render_minutes_markdown(minutes);
    }

  private:
    void fold(const std::vector<event>& events) {
        for (const auto& e : events) {
            if (const auto error = state_.apply(e))
                fuzz::fail("accepted event does not fold", e.type + ": " + error->message);
            log_.push_back(e);
        }
    }

    session_state state_;
    std::string format_id_;
    session_mode mode_;
    std::vector<event> log_; // after the creation events
    millis now_ = fuzz::session_start;
};

std::string format_of(FuzzedDataProvider& in) {
    // Mostly the quality circle; the other shipped formats now and then.
    static const std::array<std::string, 5> others{
        "kollegiale_fallberatung", "fallkonferenz", "interdisziplinaere_fallbesprechung",
        "fallbesprechung_fachberatung", "qualitaetszirkel"};
    const auto n = in.ConsumeIntegral<std::uint8_t>();
    return n < 200 ? "qualitaetszirkel" : others[n % others.size()];
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider in(data, size);
    const auto format = format_of(in);
    // A written consultation now and then: deadlines instead of budgets, no rounds.
    session s(format, in.ConsumeIntegral<std::uint8_t>() >= 200 ? session_mode::written
                                                                : session_mode::meeting);
    for (int i = 0; i < max_commands && in.remaining_bytes() > 0; ++i)
        s.step(in);
    s.check_replay();
    return 0;
}
