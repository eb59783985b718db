#include "protocol/decide_detail.hpp"
#include "protocol/ids.hpp"
#include "protocol/json_access.hpp"

namespace casecircle::protocol::detail {

namespace {

namespace ja = json_access;
using nlohmann::json;

std::variant<role, rejection> role_field(const json& fields, role fallback) {
    if (!ja::has(fields, "role")) return fallback;
    const auto r = role_from_string(ja::string_at(fields, "role").value_or(""));
    if (!r) return reject_field("role");
    return *r;
}

const participant* other_presenter(const session_data& s, std::string_view except) {
    for (const auto& p : s.participants)
        if (p.present && p.role == role::presenter && p.id != except) return &p;
    return nullptr;
}

json role_change(const participant& p, role next) {
    return json{
        {"participant_id", p.id}, {"role", to_string(next)}, {"previous_role", to_string(p.role)}};
}

void clear_advocatus_if(emitter& out, const session_data& s, std::string_view id) {
    if (s.advocatus && *s.advocatus == id)
        out.emit("advocatus_assigned", json{{"participant_id", nullptr}});
}

// What follows when someone is no longer present (leaving or removed): the AD mark goes, and
// their place in a running round.
void emit_departure(emitter& out, const session_data& s, const std::string& id) {
    clear_advocatus_if(out, s, id);
    emit_round_membership(out, s, round_members_after(s, {id}), "left");
}

// Someone (new or returning) comes in: a participant or expert is appended to a running round.
void emit_round_entry(emitter& out, const session_data& s, const std::string& id, role r) {
    auto order = round_members_after(s);
    if (r == role::participant || r == role::expert) order.push_back(id);
    emit_round_membership(out, s, std::move(order), "joined");
}

std::optional<std::string> date_field(const json& fields, std::string_view name, bool& ok) {
    ok = true;
    if (!ja::has(fields, name)) return std::nullopt;
    const auto text = ja::string_at(fields, name);
    ok = text && parse_date(*text);
    return text;
}

} // namespace

outcome decide_join(const context& c) {
    const auto name = text_field(c.fields, "name", text_kind::single_line, max_name_chars);
    if (const auto* r = std::get_if<rejection>(&name)) return *r;
    const auto r = role_field(c.fields, role::participant);
    if (const auto* bad = std::get_if<rejection>(&r)) return *bad;
    const auto joining = std::get<role>(r);
    if (joining == role::moderator) return reject(reject_code::invalid_role);
    if (joining == role::presenter && c.s.format->moderator_presents)
        return reject(reject_code::invalid_role);
    if (joining == role::presenter && c.s.has_presenter()) return reject(reject_code::role_taken);
    if (c.s.participants.size() >= max_participants) return reject(reject_code::limit_reached);
    // Only the server sets this: a guest link was redeemed for this join.
    const bool guest = json_access::bool_at(c.fields, "guest").value_or(false);
    // A guest sees case content (even the previous decision carried in) from the moment they
    // join, so the client's consent must be on record before any guest comes in.
    if (guest && !c.s.consent) return reject(reject_code::consent_missing);

    const auto id = ids::make('p', c.s.participants.size() + 1);
    emitter out(c.s, id, c.now);
    out.emit("participant_joined", json{{"participant_id", id},
                                        {"name", std::get<std::string>(name)},
                                        {"role", to_string(joining)},
                                        {"guest", guest}});
    emit_round_entry(out, c.s, id, joining);
    return collect(out);
}

outcome decide_confirm_consent(const context& c) {
    if (c.who == nullptr || !c.s.is_presenter(*c.who)) return reject(reject_code::role_forbidden);
    emitter out(c.s, c.actor, c.now);
    out.emit("consent_confirmed", json::object());
    return collect(out);
}

outcome decide_leave(const context& c) {
    if (c.who->role == role::moderator) return reject(reject_code::moderator_cannot_leave);
    emitter out(c.s, c.actor, c.now);
    out.emit("participant_left", json{{"participant_id", c.who->id}});
    emit_departure(out, c.s, c.who->id);
    return collect(out);
}

// The same person enters again (another device, or after leaving). check_actor has refused
// the removed and the unknown.
outcome decide_rejoin(const context& c) {
    // Already here: nothing to record; the server just hands out the state.
    if (c.who->present) return std::vector<event>{};
    emitter out(c.s, c.actor, c.now);
    out.emit("participant_rejoined", json{{"participant_id", c.who->id}});
    auto returning = c.who->role;
    // Someone else presents by now: there is only one presenter, so the returner is a participant.
    if (returning == role::presenter && c.s.has_presenter()) {
        out.emit("role_changed", role_change(*c.who, role::participant));
        returning = role::participant;
    }
    emit_round_entry(out, c.s, c.who->id, returning);
    return collect(out);
}

// The moderator takes someone out, also after the end: it takes away their access to the draft
// minutes (the server revokes their credentials on participant_removed).
outcome decide_remove_participant(const context& c) {
    if (auto r = require_moderator(c)) return *r;
    const auto id = ja::string_at(c.fields, "participant_id");
    if (!id) return reject_field("participant_id");
    const auto* target = c.s.find_participant(*id);
    if (target == nullptr || target->removed) return reject(reject_code::unknown_participant);
    if (target->role == role::moderator) return reject(reject_code::cannot_remove_moderator);
    emitter out(c.s, c.actor, c.now);
    out.emit("participant_removed", json{{"participant_id", target->id}});
    if (target->present) emit_departure(out, c.s, target->id);
    return collect(out);
}

outcome decide_assign_role(const context& c) {
    if (auto r = require_moderator(c)) return *r;
    const auto* target =
        c.s.present_participant(ja::string_at(c.fields, "participant_id").value_or(""));
    if (target == nullptr) return reject(reject_code::unknown_participant);
    if (!ja::has(c.fields, "role")) return reject_field("role");
    const auto parsed = role_field(c.fields, role::participant);
    if (const auto* bad = std::get_if<rejection>(&parsed)) return *bad;
    const auto next = std::get<role>(parsed);
    if (target->role == next) return reject(reject_code::role_taken);
    // The moderator's role changes only by handing moderation to someone else.
    if (target->role == role::moderator) return reject(reject_code::invalid_role);
    if (next == role::presenter && c.s.format->moderator_presents)
        return reject(reject_code::invalid_role);
    // A guest from another organisation advises or listens; the case and the session stay with
    // the team.
    if (target->guest && next != role::expert && next != role::observer)
        return reject(reject_code::invalid_role);

    emitter out(c.s, c.actor, c.now);
    std::vector<std::pair<std::string, role>> changes{{target->id, next}};
    out.emit("role_changed", role_change(*target, next));
    if (next == role::moderator) {
        out.emit("role_changed", role_change(*c.who, role::participant));
        changes.emplace_back(c.who->id, role::participant);
    }
    if (next == role::presenter)
        if (const auto* previous = other_presenter(c.s, target->id)) {
            out.emit("role_changed", role_change(*previous, role::participant));
            changes.emplace_back(previous->id, role::participant);
        }
    if (next != role::participant) clear_advocatus_if(out, c.s, target->id);
    emit_round_membership(out, c.s, round_members_after(c.s, {}, changes), "role_changed");
    return collect(out);
}

outcome decide_assign_advocatus(const context& c) {
    if (auto r = require_moderator(c)) return *r;
    if (!c.s.format->has_advocatus()) return reject(reject_code::advocatus_unavailable);
    const auto id = ja::optional_string_at(c.fields, "participant_id");
    if (!id) return reject_field("participant_id");
    emitter out(c.s, c.actor, c.now);
    if (!*id) {
        out.emit("advocatus_assigned", json{{"participant_id", nullptr}});
        return collect(out);
    }
    const auto* target = c.s.present_participant(**id);
    if (target == nullptr) return reject(reject_code::unknown_participant);
    if (target->role != role::participant)
        return reject(reject_code::advocatus_must_be_participant);
    out.emit("advocatus_assigned", json{{"participant_id", target->id}});
    return collect(out);
}

outcome decide_link_previous_session(const context& c) {
    const auto session_id =
        text_field(c.fields, "previous_session_id", text_kind::single_line, max_reference_chars);
    if (const auto* r = std::get_if<rejection>(&session_id)) return *r;
    const auto decision =
        text_field(c.fields, "decision", text_kind::multi_line, max_decision_chars);
    if (const auto* r = std::get_if<rejection>(&decision)) return *r;
    const auto question =
        optional_text_field(c.fields, "question", text_kind::multi_line, max_question_chars);
    if (const auto* r = std::get_if<rejection>(&question)) return *r;
    bool ok = true;
    const auto held_on = date_field(c.fields, "held_on", ok);
    if (!ok) return reject_field("held_on");
    const auto review_date = date_field(c.fields, "review_date", ok);
    if (!ok) return reject_field("review_date");
    json distribution = json::array();
    if (ja::has(c.fields, "prognosis_distribution")) {
        const auto* d = ja::member(c.fields, "prognosis_distribution");
        if (!d->is_array() || d->size() != 5) return reject_field("prognosis_distribution");
        for (const auto& n : *d) {
            if (!n.is_number_integer() || n.get<std::int64_t>() < 0 || n.get<std::int64_t>() > 1000)
                return reject_field("prognosis_distribution");
            distribution.push_back(n.get<int>());
        }
    }
    emitter out(c.s, c.actor, c.now);
    out.emit("previous_session_linked",
             json{{"previous_session_id", std::get<std::string>(session_id)},
                  {"held_on", held_on.value_or("")},
                  {"question", std::get<std::string>(question)},
                  {"decision", std::get<std::string>(decision)},
                  {"review_date", review_date.value_or("")},
                  {"prognosis_distribution", distribution}});
    return collect(out);
}

// The presenter says what came of the decision the previous session carried in.
outcome decide_record_outcome(const context& c) {
    if (!c.s.is_presenter(*c.who)) return reject(reject_code::role_forbidden);
    if (!c.s.previous) return reject(reject_code::no_previous_session);
    const auto result = ja::string_at(c.fields, "outcome").value_or("");
    if (result != "done" && result != "partly" && result != "not_done")
        return reject_field("outcome");
    const auto note =
        optional_text_field(c.fields, "note", text_kind::multi_line, max_decision_chars);
    if (const auto* r = std::get_if<rejection>(&note)) return *r;
    emitter out(c.s, c.actor, c.now);
    out.emit("outcome_recorded", json{{"outcome", result}, {"note", std::get<std::string>(note)}});
    return collect(out);
}

} // namespace casecircle::protocol::detail
