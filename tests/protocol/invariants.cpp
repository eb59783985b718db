#include "invariants.hpp"

#include <algorithm>

namespace casecircle::protocol::testing {

namespace {

struct checker {
    std::vector<std::string> broken;
    void expect(bool ok, const std::string& what) {
        if (!ok) broken.push_back(what);
    }
};

void check_people(const session_data& d, checker& c) {
    int moderators = 0, presenters = 0;
    for (std::size_t i = 0; i < d.participants.size(); ++i) {
        const auto& p = d.participants[i];
        c.expect(p.id == "p" + std::to_string(i + 1), "participant ids are gap-free");
        c.expect(p.present != p.left_at.has_value(), "left_at is set exactly for those who left");
        c.expect(!p.removed || !p.present, "a removed participant is not present");
        if (!p.present) continue;
        moderators += p.role == role::moderator;
        presenters += p.role == role::presenter;
    }
    c.expect(moderators == 1, "exactly one moderator is present");
    c.expect(presenters <= 1, "at most one presenter");
    if (d.format->moderator_presents)
        c.expect(presenters == 0, "no separate presenter when the moderator presents");
    if (d.advocatus) {
        const auto* ad = d.present_participant(*d.advocatus);
        c.expect(ad != nullptr && ad->role == role::participant,
                 "the advocatus is a present participant");
        c.expect(d.format->has_advocatus(), "an advocatus only in formats that have one");
    }
}

void check_cards(const session_data& d, checker& c) {
    for (std::size_t i = 0; i < d.cards.size(); ++i) {
        const auto& k = d.cards[i];
        c.expect(k.id == "c" + std::to_string(i + 1), "card ids are gap-free");
        const auto* step = d.step(k.step);
        c.expect(step != nullptr && step->find_category(k.category) != nullptr,
                 "a card belongs to an existing step and category");
        if (k.written_beforehand) {
            c.expect(k.author == system_actor && !k.author_name.empty() && !k.advocatus,
                     "a card written beforehand is the system's, with its author's name");
            continue;
        }
        c.expect(d.find_participant(k.author) != nullptr, "a card has a known author");
        c.expect(step == nullptr || !d.timings[static_cast<std::size_t>(k.step - 1)].visits.empty(),
                 "cards only in steps that were reached");
        if (k.advocatus)
            c.expect(step != nullptr && step->advocatus_diaboli,
                     "AD marks only where AD is active");
        if (k.withdrawn) c.expect(k.group.empty(), "withdrawn cards are in no group");
        if (!k.group.empty()) {
            const auto* g = d.find_group(k.group);
            c.expect(g != nullptr && std::count(g->card_ids.begin(), g->card_ids.end(), k.id) == 1,
                     "a grouped card is listed once in its group");
        }
    }
    for (const auto& g : d.groups) {
        c.expect(!g.card_ids.empty(), "groups are not empty");
        for (const auto& id : g.card_ids) {
            const auto* k = d.find_card(id);
            c.expect(k != nullptr && !k->withdrawn && k->step == g.step && k->group == g.id,
                     "group members are live cards of the group's step");
        }
    }
}

void check_time(const session_data& d, checker& c) {
    c.expect(d.current_step >= 0 && d.current_step <= d.step_count(), "current step in range");
    c.expect(d.started == (d.current_step > 0), "started iff a step is open");
    for (int n = 1; n <= d.step_count(); ++n) {
        const auto& t = d.timings[static_cast<std::size_t>(n - 1)];
        c.expect(t.active_ms >= 0, "active time is never negative");
        const bool should_run = !d.ended && !d.paused_since && n == d.current_step;
        c.expect(t.running_since.has_value() == should_run, "only the open, unpaused step runs");
        for (const auto& v : t.visits)
            c.expect(v.ended_at.has_value() || (n == d.current_step && !d.ended),
                     "only the open step has an open visit");
        for (const auto& p : t.pauses)
            c.expect(p.to.has_value() || (d.paused_since && n == d.current_step),
                     "only a running pause is open");
    }
    if (d.ended) c.expect(!d.paused_since, "an ended session is not paused");
}

void check_round(const session_data& d, checker& c) {
    const auto& r = d.round;
    if (d.written()) {
        c.expect(r.step == 0, "no rounds in a written session");
        return;
    }
    if (r.step == 0) {
        const auto* step = d.current();
        c.expect(d.ended || step == nullptr || !step->round_robin,
                 "a round runs in every round-robin step");
        return;
    }
    c.expect(r.step == d.current_step && d.current()->round_robin,
             "the round belongs to the current step");
    std::vector<std::string> members;
    for (const auto& p : d.participants)
        if (p.present && (p.role == role::participant || p.role == role::expert))
            members.push_back(p.id);
    // Newcomers are appended, so the order is join order only until someone rejoins.
    auto sorted_order = r.order;
    std::sort(sorted_order.begin(), sorted_order.end());
    std::sort(members.begin(), members.end());
    c.expect(sorted_order == members &&
                 std::adjacent_find(sorted_order.begin(), sorted_order.end()) == sorted_order.end(),
             "the round holds exactly the present participants and experts, each once");
    if (r.turn)
        c.expect(std::count(r.order.begin(), r.order.end(), *r.turn) == 1,
                 "the turn is someone in the round");
    c.expect(r.consecutive_passes >= 0 && r.round >= 0, "round counters are not negative");
    if (r.turn)
        c.expect(r.consecutive_passes < static_cast<int>(r.order.size()),
                 "a full round of passes closes it");
}

void check_written(const session_data& d, checker& c) {
    for (const auto& t : d.timings)
        c.expect(d.written() || !t.deadline, "deadlines only in written sessions");
    if (d.prepared) c.expect(!d.prepared->prepared_by.empty(), "a preparation names its author");
    if (d.summary && d.summary->author == system_actor)
        c.expect(d.prepared.has_value(), "the system's summary is the prepared one");
    if (d.question && d.question->author == system_actor)
        c.expect(d.prepared.has_value(), "the system's question is the prepared one");
}

void check_lifecycle(const session_data& d, checker& c) {
    c.expect(d.ended == d.ended_reason.has_value(), "an ended session says how it ended");
    if (d.cancellation)
        c.expect(d.ended && d.ended_reason == "cancelled" && !d.approval && !d.discard,
                 "a cancelled session has ended and has no minutes to approve or discard");
    if (d.discard) c.expect(d.ended && !d.approval, "discarded minutes are never approved");
    if (d.approval) c.expect(d.ended, "minutes are approved only after the end");
}

void check_records(const session_data& d, checker& c) {
    if (!d.decision) c.expect(d.backing.empty(), "no backing without a decision");
    for (const auto& b : d.backing) {
        c.expect(b.vote == "yes" || b.vote == "no" || b.vote == "abstain",
                 "votes are yes, no or abstain");
        c.expect(std::count_if(d.backing.begin(), d.backing.end(),
                               [&](const backing_entry& x) {
                                   return x.participant_id == b.participant_id;
                               }) == 1,
                 "one backing per person");
    }
    for (const auto& p : d.prognosis)
        c.expect(p.rating >= 1 && p.rating <= 5, "ratings are 1..5");
    for (std::size_t i = 0; i < d.options.size(); ++i)
        c.expect(d.options[i].id == "o" + std::to_string(i + 1), "option ids are gap-free");
    for (std::size_t i = 0; i < d.alternatives.size(); ++i)
        c.expect(d.alternatives[i].id == "a" + std::to_string(i + 1), "question ids are gap-free");
    if (d.chosen)
        c.expect(d.chosen->question_id != "original" || d.question, "the chosen question exists");
    if (d.decision && d.decision->option_id)
        c.expect(d.find_option(*d.decision->option_id), "decision option exists");
}

} // namespace

std::vector<std::string> broken_invariants(const session_data& d) {
    checker c;
    if (!d.format) return {"no format"};
    check_people(d, c);
    check_cards(d, c);
    check_time(d, c);
    check_round(d, c);
    check_records(d, c);
    check_written(d, c);
    check_lifecycle(d, c);
    return c.broken;
}

} // namespace casecircle::protocol::testing
