#include "protocol/decide.hpp"
#include "protocol/decide_detail.hpp"
#include "protocol/json_access.hpp"

#include <algorithm>
#include <array>

namespace casecircle::protocol {

namespace detail {

emitter::emitter(const session_data& s, std::string_view actor, millis now)
    : next_seq_(s.last_seq + 1), at_(std::max(now, s.last_at)), actor_(actor) {}

void emitter::emit(std::string type, nlohmann::json data) {
    emit_as(actor_, std::move(type), std::move(data));
}

void emitter::emit_as(std::string actor, std::string type, nlohmann::json data) {
    events_.push_back({next_seq_++, at_, std::move(actor), std::move(type), std::move(data)});
}

outcome collect(emitter& out) {
    return out.take();
}

guard require_running(const context& c) {
    if (!c.s.started) return reject(reject_code::not_started);
    return std::nullopt;
}

guard require_moderator(const context& c) {
    if (c.who == nullptr || c.who->role != role::moderator)
        return reject(reject_code::role_forbidden);
    return std::nullopt;
}

guard require_not_observer(const context& c) {
    if (c.who == nullptr || c.who->role == role::observer)
        return reject(reject_code::role_forbidden);
    return std::nullopt;
}

guard require_record(const context& c, record_kind kind) {
    if (auto r = require_running(c)) return r;
    const auto* step = c.s.current();
    if (step == nullptr || !step->produces(kind)) return reject(reject_code::wrong_step);
    return std::nullopt;
}

std::variant<std::string, rejection> text_field(const nlohmann::json& fields, std::string_view name,
                                                text_kind kind, std::size_t max_chars) {
    const auto raw = json_access::string_at(fields, name);
    if (!raw) return reject_field(name);
    auto cleaned = clean_text(*raw, kind, 1, max_chars);
    if (!cleaned) return reject_field(name);
    return std::move(*cleaned);
}

std::variant<std::string, rejection> optional_text_field(const nlohmann::json& fields,
                                                         std::string_view name, text_kind kind,
                                                         std::size_t max_chars) {
    if (!json_access::has(fields, name)) return std::string();
    const auto raw = json_access::string_at(fields, name);
    if (!raw) return reject_field(name);
    auto cleaned = clean_text(*raw, kind, 0, max_chars);
    if (!cleaned) return reject_field(name);
    return std::move(*cleaned);
}

bool writes_as_advocatus(const context& c) {
    const auto* step = c.s.current();
    return step != nullptr && step->advocatus_diaboli && c.who != nullptr && c.s.advocatus &&
           *c.s.advocatus == c.who->id;
}

} // namespace detail

namespace {

using namespace detail;
using handler = outcome (*)(const context&);

struct command_entry {
    std::string_view type;
    handler decide;
};

// The order here is the order of ENGINE.md.
constexpr std::array<command_entry, 43> command_table{{
    {"join", decide_join},
    {"leave", decide_leave},
    {"rejoin", decide_rejoin},
    {"remove_participant", decide_remove_participant},
    {"assign_role", decide_assign_role},
    {"assign_advocatus", decide_assign_advocatus},
    {"confirm_consent", decide_confirm_consent},
    {"link_previous_session", decide_link_previous_session},
    {"prepare_case", decide_prepare_case},
    {"record_outcome", decide_record_outcome},
    {"start", decide_start},
    {"next_step", decide_next_step},
    {"previous_step", decide_previous_step},
    {"pause", decide_pause},
    {"resume", decide_resume},
    {"extend", decide_extend},
    {"set_step_deadline", decide_set_step_deadline},
    {"end", decide_end},
    {"cancel_session", decide_cancel_session},
    {"redact", decide_redact},
    {"correct_record", decide_correct_record},
    {"approve_minutes", decide_approve_minutes},
    {"discard_minutes", decide_discard_minutes},
    {"add_card", decide_add_card},
    {"edit_card", decide_edit_card},
    {"withdraw_card", decide_withdraw_card},
    {"move_card", decide_move_card},
    {"group_cards", decide_group_cards},
    {"ungroup_cards", decide_ungroup_cards},
    {"pass_turn", decide_pass_turn},
    {"skip_turn", decide_skip_turn},
    {"set_case_summary", decide_set_case_summary},
    {"set_question", decide_set_question},
    {"propose_alternative_question", decide_propose_alternative_question},
    {"choose_question", decide_choose_question},
    {"add_option", decide_add_option},
    {"withdraw_option", decide_withdraw_option},
    {"record_decision", decide_record_decision},
    {"state_backing", decide_state_backing},
    {"give_prognosis", decide_give_prognosis},
    {"reveal_prognosis", decide_reveal_prognosis},
    {"give_feedback", decide_give_feedback},
    {"suggest_improvement", decide_suggest_improvement},
}};

const command_entry* find_command(std::string_view type) {
    for (const auto& entry : command_table)
        if (entry.type == type) return &entry;
    return nullptr;
}

// What the server carries into a session from outside it (the team's archive, a registration).
bool system_only(std::string_view type) {
    return type == "link_previous_session" || type == "prepare_case";
}

// Commands the server itself may issue under the reserved "system" actor.
bool system_may_issue(std::string_view type) {
    return system_only(type) || type == "end";
}

// After the end the minutes remain to be approved or discarded, and the people to be managed:
// someone may come back to read the draft, or be removed so that they cannot.
bool allowed_after_end(std::string_view type) {
    return type == "approve_minutes" || type == "discard_minutes" || type == "remove_participant" ||
           type == "rejoin" || type == "redact" || type == "correct_record" ||
           type == "reveal_prognosis";
}

std::optional<rejection> check_actor(const session_data& s, std::string_view actor,
                                     std::string_view type, const participant*& who) {
    who = nullptr;
    if (type == "join") {
        if (!actor.empty()) return reject(reject_code::already_joined);
        return std::nullopt;
    }
    if (actor == system_actor) {
        if (!system_may_issue(type)) return reject(reject_code::role_forbidden);
        return std::nullopt;
    }
    if (system_only(type)) return reject(reject_code::role_forbidden);
    if (type == "rejoin") {
        // The one command of someone who is not present (any more).
        who = s.find_participant(actor);
        if (who == nullptr) return reject(reject_code::not_a_participant);
        if (who->removed) return reject(reject_code::removed_from_session);
        return std::nullopt;
    }
    who = s.present_participant(actor);
    if (who == nullptr) return reject(reject_code::not_a_participant);
    return std::nullopt;
}

outcome decide_unchecked(const session_state& state, std::string_view actor, const command& cmd,
                         millis now) {
    const auto* entry = find_command(cmd.type);
    if (entry == nullptr) return reject(reject_code::unknown_command);
    const auto& s = state.data();
    if (!s.format) return reject(reject_code::not_started);
    const participant* who = nullptr;
    if (auto r = check_actor(s, actor, cmd.type, who)) return *r;
    if (s.ended && !allowed_after_end(cmd.type)) return reject(reject_code::session_ended);
    static const nlohmann::json no_fields = nlohmann::json::object();
    const auto& fields = cmd.fields.is_object() ? cmd.fields : no_fields;
    return entry->decide(context{s, actor, fields, now, who});
}

} // namespace

outcome decide(const session_state& state, std::string_view actor, const command& cmd, millis now) {
    try {
        return decide_unchecked(state, actor, cmd, now);
    } catch (const std::exception&) {
        // A bug must not take the server's network thread down; the tests assert this never
        // happens (the randomised run fails on any internal_error).
        return reject(reject_code::internal_error);
    }
}

outcome create_session(const format_template& format, std::string_view case_code,
                       std::string_view title, std::string_view moderator_name, millis now,
                       session_mode mode) {
    const auto code = clean_case_code(case_code);
    if (!code) return reject(reject_code::invalid_case_code);
    const auto clean_title = clean_text(title, text_kind::single_line, 0, max_title_chars);
    if (!clean_title) return reject_field("title");
    const auto name = clean_text(moderator_name, text_kind::single_line, 1, max_name_chars);
    if (!name) return reject_field("name");
    nlohmann::json created{{"format", format.id},
                           {"template_version", format.version},
                           {"template", format.source},
                           {"case_code", *code},
                           {"title", *clean_title}};
    // Stored meeting logs have no mode; leaving it out keeps their events as they were.
    if (mode == session_mode::written) created["mode"] = to_string(mode);
    std::vector<event> events;
    events.push_back({1, now, "p1", "session_created", std::move(created)});
    events.push_back(
        {2, now, "p1", "participant_joined",
         nlohmann::json{{"participant_id", "p1"}, {"name", *name}, {"role", "moderator"}}});
    return events;
}

const std::vector<std::string_view>& command_types() {
    static const std::vector<std::string_view> types = [] {
        std::vector<std::string_view> out;
        for (const auto& entry : command_table)
            out.push_back(entry.type);
        return out;
    }();
    return types;
}

} // namespace casecircle::protocol
