#include "protocol/fold_changes.hpp"
#include "protocol/ids.hpp"
#include "protocol/json_access.hpp"
#include "protocol/session_state.hpp"

#include <algorithm>
#include <array>
#include <functional>

namespace casecircle::protocol {

namespace {

namespace ja = json_access;
using nlohmann::json;

// Each handler checks everything first and only then changes the state, so that a refused event
// leaves the state as it was. A returned string is the reason for refusing.
using fold_result = std::optional<std::string>;
using handler = fold_result (*)(session_data&, const event&);

step_timing& timing_of(session_data& d, int step) {
    return d.timings[static_cast<std::size_t>(step - 1)];
}

// Closes the running stretch of the current step: its active time ends at `at`.
void stop_clock(session_data& d, millis at) {
    if (d.current_step == 0) return;
    auto& t = timing_of(d, d.current_step);
    if (t.running_since) t.active_ms += std::max<millis>(0, at - *t.running_since);
    t.running_since.reset();
}

void leave_current_step(session_data& d, millis at) {
    if (d.current_step == 0) return;
    stop_clock(d, at);
    auto& t = timing_of(d, d.current_step);
    if (!t.visits.empty() && !t.visits.back().ended_at) t.visits.back().ended_at = at;
}

participant* mutable_participant(session_data& d, std::string_view id) {
    return const_cast<participant*>(d.present_participant(id));
}

card* mutable_card(session_data& d, std::string_view id) {
    auto* c = const_cast<card*>(d.find_card(id));
    return c != nullptr && !c->withdrawn ? c : nullptr;
}

void remove_from_group(session_data& d, card& c) {
    if (c.group.empty()) return;
    const auto group = std::find_if(d.groups.begin(), d.groups.end(),
                                    [&](const card_group& g) { return g.id == c.group; });
    c.group.clear();
    if (group == d.groups.end()) return;
    std::erase(group->card_ids, c.id);
    if (group->card_ids.empty()) d.groups.erase(group);
}

bool valid_vote(std::string_view v) {
    return v == "yes" || v == "no" || v == "abstain";
}

// --- session and people -------------------------------------------------------------------

// The library's template when the embedded copy is the same document, else nullptr.
std::shared_ptr<const format_template> known_copy(const template_library* known,
                                                  const nlohmann::json& source) {
    if (known == nullptr) return nullptr;
    auto shared = known->find(ja::string_at(source, "id").value_or(""));
    return shared && shared->source == source ? shared : nullptr;
}

// Logs from before written sessions existed have no mode: they were all meetings.
std::optional<session_mode> mode_of(const nlohmann::json& data) {
    const auto* field = ja::member(data, "mode");
    if (field == nullptr) return session_mode::meeting;
    return field->is_string() ? session_mode_from_string(field->get<std::string>()) : std::nullopt;
}

fold_result on_session_created(session_data& d, const event& e) {
    if (d.format) return "session already created";
    const auto* source = ja::member(e.data, "template");
    const auto case_code = ja::string_at(e.data, "case_code");
    const auto title = ja::string_at(e.data, "title");
    if (source == nullptr || !case_code || !title) return "session_created lacks fields";
    const auto mode = mode_of(e.data);
    if (!mode) return "session_created with an unknown mode";
    if (auto shared = known_copy(d.known_templates, *source)) {
        d.format = std::move(shared);
    } else {
        auto parsed = parse_template("", *source);
        if (const auto* error = std::get_if<template_error>(&parsed))
            return "embedded template is invalid: " + error->what();
        d.format = std::get<std::shared_ptr<const format_template>>(std::move(parsed));
    }
    d.case_code = *case_code;
    d.title = *title;
    d.mode = *mode;
    d.created_at = e.at;
    d.timings.assign(d.format->steps.size(), step_timing{});
    return std::nullopt;
}

fold_result on_participant_joined(session_data& d, const event& e) {
    const auto id = ja::string_at(e.data, "participant_id");
    const auto name = ja::string_at(e.data, "name");
    const auto role_name = ja::string_at(e.data, "role");
    if (!id || !name || !role_name) return "participant_joined lacks fields";
    const auto r = role_from_string(*role_name);
    if (!r) return "unknown role " + *role_name;
    if (*id != ids::make('p', d.participants.size() + 1)) return "unexpected participant id " + *id;
    d.participants.push_back(
        {*id, *name, *r, true, e.at, std::nullopt, ja::bool_at(e.data, "guest").value_or(false)});
    return std::nullopt;
}

fold_result on_participant_left(session_data& d, const event& e) {
    auto* p = mutable_participant(d, ja::string_at(e.data, "participant_id").value_or(""));
    if (p == nullptr) return "participant_left names nobody present";
    p->present = false;
    p->left_at = e.at;
    return std::nullopt;
}

// Removal may also hit someone who already left: they keep the time they left.
fold_result on_participant_removed(session_data& d, const event& e) {
    auto* p = const_cast<participant*>(
        d.find_participant(ja::string_at(e.data, "participant_id").value_or("")));
    if (p == nullptr || p->removed) return "participant_removed names nobody or twice";
    if (p->present && p->role == role::moderator) return "participant_removed names the moderator";
    if (p->present) p->left_at = e.at;
    p->present = false;
    p->removed = true;
    return std::nullopt;
}

fold_result on_participant_rejoined(session_data& d, const event& e) {
    auto* p = const_cast<participant*>(
        d.find_participant(ja::string_at(e.data, "participant_id").value_or("")));
    if (p == nullptr || p->present || p->removed)
        return "participant_rejoined names nobody who left";
    p->present = true;
    p->left_at.reset();
    return std::nullopt;
}

fold_result on_role_changed(session_data& d, const event& e) {
    auto* p = mutable_participant(d, ja::string_at(e.data, "participant_id").value_or(""));
    const auto r = role_from_string(ja::string_at(e.data, "role").value_or(""));
    if (p == nullptr || !r) return "role_changed names nobody present or no role";
    p->role = *r;
    return std::nullopt;
}

fold_result on_advocatus_assigned(session_data& d, const event& e) {
    const auto id = ja::optional_string_at(e.data, "participant_id");
    if (!id) return "advocatus_assigned has a malformed participant_id";
    if (*id && !d.present_participant(**id)) return "advocatus_assigned names nobody present";
    d.advocatus = *id;
    return std::nullopt;
}

fold_result on_previous_session_linked(session_data& d, const event& e) {
    previous_session p;
    const auto session_id = ja::string_at(e.data, "previous_session_id");
    const auto decision = ja::string_at(e.data, "decision");
    if (!session_id || !decision) return "previous_session_linked lacks fields";
    p.session_id = *session_id;
    p.decision = *decision;
    p.held_on = ja::string_at(e.data, "held_on").value_or("");
    p.question = ja::string_at(e.data, "question").value_or("");
    p.review_date = ja::string_at(e.data, "review_date").value_or("");
    if (const auto* dist = ja::member(e.data, "prognosis_distribution"); dist && dist->is_array())
        for (const auto& n : *dist)
            p.prognosis_distribution.push_back(n.is_number_integer() ? n.get<int>() : 0);
    p.linked_at = e.at;
    d.previous = std::move(p);
    return std::nullopt;
}

fold_result on_outcome_recorded(session_data& d, const event& e) {
    if (!d.previous) return "outcome_recorded without a linked previous session";
    const auto result = ja::string_at(e.data, "outcome");
    if (!result) return "outcome_recorded lacks the outcome";
    d.previous->result =
        decision_result{*result, ja::string_at(e.data, "note").value_or(""), e.actor, e.at};
    return std::nullopt;
}

// --- flow and time ------------------------------------------------------------------------

fold_result on_session_started(session_data& d, const event& e) {
    if (d.started || d.ended) return "session_started twice or after the end";
    d.started = true;
    d.started_at = e.at;
    return std::nullopt;
}

fold_result on_step_started(session_data& d, const event& e) {
    const auto step = ja::integer_at(e.data, "step");
    if (!d.started || d.ended || d.paused_since) return "step_started while not running";
    if (!step || !d.step(static_cast<int>(*step))) return "step_started with an unknown step";
    leave_current_step(d, e.at);
    d.current_step = static_cast<int>(*step);
    auto& t = timing_of(d, d.current_step);
    t.visits.push_back({e.at, std::nullopt});
    t.running_since = e.at;
    d.round = round_state{};
    return fold::presence_at_step(d, e);
}

fold_result on_turn_changed(session_data& d, const event& e) {
    const auto step = ja::integer_at(e.data, "step");
    const auto* order = ja::member(e.data, "order");
    const auto turn = ja::optional_string_at(e.data, "participant_id");
    const auto round = ja::integer_at(e.data, "round");
    const auto passes = ja::integer_at(e.data, "consecutive_passes");
    if (!step || *step != d.current_step || d.current_step == 0 || !order || !order->is_array() ||
        !turn || !round || !passes || *round < 0 || *passes < 0)
        return "turn_changed is malformed or not for the current step";
    round_state next;
    next.step = d.current_step;
    for (const auto& id : *order) {
        if (!id.is_string() || !d.present_participant(id.get<std::string>()))
            return "turn_changed orders someone who is not present";
        next.order.push_back(id.get<std::string>());
    }
    if (*turn && std::find(next.order.begin(), next.order.end(), **turn) == next.order.end())
        return "turn_changed gives the turn to someone outside the round";
    next.turn = *turn;
    next.round = static_cast<int>(*round);
    next.consecutive_passes = static_cast<int>(*passes);
    d.round = std::move(next);
    return std::nullopt;
}

fold_result on_session_paused(session_data& d, const event& e) {
    if (!d.started || d.ended || d.paused_since || d.current_step == 0)
        return "session_paused while not running";
    stop_clock(d, e.at);
    timing_of(d, d.current_step).pauses.push_back({e.at, std::nullopt});
    d.paused_since = e.at;
    return std::nullopt;
}

fold_result on_session_resumed(session_data& d, const event& e) {
    if (!d.paused_since || d.ended) return "session_resumed while not paused";
    auto& t = timing_of(d, d.current_step);
    if (!t.pauses.empty()) t.pauses.back().to = e.at;
    t.running_since = e.at;
    d.paused_since.reset();
    return std::nullopt;
}

fold_result on_step_extended(session_data& d, const event& e) {
    const auto step = ja::integer_at(e.data, "step");
    const auto minutes = ja::integer_at(e.data, "minutes");
    if (!step || !d.step(static_cast<int>(*step)) || !minutes || *minutes < 1 || *minutes > 240)
        return "step_extended is malformed";
    timing_of(d, static_cast<int>(*step)).extended_minutes += static_cast<int>(*minutes);
    return std::nullopt;
}

fold_result on_step_deadline_set(session_data& d, const event& e) {
    const auto step = ja::integer_at(e.data, "step");
    const auto* deadline = ja::member(e.data, "deadline");
    if (!d.written() || d.ended) return "step_deadline_set outside a running written session";
    if (!step || !d.step(static_cast<int>(*step)) || deadline == nullptr ||
        !(deadline->is_null() || ja::integer_at(e.data, "deadline")))
        return "step_deadline_set is malformed";
    timing_of(d, static_cast<int>(*step)).deadline =
        deadline->is_null() ? std::nullopt : ja::integer_at(e.data, "deadline");
    return std::nullopt;
}

// Ending and cancelling both stop the clocks and close the round.
void close_session(session_data& d, millis at, std::string reason) {
    if (d.paused_since && d.current_step != 0) {
        auto& t = timing_of(d, d.current_step);
        if (!t.pauses.empty()) t.pauses.back().to = at;
    }
    d.paused_since.reset();
    leave_current_step(d, at);
    d.ended = true;
    d.ended_at = at;
    d.ended_reason = std::move(reason);
    d.round = round_state{};
}

fold_result on_session_ended(session_data& d, const event& e) {
    if (d.ended) return "session_ended twice";
    // Logs from before the reason was recorded were all ended by the moderator.
    const auto reason = ja::string_at(e.data, "reason").value_or("moderator");
    if (reason != "moderator" && reason != "idle") return "session_ended with an unknown reason";
    close_session(d, e.at, reason);
    return std::nullopt;
}

fold_result on_session_cancelled(session_data& d, const event& e) {
    if (d.ended) return "session_cancelled after the end";
    const auto reason = ja::string_at(e.data, "reason");
    const auto note = ja::string_at(e.data, "note");
    if (!reason || !note) return "session_cancelled lacks fields";
    close_session(d, e.at, "cancelled");
    d.cancellation = cancellation_record{*reason, *note, e.actor, e.at};
    return std::nullopt;
}

// The minutes of an ended session are either approved or discarded, never both.
bool minutes_open(const session_data& d) {
    return d.ended && !d.approval && !d.discard && !d.cancellation;
}

fold_result on_minutes_approved(session_data& d, const event& e) {
    if (!minutes_open(d)) return "minutes_approved before the end, twice or after a discard";
    const auto remark = ja::string_at(e.data, "closing_remark");
    if (!remark) return "minutes_approved is malformed";
    d.approval = minutes_approval{e.actor, e.at, *remark};
    return std::nullopt;
}

fold_result on_minutes_discarded(session_data& d, const event& e) {
    if (!minutes_open(d)) return "minutes_discarded before the end, twice or after an approval";
    const auto reason = ja::string_at(e.data, "reason");
    if (!reason) return "minutes_discarded is malformed";
    d.discard = discard_record{*reason, e.actor, e.at};
    return std::nullopt;
}

fold_result on_consent_confirmed(session_data& d, const event& e) {
    if (d.ended || !d.find_participant(e.actor)) return "consent_confirmed after the end";
    d.consent = consent_record{e.actor, e.at};
    return std::nullopt;
}

// --- cards --------------------------------------------------------------------------------

fold_result on_card_added(session_data& d, const event& e) {
    const auto id = ja::string_at(e.data, "card_id");
    const auto step = ja::integer_at(e.data, "step");
    const auto category = ja::string_at(e.data, "category");
    const auto text = ja::string_at(e.data, "text");
    const auto advocatus = ja::bool_at(e.data, "advocatus");
    if (!id || !step || !category || !text || !advocatus) return "card_added lacks fields";
    const auto* s = d.step(static_cast<int>(*step));
    if (s == nullptr || !s->find_category(*category)) return "card_added to an unknown category";
    if (*id != ids::make('c', d.cards.size() + 1)) return "unexpected card id " + *id;
    // Only prepare_case writes in the system's name, and only before the start.
    const bool beforehand = ja::bool_at(e.data, "written_beforehand").value_or(false);
    const auto author_name = ja::string_at(e.data, "author_name");
    if (beforehand != (e.actor == system_actor) || (beforehand && (!author_name || d.started)))
        return "card_added written beforehand is malformed";
    card c;
    c.id = *id;
    c.step = static_cast<int>(*step);
    c.category = *category;
    c.text = *text;
    c.author = e.actor;
    c.advocatus = *advocatus;
    c.created_at = e.at;
    c.written_beforehand = beforehand;
    if (beforehand) c.author_name = *author_name;
    d.cards.push_back(std::move(c));
    return std::nullopt;
}

fold_result on_card_edited(session_data& d, const event& e) {
    auto* c = mutable_card(d, ja::string_at(e.data, "card_id").value_or(""));
    const auto text = ja::string_at(e.data, "text");
    if (c == nullptr || !text) return "card_edited names no live card or lacks text";
    c->text = *text;
    c->edited_at = e.at;
    return std::nullopt;
}

fold_result on_card_withdrawn(session_data& d, const event& e) {
    auto* c = mutable_card(d, ja::string_at(e.data, "card_id").value_or(""));
    if (c == nullptr) return "card_withdrawn names no live card";
    remove_from_group(d, *c);
    c->withdrawn = true;
    return std::nullopt;
}

fold_result on_card_moved(session_data& d, const event& e) {
    auto* c = mutable_card(d, ja::string_at(e.data, "card_id").value_or(""));
    const auto category = ja::string_at(e.data, "category");
    if (c == nullptr || !category || !d.step(c->step)->find_category(*category))
        return "card_moved names no live card or an unknown category";
    c->category = *category;
    return std::nullopt;
}

fold_result on_cards_grouped(session_data& d, const event& e) {
    const auto id = ja::string_at(e.data, "group_id");
    const auto step = ja::integer_at(e.data, "step");
    const auto label = ja::string_at(e.data, "label");
    const auto* card_ids = ja::member(e.data, "card_ids");
    if (!id || !step || !label || !card_ids || !card_ids->is_array() || card_ids->empty())
        return "cards_grouped lacks fields";
    if (*id != ids::make('g', d.groups_created + 1)) return "unexpected group id " + *id;
    std::vector<std::string> members;
    for (const auto& cid : *card_ids) {
        const auto* c = cid.is_string() ? d.find_card(cid.get<std::string>()) : nullptr;
        if (c == nullptr || c->withdrawn || c->step != *step)
            return "cards_grouped names a bad card";
        if (std::find(members.begin(), members.end(), c->id) != members.end())
            return "cards_grouped names a card twice";
        members.push_back(c->id);
    }
    for (const auto& cid : members) {
        auto* c = mutable_card(d, cid);
        remove_from_group(d, *c);
        c->group = *id;
    }
    d.groups.push_back({*id, static_cast<int>(*step), *label, std::move(members)});
    ++d.groups_created;
    return std::nullopt;
}

fold_result on_cards_ungrouped(session_data& d, const event& e) {
    const auto id = ja::string_at(e.data, "group_id").value_or("");
    const auto group = std::find_if(d.groups.begin(), d.groups.end(),
                                    [&](const card_group& g) { return g.id == id; });
    if (group == d.groups.end()) return "cards_ungrouped names no group";
    for (const auto& cid : group->card_ids)
        if (auto* c = mutable_card(d, cid)) c->group.clear();
    d.groups.erase(group);
    return std::nullopt;
}

// --- records ------------------------------------------------------------------------------

// The registered case: its summary and question stand as the records until the presenter
// replaces them; the system is their author, so that "prepared" needs no flag of its own.
fold_result on_case_prepared(session_data& d, const event& e) {
    if (d.prepared || d.started || e.actor != system_actor)
        return "case_prepared twice, after the start or not by the system";
    const auto registration = ja::string_at(e.data, "registration_id");
    const auto prepared_by = ja::string_at(e.data, "prepared_by");
    const auto question = ja::string_at(e.data, "question");
    const auto* summary = ja::member(e.data, "case_summary");
    if (!registration || !prepared_by || !question || summary == nullptr)
        return "case_prepared lacks fields";
    const auto history = ja::string_at(*summary, "history");
    const auto initial = ja::string_at(*summary, "initial_situation");
    const auto work = ja::string_at(*summary, "work_so_far");
    const auto steering = ja::string_at(*summary, "service_steering");
    if (!history || !initial || !work || !steering) return "case_prepared lacks summary parts";
    d.prepared = preparation{*registration, *prepared_by, e.at};
    if (!history->empty() || !initial->empty() || !work->empty() || !steering->empty())
        d.summary = case_summary{*history, *initial, *work, *steering, e.actor, e.at};
    if (!question->empty())
        d.question = question_entry{"original", *question, e.actor, false, e.at};
    return std::nullopt;
}

fold_result on_case_summary_set(session_data& d, const event& e) {
    case_summary s;
    const auto history = ja::string_at(e.data, "history");
    const auto initial = ja::string_at(e.data, "initial_situation");
    const auto work = ja::string_at(e.data, "work_so_far");
    const auto steering = ja::string_at(e.data, "service_steering");
    if (!history || !initial || !work || !steering) return "case_summary_set lacks fields";
    d.summary = case_summary{*history, *initial, *work, *steering, e.actor, e.at};
    return std::nullopt;
}

fold_result on_question_set(session_data& d, const event& e) {
    const auto text = ja::string_at(e.data, "text");
    if (!text) return "question_set lacks text";
    d.question = question_entry{"original", *text, e.actor, false, e.at};
    return std::nullopt;
}

fold_result on_alternative_question_proposed(session_data& d, const event& e) {
    const auto id = ja::string_at(e.data, "question_id");
    const auto text = ja::string_at(e.data, "text");
    const auto advocatus = ja::bool_at(e.data, "advocatus");
    if (!id || !text || !advocatus) return "alternative_question_proposed lacks fields";
    if (*id != ids::make('a', d.alternatives.size() + 1)) return "unexpected question id " + *id;
    d.alternatives.push_back({*id, *text, e.actor, *advocatus, e.at});
    return std::nullopt;
}

fold_result on_question_chosen(session_data& d, const event& e) {
    const auto id = ja::string_at(e.data, "question_id");
    const auto text = ja::string_at(e.data, "text");
    if (!id || !text) return "question_chosen lacks fields";
    const auto index = ids::index_of(*id, 'a');
    const bool known =
        (*id == "original" && d.question) || (index && *index < d.alternatives.size());
    if (!known) return "question_chosen names an unknown question";
    d.chosen = chosen_question{*id, *text, e.actor, e.at};
    return std::nullopt;
}

fold_result on_option_added(session_data& d, const event& e) {
    const auto id = ja::string_at(e.data, "option_id");
    const auto step = ja::integer_at(e.data, "step");
    const auto text = ja::string_at(e.data, "text");
    const auto advocatus = ja::bool_at(e.data, "advocatus");
    if (!id || !step || !text || !advocatus || !d.step(static_cast<int>(*step)))
        return "option_added lacks fields";
    if (*id != ids::make('o', d.options.size() + 1)) return "unexpected option id " + *id;
    d.options.push_back({*id, static_cast<int>(*step), *text, e.actor, *advocatus, false, e.at});
    return std::nullopt;
}

fold_result on_option_withdrawn(session_data& d, const event& e) {
    auto* o =
        const_cast<option_entry*>(d.find_option(ja::string_at(e.data, "option_id").value_or("")));
    if (o == nullptr || o->withdrawn) return "option_withdrawn names no live option";
    o->withdrawn = true;
    return std::nullopt;
}

fold_result on_decision_recorded(session_data& d, const event& e) {
    const auto text = ja::string_at(e.data, "text");
    const auto review = ja::string_at(e.data, "review_date");
    const auto option = ja::optional_string_at(e.data, "option_id");
    if (!text || !review || !option) return "decision_recorded lacks fields";
    if (*option && !d.find_option(**option)) return "decision_recorded names an unknown option";
    d.decision = decision_record{*text, *review, *option, e.actor, e.at};
    // Backing refers to one decision; a changed decision must be backed anew.
    d.backing.clear();
    return std::nullopt;
}

fold_result on_backing_stated(session_data& d, const event& e) {
    const auto vote = ja::string_at(e.data, "vote");
    const auto note = ja::string_at(e.data, "note");
    if (!vote || !valid_vote(*vote) || !note) return "backing_stated is malformed";
    if (!d.decision || !d.find_participant(e.actor)) return "backing_stated without a decision";
    const auto it = std::find_if(d.backing.begin(), d.backing.end(), [&](const backing_entry& b) {
        return b.participant_id == e.actor;
    });
    const backing_entry entry{e.actor, *vote, *note, e.at};
    if (it == d.backing.end())
        d.backing.push_back(entry);
    else
        *it = entry;
    return std::nullopt;
}

fold_result on_prognosis_given(session_data& d, const event& e) {
    const auto rating = ja::integer_at(e.data, "rating");
    if (!rating || *rating < 1 || *rating > 5 || !d.find_participant(e.actor))
        return "prognosis_given is malformed";
    const auto it =
        std::find_if(d.prognosis.begin(), d.prognosis.end(),
                     [&](const prognosis_entry& p) { return p.participant_id == e.actor; });
    const prognosis_entry entry{e.actor, static_cast<int>(*rating), e.at};
    if (it == d.prognosis.end())
        d.prognosis.push_back(entry);
    else
        *it = entry;
    return std::nullopt;
}

constexpr std::array<std::pair<std::string_view, handler>, 40> handlers{{
    {"session_created", on_session_created},
    {"participant_joined", on_participant_joined},
    {"participant_left", on_participant_left},
    {"participant_rejoined", on_participant_rejoined},
    {"participant_removed", on_participant_removed},
    {"role_changed", on_role_changed},
    {"advocatus_assigned", on_advocatus_assigned},
    {"previous_session_linked", on_previous_session_linked},
    {"outcome_recorded", on_outcome_recorded},
    {"case_prepared", on_case_prepared},
    {"session_started", on_session_started},
    {"step_started", on_step_started},
    {"turn_changed", on_turn_changed},
    {"session_paused", on_session_paused},
    {"session_resumed", on_session_resumed},
    {"step_extended", on_step_extended},
    {"step_deadline_set", on_step_deadline_set},
    {"session_ended", on_session_ended},
    {"session_cancelled", on_session_cancelled},
    {"minutes_approved", on_minutes_approved},
    {"minutes_discarded", on_minutes_discarded},
    {"consent_confirmed", on_consent_confirmed},
    {"card_added", on_card_added},
    {"card_edited", on_card_edited},
    {"card_withdrawn", on_card_withdrawn},
    {"card_moved", on_card_moved},
    {"cards_grouped", on_cards_grouped},
    {"cards_ungrouped", on_cards_ungrouped},
    {"case_summary_set", on_case_summary_set},
    {"question_set", on_question_set},
    {"alternative_question_proposed", on_alternative_question_proposed},
    {"question_chosen", on_question_chosen},
    {"option_added", on_option_added},
    {"option_withdrawn", on_option_withdrawn},
    {"decision_recorded", on_decision_recorded},
    {"backing_stated", on_backing_stated},
    {"prognosis_given", on_prognosis_given},
    {"prognosis_revealed", fold::prognosis_revealed},
    {"text_redacted", fold::text_redacted},
    {"record_corrected", fold::record_corrected},
}};

handler find_handler(std::string_view type) {
    for (const auto& [name, h] : handlers)
        if (name == type) return h;
    return nullptr;
}

} // namespace

const std::vector<std::string_view>& event_types() {
    static const std::vector<std::string_view> types = [] {
        std::vector<std::string_view> out;
        for (const auto& [name, h] : handlers)
            out.push_back(name);
        return out;
    }();
    return types;
}

std::optional<fold_error> session_state::apply(const event& e) {
    if (e.seq != data_.last_seq + 1)
        return fold_error{e.seq, "expected seq " + std::to_string(data_.last_seq + 1)};
    if (!data_.format && e.type != "session_created")
        return fold_error{e.seq, "the first event must be session_created"};
    const auto h = find_handler(e.type);
    if (h == nullptr) return fold_error{e.seq, "unknown event type " + e.type};
    try {
        if (auto error = h(data_, e)) return fold_error{e.seq, *error};
    } catch (const std::exception& ex) {
        // Defensive only: handlers read through non-throwing accessors.
        return fold_error{e.seq, std::string("event could not be applied: ") + ex.what()};
    }
    data_.last_seq = e.seq;
    data_.last_at = std::max(data_.last_at, e.at);
    return std::nullopt;
}

std::variant<session_state, fold_error> replay(const std::vector<event>& events) {
    session_state state;
    for (const auto& e : events)
        if (auto error = state.apply(e)) return *error;
    return state;
}

} // namespace casecircle::protocol
