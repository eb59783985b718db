#include "invariants.hpp"
#include "support.hpp"

#include <random>

using namespace casecircle::protocol;
using namespace casecircle::protocol::testing;
using nlohmann::json;

// Seeded random command sequences: a mix of plausible and hostile input from every kind of
// actor, against every format. Nothing may crash (the sanitizer build watches memory and UB),
// no command may end in internal_error, every accepted command's events must apply, and the
// invariants must hold after every step. At the end the log, sent through its JSON form,
// must replay to the same state and the same minutes.

namespace {

class generator {
  public:
    explicit generator(std::uint32_t seed) : rng_(seed) {}

    int below(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
    bool chance(int percent) { return below(100) < percent; }
    template <typename T> const T& pick(const std::vector<T>& items) {
        return items[static_cast<std::size_t>(below(static_cast<int>(items.size())))];
    }

    std::string text() {
        if (chance(70)) return "Idee " + std::to_string(below(1000));
        static const std::vector<std::string> texts{"Eine Idee",
                                                    "Stärken nutzen",
                                                    "  ",
                                                    "",
                                                    std::string(600, 'x'),
                                                    "Zeile 1\nZeile 2",
                                                    "\xC3\x28 kaputt",
                                                    "Steuer\x01zeichen",
                                                    "ü",
                                                    "# Titel | Spalte",
                                                    "Mehr Zeit",
                                                    "😀 ok"};
        return pick(texts);
    }

    std::string actor(const session_data& d, const std::string& type) {
        if (type == "join" && chance(80)) return "";
        if ((type == "link_previous_session" || type == "prepare_case") && chance(70))
            return "system";
        const int r = below(100);
        if (r < 3) return "";
        if (r < 5) return "system";
        if (r < 7) return "p99";
        if (r < 10) return "p" + std::to_string(1 + below(static_cast<int>(d.participants.size())));
        if (r < 35 && d.moderator()) return d.moderator()->id; // the moderator drives the flow
        if (r < 50)
            for (const auto& p : d.participants)
                if (d.is_presenter(p)) return p.id;
        std::vector<std::string> present;
        for (const auto& p : d.participants)
            if (p.present) present.push_back(p.id);
        return pick(present);
    }

    // Half the time, a command that fits the current step, so that sessions produce content.
    std::string type(const session_data& d) {
        if (chance(50))
            if (const auto fitting = fitting_types(d); !fitting.empty()) return pick(fitting);
        return any_type();
    }

    std::string any_type() {
        if (chance(2)) return "teleport";
        const auto& types = command_types();
        for (;;) {
            auto t = draw(types);
            // Ending, cancelling, leaving and removing are rare, so that sessions stay populated
            // and reach their end.
            const bool drastic =
                t == "end" || t == "leave" || t == "cancel_session" || t == "remove_participant";
            if (!drastic || chance(3)) return t;
        }
    }

    std::string draw(const std::vector<std::string_view>& types) {
        // Flow commands are drawn more often so that sessions travel through all steps.
        if (chance(12))
            return pick(
                std::vector<std::string>{"next_step", "next_step", "start", "previous_step"});
        return std::string(types[static_cast<std::size_t>(below(static_cast<int>(types.size())))]);
    }

    json fields(const std::string& type, const session_data& d) {
        if (chance(3))
            return pick(std::vector<json>{json(), json::array({1, 2}), json(42), json("x")});
        json f = json::object();
        f["text"] = text();
        f["name"] = chance(90) ? std::string("Person ") + std::to_string(below(50)) : text();
        f["role"] = pick(std::vector<std::string>{"participant", "expert", "observer", "presenter",
                                                  "moderator", "boss"});
        if (chance(30)) f.erase("role");
        f["category"] = category(d);
        f["card_id"] = "c" + std::to_string(below(static_cast<int>(d.cards.size()) + 2));
        f["participant_id"] =
            chance(10)
                ? json()
                : json("p" + std::to_string(below(static_cast<int>(d.participants.size()) + 2)));
        f["minutes"] = chance(90) ? json(below(70) - 3) : json("5");
        f["rating"] = chance(90) ? json(below(8) - 1) : json(2.5);
        f["vote"] = pick(std::vector<std::string>{"yes", "no", "abstain", "maybe"});
        f["note"] = text();
        f["review_date"] = pick(std::vector<std::string>{"2027-01-15", "2026-11-18", "2020-01-01",
                                                         "2027-02-29", "morgen"});
        f["question_id"] = pick(std::vector<std::string>{"original", "a1", "a2", "a7", "x"});
        f["option_id"] =
            chance(30) ? json() : json(pick(std::vector<std::string>{"o1", "o2", "o9"}));
        f["group_id"] = pick(std::vector<std::string>{"g1", "g2", "g5"});
        f["label"] = text();
        f["card_ids"] = card_ids(d);
        if (chance(50)) f["obstacles"] = json::array({text(), text()});
        for (const auto* part : {"history", "initial_situation", "work_so_far", "service_steering"})
            if (chance(60)) f[part] = text();
        f["previous_session_id"] = "prev-" + std::to_string(below(9));
        f["decision"] = text();
        f["outcome"] = pick(std::vector<std::string>{"done", "partly", "not_done", "erledigt"});
        if (chance(50))
            f["prognosis_distribution"] =
                json::array({below(3), below(3), below(3), below(3), below(3)});
        f["reason"] = pick(std::vector<json>{"no_case", "too_few_present", "case_withdrawn",
                                             "other", "idle", "Testlauf", json()});
        if (chance(20)) f.erase("reason");
        add_preparation(f, d);
        f["step"] = chance(90) ? json(below(d.step_count() + 2)) : json("2");
        f["deadline"] = chance(15) ? json() : json(d.last_at + below(20 * 86'400'000) - 3'600'000);
        (void)type;
        return f;
    }

    millis step_time() {
        return chance(5) ? -below(30'000) : below(120'000);
    } // sometimes the clock goes back

  private:
    // prepare_case: a draft of the summary and question, and cards for any step (some wrong).
    void add_preparation(json& f, const session_data& d) {
        f["registration_id"] = chance(90) ? json("reg-" + std::to_string(below(9))) : json(7);
        f["prepared_by"] = chance(90) ? std::string("Carla Case") : text();
        if (chance(60)) {
            f["case_summary"] = json::object();
            for (const auto* part :
                 {"history", "initial_situation", "work_so_far", "service_steering"})
                if (chance(50)) f["case_summary"][part] = text();
        }
        if (chance(50)) f["question"] = text();
        json cards = json::array();
        for (int i = below(4); i > 0; --i) {
            const int number = 1 + below(d.step_count() + 1);
            const auto* step = d.step(number);
            json card{{"step", number}, {"text", text()}, {"author_name", "Kollegin K"}};
            card["category"] = step == nullptr || step->categories.empty() || chance(10)
                                   ? std::string("nirgendwo")
                                   : pick(step->categories).key;
            cards.push_back(card);
        }
        f["cards"] = cards;
    }

    static std::vector<std::string> fitting_types(const session_data& d) {
        const auto* step = d.current();
        if (step == nullptr)
            return {"start",        "join",
                    "assign_role",  "assign_advocatus",
                    "prepare_case", "set_step_deadline"};
        std::vector<std::string> out{"next_step", "set_step_deadline"};
        if (step->writers != card_writers::nobody)
            out.insert(out.end(),
                       {"add_card", "add_card", "add_card", "edit_card", "withdraw_card",
                        "move_card", "group_cards", "ungroup_cards", "pass_turn", "skip_turn"});
        const std::vector<std::pair<record_kind, std::string>> by_record{
            {record_kind::case_summary, "set_case_summary"},
            {record_kind::question, "set_question"},
            {record_kind::alternative_questions, "propose_alternative_question"},
            {record_kind::chosen_question, "choose_question"},
            {record_kind::options, "add_option"},
            {record_kind::options, "withdraw_option"},
            {record_kind::decision, "record_decision"},
            {record_kind::backing, "state_backing"},
            {record_kind::prognosis, "give_prognosis"},
            {record_kind::feedback, "give_feedback"},
            {record_kind::suggestions, "suggest_improvement"},
        };
        for (const auto& [kind, type] : by_record)
            if (step->produces(kind)) out.push_back(type);
        return out;
    }

    std::string category(const session_data& d) {
        const auto* step = d.current();
        if (step == nullptr || step->categories.empty() || chance(10)) return "nirgendwo";
        return step
            ->categories[static_cast<std::size_t>(below(static_cast<int>(step->categories.size())))]
            .key;
    }

    json card_ids(const session_data& d) {
        json ids = json::array();
        const int n = below(4);
        for (int i = 0; i < n; ++i)
            ids.push_back("c" + std::to_string(1 + below(static_cast<int>(d.cards.size()) + 1)));
        if (chance(5)) ids.push_back(7);
        return ids;
    }

    std::mt19937 rng_;
};

bool known_code(const std::string& code) {
    for (const auto& r : all_rejections())
        if (r.code == code) return code != "internal_error";
    return false;
}

struct run_stats {
    int accepted = 0;
    int rejected = 0;
    int max_step = 0;
};

run_stats run_random_session(const std::string& format, std::uint32_t seed, int commands,
                             session_mode mode) {
    generator g(seed);
    session_driver s(format, "Mira Moderatorin", "JC-2026-017", mode);
    // A presenter up front, so that sessions can start and travel.
    if (!shipped(format)->moderator_presents) s.join("Presenter", "presenter");
    run_stats stats;
    for (int i = 0; i < commands; ++i) {
        const auto& before = s.data();
        const auto seq_before = before.last_seq;
        const auto type = g.type(before);
        const auto actor = g.actor(before, type);
        auto fields = g.fields(type, before);
        s.advance(g.step_time());
        INFO("seed " << seed << ", command " << i << ": " << actor << " " << type << " "
                     << fields.dump(-1, ' ', false, json::error_handler_t::replace));
        const auto result = s.run(actor, type, fields);
        if (const auto* r = std::get_if<rejection>(&result)) {
            REQUIRE(known_code(r->code));
            REQUIRE(s.data().last_seq == seq_before);
            ++stats.rejected;
        } else {
            const auto& events = std::get<std::vector<event>>(result);
            // Only a rejoin of someone present is accepted without anything to record.
            if (type != "rejoin") REQUIRE_FALSE(events.empty());
            for (std::size_t k = 0; k < events.size(); ++k) {
                REQUIRE(events[k].seq == seq_before + 1 + k);
                REQUIRE(events[k].at >= events.front().at);
            }
            ++stats.accepted;
        }
        const auto broken = broken_invariants(s.data());
        INFO("broken: " << (broken.empty() ? std::string() : broken.front()));
        REQUIRE(broken.empty());
        stats.max_step = std::max(stats.max_step, s.data().current_step);
    }

    // The log through its JSON form replays to the same state and the same minutes.
    std::vector<event> reloaded;
    for (const auto& e : s.events()) {
        auto back = event_from_json(json::parse(to_json(e).dump()));
        REQUIRE(back);
        reloaded.push_back(*back);
    }
    auto replayed = replay(reloaded);
    REQUIRE(std::holds_alternative<session_state>(replayed));
    CHECK(to_json(std::get<session_state>(replayed)).dump() == to_json(s.state()).dump());
    CHECK(std::get<json>(build_minutes(reloaded)).dump() == build_minutes(s.state()).dump());
    CHECK_FALSE(render_minutes_markdown(build_minutes(s.state())).empty());
    return stats;
}

} // namespace

TEST_CASE("randomised command sequences never crash or break an invariant", "[randomised]") {
    const std::vector<std::string> formats{"qualitaetszirkel", "kollegiale_fallberatung",
                                           "interdisziplinaere_fallbesprechung",
                                           "fallbesprechung_fachberatung", "fallkonferenz"};
    int accepted = 0, rejected = 0, full_runs = 0;
    for (std::uint32_t seed = 1; seed <= 40; ++seed) {
        const auto& format = formats[seed % formats.size()];
        // Every third session runs in writing (deadlines, no rounds).
        const auto mode = seed % 3 == 0 ? session_mode::written : session_mode::meeting;
        const auto stats = run_random_session(format, seed, 250, mode);
        accepted += stats.accepted;
        rejected += stats.rejected;
        full_runs += stats.max_step == static_cast<int>(shipped(format)->steps.size());
    }
    // The generator must actually exercise the engine, not just collect rejections.
    CHECK(accepted + rejected == 40 * 250);
    CHECK(accepted > 1500);
    CHECK(rejected > 1500);
    CHECK(full_runs > 15);
}
