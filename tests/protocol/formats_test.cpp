#include "support.hpp"

using namespace casecircle::protocol;
using namespace casecircle::protocol::testing;
using nlohmann::json;

// Every shipped format runs from start to end with everything its template asks for, driven only
// by the template data: a new format needs no new code, and none of the five has a dead end.

namespace {

struct cast {
    std::string presenter; // p2, or the moderator where the moderator presents
    std::string participant;
    std::string expert;
};

std::string card_writer(const session_driver& s, const step_template& step, const cast& who) {
    switch (step.writers) {
    case card_writers::presenter:
        return who.presenter;
    case card_writers::experts:
        return who.expert;
    case card_writers::all:
        return s.data().round.turn.value_or(who.participant);
    case card_writers::nobody:
        break;
    }
    return "";
}

void write_cards(session_driver& s, const step_template& step, const cast& who) {
    for (const auto& category : step.categories) {
        if (category.presenter_first && step.writers == card_writers::all)
            s.ok(who.presenter, "add_card",
                 {{"category", category.key}, {"text", "Zuerst die Fallverantwortliche"}});
        s.ok(card_writer(s, step, who), "add_card",
             {{"category", category.key}, {"text", "Karte für " + category.key}});
    }
}

void write_records(session_driver& s, const step_template& step, const cast& who) {
    if (step.produces(record_kind::case_summary))
        s.ok(who.presenter, "set_case_summary",
             {{"history", "a"},
              {"initial_situation", "b"},
              {"work_so_far", "c"},
              {"service_steering", "d"}});
    if (step.produces(record_kind::question))
        s.ok(who.presenter, "set_question", {{"text", "Was tun?"}});
    if (step.produces(record_kind::alternative_questions))
        s.ok(who.participant, "propose_alternative_question", {{"text", "Was wirklich tun?"}});
    if (step.produces(record_kind::chosen_question))
        s.ok("p1", "choose_question", {{"question_id", "a1"}});
    if (step.produces(record_kind::options))
        s.ok(who.participant, "add_option", {{"text", "Eine Option"}});
    if (step.produces(record_kind::decision))
        s.ok(who.presenter, "record_decision",
             {{"text", "Ich tue es"}, {"review_date", "2027-03-01"}, {"option_id", "o1"}});
    if (step.produces(record_kind::backing)) {
        s.ok(who.participant, "state_backing", {{"vote", "yes"}});
        s.ok(who.expert, "state_backing", {{"vote", "abstain"}});
    }
    if (step.produces(record_kind::prognosis))
        for (const auto& id : {who.participant, who.expert, who.presenter})
            s.ok(id, "give_prognosis", {{"rating", 3}});
}

} // namespace

TEST_CASE("every format runs from start to end, driven by its template alone", "[formats]") {
    for (const auto& summary : shipped_templates().list()) {
        INFO(summary.id);
        const auto format = shipped(summary.id);
        session_driver s(summary.id);
        cast who;
        who.presenter = format->moderator_presents ? "p1" : s.join("Paula", "presenter");
        who.participant = s.join("Tom", "participant");
        who.expert = s.join("Erika", "expert");
        s.ok("p1", "start");
        for (int n = 1; n <= s.data().step_count(); ++n) {
            INFO("step " << n);
            if (n > 1) s.ok("p1", "next_step");
            s.advance(minute);
            const auto& step = *s.data().step(n);
            write_records(s, step, who);
            write_cards(s, step, who);
        }
        s.ok("p1", "end");
        const auto m = build_minutes(s.state());
        CHECK(m["open_points"].empty());
        for (const auto& step : m["steps"]) {
            CHECK(step["reached"] == true);
            for (const auto& category : step["categories"])
                CHECK_FALSE(category["cards"].empty());
        }
        CHECK(m["timing"]["planned_minutes"] == format->total_budget_minutes());
    }
}
