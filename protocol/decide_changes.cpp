// The moderator's changes to the draft before approval: redaction and correction.
#include "protocol/decide_detail.hpp"
#include "protocol/draft_targets.hpp"
#include "protocol/json_access.hpp"

namespace casecircle::protocol::detail {

namespace {

namespace ja = json_access;
namespace dt = draft_targets;
using nlohmann::json;

// Until the minutes are approved or discarded the draft can change, during the session and
// after its end alike.
guard require_open_draft(const context& c) {
    if (auto r = require_moderator(c)) return r;
    if (c.s.cancellation) return reject(reject_code::session_cancelled);
    if (c.s.approval) return reject(reject_code::already_approved);
    if (c.s.discard) return reject(reject_code::minutes_discarded);
    return std::nullopt;
}

std::variant<std::string, rejection> target_field(const context& c) {
    const auto target = ja::string_at(c.fields, "target");
    if (!target) return reject_field("target");
    if (dt::texts(c.s, *target).empty()) return reject(reject_code::unknown_target);
    return *target;
}

} // namespace

outcome decide_redact(const context& c) {
    if (auto r = require_open_draft(c)) return *r;
    const auto target = target_field(c);
    if (const auto* r = std::get_if<rejection>(&target)) return *r;
    const auto& name = std::get<std::string>(target);
    if (!dt::info(name).redactable) return reject(reject_code::unknown_target);
    if (*dt::texts(c.s, name).front() == dt::redacted_text)
        return reject(reject_code::already_redacted);
    const auto reason = text_field(c.fields, "reason", text_kind::single_line, max_note_chars);
    if (const auto* r = std::get_if<rejection>(&reason)) return *r;
    emitter out(c.s, c.actor, c.now);
    out.emit("text_redacted", json{{"target", name}, {"reason", std::get<std::string>(reason)}});
    return collect(out);
}

outcome decide_correct_record(const context& c) {
    if (auto r = require_open_draft(c)) return *r;
    const auto target = target_field(c);
    if (const auto* r = std::get_if<rejection>(&target)) return *r;
    const auto& name = std::get<std::string>(target);
    const auto rules = dt::info(name);
    if (!rules.correctable) return reject(reject_code::unknown_target);
    auto text = text_field(c.fields, "text", rules.kind, rules.max_chars);
    if (const auto* r = std::get_if<rejection>(&text)) return *r;
    // Filing the session under another case: the new code is a pseudonym like any other.
    if (name == "case_code") {
        const auto code = clean_case_code(std::get<std::string>(text));
        if (!code) return reject(reject_code::invalid_case_code);
        text = *code;
    }
    if (std::get<std::string>(text) == *dt::texts(c.s, name).front()) return reject_field("text");
    emitter out(c.s, c.actor, c.now);
    out.emit("record_corrected", json{{"target", name}, {"text", std::get<std::string>(text)}});
    return collect(out);
}

} // namespace casecircle::protocol::detail
