#include "protocol/decide_detail.hpp"
#include "protocol/json_access.hpp"

namespace casecircle::protocol::detail {

namespace {

using nlohmann::json;

// A step that requires people to be present starts anyway when they are not (the moderator was
// told and decided to go on); the event says what was lacking, so that the minutes can.
json step_started_data(const context& c, int step, std::string_view direction) {
    const auto* target = c.s.step(step);
    json data{{"step", step}, {"key", target->key}, {"direction", direction}};
    const auto missing = c.s.missing_presence(*target);
    if (!missing.empty()) {
        json lacking = json::object();
        for (const auto& [who, count] : missing)
            lacking[who] = count;
        data["despite_missing"] = std::move(lacking);
    }
    return data;
}

outcome go_to_step(const context& c, int step, std::string_view direction) {
    emitter out(c.s, c.actor, c.now);
    out.emit("step_started", step_started_data(c, step, direction));
    emit_round_start(out, c.s, step);
    return collect(out);
}

guard require_moving(const context& c) {
    if (auto r = require_moderator(c)) return r;
    if (auto r = require_running(c)) return r;
    if (c.s.paused_since) return reject(reject_code::session_paused);
    return std::nullopt;
}

// How a session ended: only the server knows that a room stood idle; people end as moderators.
std::optional<std::string> end_reason(const context& c) {
    if (!json_access::has(c.fields, "reason")) return "moderator";
    if (c.actor == system_actor && json_access::string_at(c.fields, "reason") == "idle")
        return "idle";
    return std::nullopt;
}

bool valid_cancel_reason(std::string_view reason) {
    return reason == "no_case" || reason == "too_few_present" || reason == "case_withdrawn" ||
           reason == "other";
}

// The minutes of an ended session can still be approved or discarded, once, unless the session
// was cancelled (then there are none).
guard require_open_minutes(const context& c) {
    if (!c.s.ended) return reject(reject_code::not_ended);
    if (c.s.cancellation) return reject(reject_code::session_cancelled);
    if (c.s.approval) return reject(reject_code::already_approved);
    if (c.s.discard) return reject(reject_code::minutes_discarded);
    return std::nullopt;
}

} // namespace

outcome decide_start(const context& c) {
    if (auto r = require_moderator(c)) return *r;
    if (c.s.started) return reject(reject_code::already_started);
    if (!c.s.has_presenter()) return reject(reject_code::presenter_missing);
    if (c.s.has_guests() && !c.s.consent) return reject(reject_code::consent_missing);
    emitter out(c.s, c.actor, c.now);
    out.emit("session_started", json::object());
    out.emit("step_started", step_started_data(c, 1, "forward"));
    emit_round_start(out, c.s, 1);
    return collect(out);
}

outcome decide_next_step(const context& c) {
    if (auto r = require_moving(c)) return *r;
    if (c.s.current_step >= c.s.step_count()) return reject(reject_code::no_next_step);
    return go_to_step(c, c.s.current_step + 1, "forward");
}

outcome decide_previous_step(const context& c) {
    if (auto r = require_moving(c)) return *r;
    if (c.s.current_step <= 1) return reject(reject_code::no_previous_step);
    return go_to_step(c, c.s.current_step - 1, "back");
}

outcome decide_pause(const context& c) {
    if (auto r = require_moderator(c)) return *r;
    if (auto r = require_running(c)) return *r;
    if (c.s.paused_since) return reject(reject_code::session_paused);
    emitter out(c.s, c.actor, c.now);
    out.emit("session_paused", json{{"step", c.s.current_step}});
    return collect(out);
}

outcome decide_resume(const context& c) {
    if (auto r = require_moderator(c)) return *r;
    if (auto r = require_running(c)) return *r;
    if (!c.s.paused_since) return reject(reject_code::not_paused);
    emitter out(c.s, c.actor, c.now);
    out.emit("session_resumed", json{{"step", c.s.current_step}});
    return collect(out);
}

outcome decide_extend(const context& c) {
    if (auto r = require_moderator(c)) return *r;
    if (auto r = require_running(c)) return *r;
    const auto minutes = json_access::integer_at(c.fields, "minutes");
    if (!minutes || *minutes < 1 || *minutes > max_extension_minutes)
        return reject_field("minutes");
    const auto& timing = c.s.timings[static_cast<std::size_t>(c.s.current_step - 1)];
    if (timing.extended_minutes + *minutes > 4 * max_extension_minutes)
        return reject(reject_code::limit_reached);
    emitter out(c.s, c.actor, c.now);
    out.emit("step_extended", json{{"step", c.s.current_step}, {"minutes", *minutes}});
    return collect(out);
}

outcome decide_end(const context& c) {
    // The moderator ends (or cancels, before the start); the server may end an abandoned room.
    if (c.actor != system_actor)
        if (auto r = require_moderator(c)) return *r;
    const auto reason = end_reason(c);
    if (!reason) return reject_field("reason");
    emitter out(c.s, c.actor, c.now);
    out.emit("session_ended", json{{"step", c.s.current_step}, {"reason", *reason}});
    return collect(out);
}

// Calling a session off, before or during it: it ends without minutes.
outcome decide_cancel_session(const context& c) {
    if (auto r = require_moderator(c)) return *r;
    const auto reason = json_access::string_at(c.fields, "reason").value_or("");
    if (!valid_cancel_reason(reason)) return reject_field("reason");
    const auto note =
        optional_text_field(c.fields, "note", text_kind::multi_line, max_cancel_note_chars);
    if (const auto* r = std::get_if<rejection>(&note)) return *r;
    // "other" says nothing by itself; the team's statistics need the why.
    if (reason == "other" && std::get<std::string>(note).empty()) return reject_field("note");
    emitter out(c.s, c.actor, c.now);
    out.emit("session_cancelled", json{{"reason", reason},
                                       {"note", std::get<std::string>(note)},
                                       {"step", c.s.current_step}});
    return collect(out);
}

outcome decide_approve_minutes(const context& c) {
    if (auto r = require_moderator(c)) return *r;
    if (auto r = require_open_minutes(c)) return *r;
    // The last look: the moderator confirms having seen every change made to the draft.
    if (!c.s.changes.empty() && json_access::integer_at(c.fields, "changes_seen") !=
                                    static_cast<std::int64_t>(c.s.changes.size()))
        return reject(reject_code::changes_not_seen);
    auto remark =
        optional_text_field(c.fields, "closing_remark", text_kind::multi_line, max_remark_chars);
    if (auto* why = std::get_if<rejection>(&remark)) return *why;
    emitter out(c.s, c.actor, c.now);
    out.emit("minutes_approved", json{{"closing_remark", std::get<std::string>(remark)}});
    return collect(out);
}

// The draft minutes are not kept (e.g. a test run, or a session that went wrong); the server
// deletes the case texts.
outcome decide_discard_minutes(const context& c) {
    if (auto r = require_moderator(c)) return *r;
    if (auto r = require_open_minutes(c)) return *r;
    const auto reason =
        text_field(c.fields, "reason", text_kind::multi_line, max_discard_reason_chars);
    if (const auto* r = std::get_if<rejection>(&reason)) return *r;
    emitter out(c.s, c.actor, c.now);
    out.emit("minutes_discarded", json{{"reason", std::get<std::string>(reason)}});
    return collect(out);
}

} // namespace casecircle::protocol::detail
