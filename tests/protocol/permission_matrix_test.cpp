#include "support.hpp"

#include <array>
#include <map>
#include <set>
#include <sstream>

using namespace casecircle::protocol;
using namespace casecircle::protocol::testing;
using nlohmann::json;

// The permission matrix of the quality circle: every role against every command in every step
// (0 = before the start). Each cell is what the engine must answer. The table is written from
// domain.md and the product decisions in ENGINE.md, not derived from the engine's code.
//
// Roles, in column order: M moderator (p1), P presenter (p2), T participant (p3), E expert (p4),
// O observer (p5). In step 4 (reihum) the turn is p3's.

namespace {

const std::map<std::string, std::string> code_names{
    {"ok", "ok"},
    {"RF", "role_forbidden"},
    {"WS", "wrong_step"},
    {"NC", "no_cards_in_step"},
    {"NT", "not_your_turn"},
    {"NR", "no_round"},
    {"PF", "presenter_speaks_first"},
    {"NP", "no_next_step"},
    {"NS", "not_started"},
};

struct matrix_row {
    const char* command;
    std::array<const char*, 10> steps; // index = step number 0..9
};

// clang-format off
const std::vector<matrix_row> matrix{
    //                              0                1                2                3                4                5                6                7                8                9
    {"add_card",                   {"NS NS NS NS RF", "NC NC NC NC RF", "NC NC NC NC RF", "NC NC NC NC RF", "ok NT ok NT RF", "ok ok ok ok RF", "ok ok ok ok RF", "ok ok ok ok RF", "NC NC NC NC RF", "ok ok ok ok RF"}},
    {"set_case_summary",           {"RF NS RF RF RF", "RF ok RF RF RF", "RF WS RF RF RF", "RF WS RF RF RF", "RF WS RF RF RF", "RF WS RF RF RF", "RF WS RF RF RF", "RF WS RF RF RF", "RF WS RF RF RF", "RF WS RF RF RF"}},
    {"set_question",               {"RF NS RF RF RF", "RF WS RF RF RF", "RF ok RF RF RF", "RF WS RF RF RF", "RF WS RF RF RF", "RF WS RF RF RF", "RF WS RF RF RF", "RF WS RF RF RF", "RF WS RF RF RF", "RF WS RF RF RF"}},
    {"propose_alternative_question", {"NS RF NS NS RF", "WS RF WS WS RF", "WS RF WS WS RF", "ok RF ok ok RF", "WS RF WS WS RF", "WS RF WS WS RF", "WS RF WS WS RF", "WS RF WS WS RF", "WS RF WS WS RF", "WS RF WS WS RF"}},
    {"choose_question",            {"NS RF RF RF RF", "WS RF RF RF RF", "WS RF RF RF RF", "ok RF RF RF RF", "WS RF RF RF RF", "WS RF RF RF RF", "WS RF RF RF RF", "WS RF RF RF RF", "WS RF RF RF RF", "WS RF RF RF RF"}},
    {"add_option",                 {"NS NS NS NS RF", "WS WS WS WS RF", "WS WS WS WS RF", "WS WS WS WS RF", "WS WS WS WS RF", "WS WS WS WS RF", "WS WS WS WS RF", "WS WS WS WS RF", "ok ok ok ok RF", "WS WS WS WS RF"}},
    {"record_decision",            {"RF NS RF RF RF", "RF WS RF RF RF", "RF WS RF RF RF", "RF WS RF RF RF", "RF WS RF RF RF", "RF WS RF RF RF", "RF WS RF RF RF", "RF WS RF RF RF", "RF ok RF RF RF", "RF WS RF RF RF"}},
    {"state_backing",              {"RF RF NS NS RF", "RF RF WS WS RF", "RF RF WS WS RF", "RF RF WS WS RF", "RF RF WS WS RF", "RF RF WS WS RF", "RF RF WS WS RF", "RF RF WS WS RF", "RF RF ok ok RF", "RF RF WS WS RF"}},
    {"give_prognosis",             {"NS NS NS NS RF", "WS WS WS WS RF", "WS WS WS WS RF", "WS WS WS WS RF", "WS WS WS WS RF", "WS WS WS WS RF", "WS WS WS WS RF", "WS WS WS WS RF", "WS WS WS WS RF", "ok ok ok ok RF"}},
    {"give_feedback",              {"NS NS NS NS RF", "WS WS WS WS RF", "WS WS WS WS RF", "WS WS WS WS RF", "WS WS WS WS RF", "WS WS WS WS RF", "WS WS WS WS RF", "WS WS WS WS RF", "WS WS WS WS RF", "ok ok PF PF RF"}},
    {"suggest_improvement",        {"NS NS NS NS RF", "WS WS WS WS RF", "WS WS WS WS RF", "WS WS WS WS RF", "WS WS WS WS RF", "WS WS WS WS RF", "WS WS WS WS RF", "WS WS WS WS RF", "WS WS WS WS RF", "ok ok ok ok RF"}},
    {"next_step",                  {"NS RF RF RF RF", "ok RF RF RF RF", "ok RF RF RF RF", "ok RF RF RF RF", "ok RF RF RF RF", "ok RF RF RF RF", "ok RF RF RF RF", "ok RF RF RF RF", "ok RF RF RF RF", "NP RF RF RF RF"}},
    {"pause",                      {"NS RF RF RF RF", "ok RF RF RF RF", "ok RF RF RF RF", "ok RF RF RF RF", "ok RF RF RF RF", "ok RF RF RF RF", "ok RF RF RF RF", "ok RF RF RF RF", "ok RF RF RF RF", "ok RF RF RF RF"}},
    {"extend",                     {"NS RF RF RF RF", "ok RF RF RF RF", "ok RF RF RF RF", "ok RF RF RF RF", "ok RF RF RF RF", "ok RF RF RF RF", "ok RF RF RF RF", "ok RF RF RF RF", "ok RF RF RF RF", "ok RF RF RF RF"}},
    {"assign_advocatus",           {"ok RF RF RF RF", "ok RF RF RF RF", "ok RF RF RF RF", "ok RF RF RF RF", "ok RF RF RF RF", "ok RF RF RF RF", "ok RF RF RF RF", "ok RF RF RF RF", "ok RF RF RF RF", "ok RF RF RF RF"}},
    {"pass_turn",                  {"NS NS NS NS NS", "NR NR NR NR NR", "NR NR NR NR NR", "NR NR NR NR NR", "NT NT ok NT NT", "NR NR NR NR NR", "NR NR NR NR NR", "NR NR NR NR NR", "NR NR NR NR NR", "NR NR NR NR NR"}},
    {"skip_turn",                  {"NS RF RF RF RF", "NR RF RF RF RF", "NR RF RF RF RF", "NR RF RF RF RF", "ok RF RF RF RF", "NR RF RF RF RF", "NR RF RF RF RF", "NR RF RF RF RF", "NR RF RF RF RF", "NR RF RF RF RF"}},
};
// clang-format on

json fields_for(const std::string& command, const session_data& d) {
    if (command == "add_card") {
        const auto* step = d.current();
        const auto category =
            step && !step->categories.empty() ? step->categories.front().key : "keine";
        return {{"category", category}, {"text", "Eine Idee"}};
    }
    if (command == "set_case_summary") return {{"history", "Schule abgebrochen, Lehre begonnen"}};
    if (command == "set_question" || command == "propose_alternative_question" ||
        command == "add_option" || command == "give_feedback" || command == "suggest_improvement")
        return {{"text", "Ein Text"}};
    if (command == "choose_question") return {{"question_id", "original"}};
    if (command == "record_decision")
        return {{"text", "Ich beantrage die Reha"}, {"review_date", "2027-01-15"}};
    if (command == "state_backing") return {{"vote", "yes"}};
    if (command == "give_prognosis") return {{"rating", 4}};
    if (command == "extend") return {{"minutes", 2}};
    if (command == "assign_advocatus") return {{"participant_id", "p6"}};
    return json::object();
}

// A quality circle at the given step, with the records earlier steps would have produced.
session_driver prepared(int step) {
    auto s = qz_with_roles();
    if (step == 0) return s;
    s.ok("p1", "start");
    if (step >= 2) s.go_to_step(2);
    if (step >= 3) s.ok("p2", "set_question", {{"text", "Wie halte ich den Kontakt?"}});
    s.go_to_step(step);
    if (step == 8) {
        s.ok("p3", "add_option", {{"text", "Reha beantragen"}});
        s.ok("p2", "record_decision",
             {{"text", "Ich beantrage die Reha"}, {"review_date", "2027-01-15"}});
    }
    return s;
}

std::vector<std::string> split(const std::string& cells) {
    std::istringstream in(cells);
    std::vector<std::string> out;
    for (std::string cell; in >> cell;)
        out.push_back(cell);
    return out;
}

} // namespace

TEST_CASE("permission matrix: every role, every command, every quality-circle step",
          "[permissions]") {
    const std::array<std::string, 5> actors{"p1", "p2", "p3", "p4", "p5"};
    const std::array<std::string, 5> role_names{"moderator", "presenter", "participant", "expert",
                                                "observer"};
    int cells = 0;
    for (int step = 0; step <= 9; ++step) {
        const auto base = prepared(step);
        REQUIRE(base.data().current_step == step);
        for (const auto& row : matrix) {
            const auto expected = split(row.steps[static_cast<std::size_t>(step)]);
            REQUIRE(expected.size() == 5);
            for (std::size_t r = 0; r < 5; ++r) {
                auto session = base; // every cell starts from the same state
                const auto result =
                    session.run(actors[r], row.command, fields_for(row.command, session.data()));
                INFO("step " << step << ", " << role_names[r] << ", " << row.command);
                CHECK(code_of(result) == code_names.at(expected[r]));
                ++cells;
            }
        }
    }
    CHECK(cells == 10 * 17 * 5);
}

TEST_CASE("after the end every command but the minutes' and the people's is refused with "
          "session_ended",
          "[permissions]") {
    auto s = prepared(9);
    s.ok("p1", "end");
    // The draft can still be redacted and corrected, and the prognosis shown, until approval.
    const std::set<std::string_view> still_allowed{
        "approve_minutes", "discard_minutes", "remove_participant", "rejoin",
        "redact",          "correct_record",  "reveal_prognosis"};
    for (const auto& type : command_types()) {
        if (still_allowed.contains(type)) continue;
        INFO(type);
        const bool system_only = type == "link_previous_session" || type == "prepare_case";
        const auto actor = type == "join" ? "" : (system_only ? "system" : "p1");
        CHECK(s.refused(actor, std::string(type),
                        {{"name", "X"}, {"previous_session_id", "s1"}, {"decision", "d"}}) ==
              "session_ended");
    }
}

TEST_CASE("actors are checked before anything else", "[permissions]") {
    auto s = prepared(4);
    CHECK(s.refused("p99", "add_card", {{"category", "staerken"}, {"text", "x"}}) ==
          "not_a_participant");
    CHECK(s.refused("", "add_card", {{"category", "staerken"}, {"text", "x"}}) ==
          "not_a_participant");
    CHECK(s.refused("system", "add_card", {{"category", "staerken"}, {"text", "x"}}) ==
          "role_forbidden");
    CHECK(s.refused("p1", "link_previous_session",
                    {{"previous_session_id", "s1"}, {"decision", "d"}}) == "role_forbidden");
    CHECK(s.refused("p1", "prepare_case", {{"registration_id", "r1"}, {"prepared_by", "X"}}) ==
          "role_forbidden");
    CHECK(s.refused("p3", "join", {{"name", "Tom again"}}) == "already_joined");
    CHECK(s.refused("p1", "fly_to_moon") == "unknown_command");
    s.ok("p3", "leave");
    CHECK(s.refused("p3", "add_card", {{"category", "staerken"}, {"text", "x"}}) ==
          "not_a_participant");
}

TEST_CASE("card writers from the template: presenter-only and experts-only steps",
          "[permissions]") {
    session_driver s("interdisziplinaere_fallbesprechung");
    s.join("Paula", "presenter"); // p2
    s.join("Tom", "participant"); // p3
    s.join("Erika", "expert");    // p4
    s.ok("p1", "start");
    s.go_to_step(6); // experts comment
    CHECK(s.refused("p3", "add_card", {{"category", "kommentar"}, {"text", "x"}}) ==
          "role_forbidden");
    CHECK(s.refused("p2", "add_card", {{"category", "kommentar"}, {"text", "x"}}) ==
          "role_forbidden");
    CHECK(s.refused("p1", "add_card", {{"category", "kommentar"}, {"text", "x"}}) ==
          "role_forbidden");
    s.ok("p4", "add_card",
         {{"category", "kommentar"}, {"text", "Sucht ist nicht das Hauptproblem"}});
    s.go_to_step(7); // presenter's closing word
    CHECK(s.refused("p4", "add_card", {{"category", "schlusswort"}, {"text", "x"}}) ==
          "role_forbidden");
    s.ok("p2", "add_card", {{"category", "schlusswort"}, {"text", "Ich nehme viel mit"}});
}

TEST_CASE("case conference: the moderator presents", "[permissions]") {
    session_driver s("fallkonferenz");
    CHECK(s.refused("", "join", {{"name", "Paula"}, {"role", "presenter"}}) == "invalid_role");
    s.join("Dienst A", "participant"); // p2
    s.ok("p1", "start");               // no separate presenter needed
    s.ok("p1", "set_case_summary", {{"history", "Entlassung aus der Klinik steht an"}});
    CHECK(s.refused("p2", "set_case_summary", {{"history", "x"}}) == "role_forbidden");
    CHECK(s.refused("p1", "assign_role", {{"participant_id", "p2"}, {"role", "presenter"}}) ==
          "invalid_role");
}
