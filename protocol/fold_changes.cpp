#include "protocol/fold_changes.hpp"

#include "protocol/draft_targets.hpp"
#include "protocol/json_access.hpp"

namespace casecircle::protocol::fold {

namespace {

namespace ja = json_access;
namespace dt = draft_targets;

bool draft_open(const session_data& d) {
    return !d.cancellation && !d.approval && !d.discard;
}

} // namespace

result text_redacted(session_data& d, const event& e) {
    const auto target = ja::string_at(e.data, "target");
    const auto reason = ja::string_at(e.data, "reason");
    if (!target || !reason) return "text_redacted is malformed";
    if (!draft_open(d)) return "text_redacted after the minutes were closed";
    const auto texts = dt::texts(d, *target);
    if (texts.empty()) return "text_redacted names nothing: " + *target;
    for (auto* text : texts)
        *text = dt::redacted_text;
    // A correction's trace must not keep what the redaction took out.
    for (auto& change : d.changes)
        if (change.target == *target) change.before = dt::redacted_text;
    d.changes.push_back({"redaction", *target, *reason, "", e.actor, e.at});
    return std::nullopt;
}

result record_corrected(session_data& d, const event& e) {
    const auto target = ja::string_at(e.data, "target");
    const auto text = ja::string_at(e.data, "text");
    if (!target || !text) return "record_corrected is malformed";
    if (!draft_open(d)) return "record_corrected after the minutes were closed";
    const auto texts = dt::texts(d, *target);
    if (texts.empty()) return "record_corrected names nothing: " + *target;
    const auto before = *texts.front();
    for (auto* held : texts)
        *held = *text;
    d.changes.push_back({"correction", *target, "", before, e.actor, e.at});
    return std::nullopt;
}

result prognosis_revealed(session_data& d, const event& e) {
    if (d.prognosis_revealed) return "prognosis_revealed twice";
    const auto reason = ja::string_at(e.data, "reason");
    if (!reason || (*reason != "all_rated" && *reason != "moderator"))
        return "prognosis_revealed is malformed";
    d.prognosis_revealed = prognosis_reveal{*reason == "moderator" ? e.actor : "", e.at};
    return std::nullopt;
}

result presence_at_step(session_data& d, const event& e) {
    const auto* step = d.current();
    if (step == nullptr || step->requires_present.empty()) return std::nullopt;
    presence_record record{d.current_step, {}, {}, e.at};
    for (const auto& p : d.participants)
        if (p.present) record.present.push_back(p.id);
    if (const auto* lacking = ja::member(e.data, "despite_missing");
        lacking && lacking->is_object())
        for (const auto& [who, count] : lacking->items())
            if (count.is_number_integer()) record.missing.emplace_back(who, count.get<int>());
    d.presence.push_back(std::move(record));
    return std::nullopt;
}

} // namespace casecircle::protocol::fold
