#pragma once

// Internal to the engine: the pieces the command handlers share.

#include "protocol/decide.hpp"
#include "protocol/text_rules.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace casecircle::protocol::detail {

// Caps that keep one session's state bounded whatever clients send.
inline constexpr std::size_t max_participants = 100;
inline constexpr std::size_t max_cards = 2000;
inline constexpr std::size_t max_alternatives = 50;
inline constexpr std::size_t max_options = 100;
inline constexpr std::size_t max_groups = 200;
inline constexpr std::size_t max_group_size = 100;
inline constexpr std::size_t max_obstacles = 10;
inline constexpr int max_extension_minutes = 60;

struct context {
    const session_data& s;
    std::string_view actor;
    const nlohmann::json& fields;
    millis now;
    const participant* who; // the issuing participant; nullptr for join and system commands
};

// Builds the events of one decision with consecutive sequence numbers.
class emitter {
  public:
    emitter(const session_data& s, std::string_view actor, millis now);
    void emit(std::string type, nlohmann::json data);
    void emit_as(std::string actor, std::string type, nlohmann::json data);
    std::vector<event> take() { return std::move(events_); }

  private:
    std::uint64_t next_seq_;
    millis at_;
    std::string actor_;
    std::vector<event> events_;
};

using guard = std::optional<rejection>;

guard require_running(const context& c); // started and not ended (pauses allowed)
guard require_moderator(const context& c);
guard require_not_observer(const context& c);
guard require_record(const context& c, record_kind kind); // current step produces it

// A required text field, cleaned; a rejection names the field.
std::variant<std::string, rejection> text_field(const nlohmann::json& fields, std::string_view name,
                                                text_kind kind, std::size_t max_chars);
// An optional text field: absent/null means "".
std::variant<std::string, rejection> optional_text_field(const nlohmann::json& fields,
                                                         std::string_view name, text_kind kind,
                                                         std::size_t max_chars);

// The advocatus mark: the author is the assigned AD and the current step has AD active.
bool writes_as_advocatus(const context& c);

// Round-robin (reihum) helpers. Members are the present participants and experts in join order.
std::vector<std::string>
round_members(const session_data& s, const std::vector<std::string>& leaving = {},
              const std::vector<std::pair<std::string, role>>& changes = {});
// The running round's members after a change of people: members who stay keep their places,
// newcomers (joining, rejoining, given a member role) are appended in join order.
std::vector<std::string>
round_members_after(const session_data& s, const std::vector<std::string>& leaving = {},
                    const std::vector<std::pair<std::string, role>>& changes = {});
bool round_open(const session_data& s);
void emit_round_start(emitter& out, const session_data& s, int step);
void emit_turn_advance(emitter& out, const session_data& s, std::string_view reason);
void emit_round_membership(emitter& out, const session_data& s, std::vector<std::string> new_order,
                           std::string_view reason);

outcome collect(emitter& out);

// Whether the actor may put a card into this category of the current step (writers, category,
// presenter-first); the round-robin turn is checked separately.
guard check_card_write(const context& c, std::string_view category_key);
nlohmann::json card_added_data(const context& c, std::size_t index, std::string_view category,
                               const std::string& text);

// Handlers, one per command type.
outcome decide_join(const context& c);
outcome decide_leave(const context& c);
outcome decide_rejoin(const context& c);
outcome decide_remove_participant(const context& c);
outcome decide_confirm_consent(const context& c);
outcome decide_assign_role(const context& c);
outcome decide_assign_advocatus(const context& c);
outcome decide_link_previous_session(const context& c);
outcome decide_prepare_case(const context& c);
outcome decide_record_outcome(const context& c);

outcome decide_start(const context& c);
outcome decide_next_step(const context& c);
outcome decide_previous_step(const context& c);
outcome decide_pause(const context& c);
outcome decide_resume(const context& c);
outcome decide_extend(const context& c);
outcome decide_set_step_deadline(const context& c);
outcome decide_end(const context& c);
outcome decide_cancel_session(const context& c);
outcome decide_approve_minutes(const context& c);
outcome decide_discard_minutes(const context& c);

outcome decide_pass_turn(const context& c);
outcome decide_skip_turn(const context& c);

outcome decide_add_card(const context& c);
outcome decide_edit_card(const context& c);
outcome decide_withdraw_card(const context& c);
outcome decide_move_card(const context& c);
outcome decide_group_cards(const context& c);
outcome decide_ungroup_cards(const context& c);
outcome decide_give_feedback(const context& c);
outcome decide_suggest_improvement(const context& c);

outcome decide_set_case_summary(const context& c);
outcome decide_set_question(const context& c);
outcome decide_propose_alternative_question(const context& c);
outcome decide_choose_question(const context& c);
outcome decide_add_option(const context& c);
outcome decide_withdraw_option(const context& c);
outcome decide_record_decision(const context& c);
outcome decide_state_backing(const context& c);
outcome decide_give_prognosis(const context& c);
outcome decide_reveal_prognosis(const context& c);

outcome decide_redact(const context& c);
outcome decide_correct_record(const context& c);

} // namespace casecircle::protocol::detail
