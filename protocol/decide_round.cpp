#include "protocol/decide_detail.hpp"

#include <algorithm>

namespace casecircle::protocol::detail {

// Reihum: the members of the round take turns in join order. Adding a card uses one's turn;
// passing gives it on. When everyone has passed in a row the round is closed and the step's
// writers may add cards freely. The moderator is the scribe and is never in the round.

namespace {

// holder "" means nobody has the turn (the round is closed or empty).
nlohmann::json turn_data(int step, const std::vector<std::string>& order, std::string_view holder,
                         int round, int passes, std::string_view reason) {
    return nlohmann::json{
        {"step", step},
        {"order", order},
        {"participant_id", holder.empty() ? nlohmann::json() : nlohmann::json(holder)},
        {"round", round},
        {"consecutive_passes", passes},
        {"reason", reason}};
}

bool round_running(const session_data& s) {
    const auto* step = s.current();
    return step != nullptr && step->round_robin && s.round.step == s.current_step;
}

std::ptrdiff_t position(const std::vector<std::string>& order, std::string_view id) {
    const auto it = std::find(order.begin(), order.end(), id);
    return it == order.end() ? -1 : it - order.begin();
}

} // namespace

std::vector<std::string> round_members(const session_data& s,
                                       const std::vector<std::string>& leaving,
                                       const std::vector<std::pair<std::string, role>>& changes) {
    std::vector<std::string> order;
    for (const auto& p : s.participants) {
        if (!p.present || std::find(leaving.begin(), leaving.end(), p.id) != leaving.end())
            continue;
        auto r = p.role;
        for (const auto& [id, changed] : changes)
            if (id == p.id) r = changed;
        if (r == role::participant || r == role::expert) order.push_back(p.id);
    }
    return order;
}

std::vector<std::string>
round_members_after(const session_data& s, const std::vector<std::string>& leaving,
                    const std::vector<std::pair<std::string, role>>& changes) {
    auto members = round_members(s, leaving, changes);
    if (!round_running(s)) return members;
    // Those who stay keep their places, so that a round does not reshuffle mid-way.
    std::vector<std::string> order;
    for (const auto& id : s.round.order)
        if (position(members, id) >= 0) order.push_back(id);
    for (const auto& id : members)
        if (position(order, id) < 0) order.push_back(id);
    return order;
}

bool round_open(const session_data& s) {
    return round_running(s) && s.round.turn.has_value();
}

void emit_round_start(emitter& out, const session_data& s, int step) {
    const auto* t = s.step(step);
    if (t == nullptr || !t->round_robin) return;
    // In writing people answer over days at their own time: a turn would block everyone else.
    if (s.written()) return;
    const auto order = round_members(s);
    const std::string holder = order.empty() ? std::string() : order.front();
    out.emit("turn_changed",
             turn_data(step, order, holder, order.empty() ? 0 : 1, 0, "step_started"));
}

void emit_turn_advance(emitter& out, const session_data& s, std::string_view reason) {
    const auto& r = s.round;
    const auto here = position(r.order, r.turn.value_or(""));
    if (here < 0) return;
    const auto size = static_cast<std::ptrdiff_t>(r.order.size());
    const auto next = (here + 1) % size;
    const int round = r.round + (next <= here ? 1 : 0);
    const int passes = reason == "card" ? 0 : r.consecutive_passes + 1;
    // Everyone passed in a row: the round is over.
    const std::string holder =
        passes >= size ? std::string() : r.order[static_cast<std::size_t>(next)];
    out.emit("turn_changed", turn_data(s.current_step, r.order, holder, round, passes, reason));
}

namespace {

// The member after `holder` in the old order who is still in the new one; "" if none.
std::string next_remaining(const std::vector<std::string>& old_order,
                           const std::vector<std::string>& new_order, const std::string& holder,
                           int& round) {
    const auto here = position(old_order, holder);
    const auto size = static_cast<std::ptrdiff_t>(old_order.size());
    for (std::ptrdiff_t step = 1; step < size; ++step) {
        const auto candidate = (here + step) % size;
        const auto& id = old_order[static_cast<std::size_t>(candidate)];
        if (position(new_order, id) < 0) continue;
        if (candidate < here) ++round;
        return id;
    }
    return std::string();
}

} // namespace

void emit_round_membership(emitter& out, const session_data& s, std::vector<std::string> new_order,
                           std::string_view reason) {
    if (!round_running(s) || new_order == s.round.order) return;
    const auto& r = s.round;
    std::string holder = r.turn.value_or("");
    int round = r.round;
    if (r.round == 0) {
        // Nobody was in the round yet: the first member starts it.
        if (!new_order.empty()) holder = new_order.front(), round = 1;
    } else if (!holder.empty() && position(new_order, holder) < 0) {
        // The holder left the round: the turn goes on to the next remaining member.
        holder = next_remaining(r.order, new_order, holder, round);
        if (holder.empty() && !new_order.empty()) holder = new_order.front();
        if (holder.empty()) round = 0;
    }
    if (r.consecutive_passes >= static_cast<int>(new_order.size())) holder.clear();
    out.emit("turn_changed",
             turn_data(s.current_step, new_order, holder, round, r.consecutive_passes, reason));
}

outcome decide_pass_turn(const context& c) {
    if (auto r = require_running(c)) return *r;
    if (!round_open(c.s)) return reject(reject_code::no_round);
    if (*c.s.round.turn != c.who->id) return reject(reject_code::not_your_turn);
    emitter out(c.s, c.actor, c.now);
    emit_turn_advance(out, c.s, "pass");
    return collect(out);
}

outcome decide_skip_turn(const context& c) {
    if (auto r = require_moderator(c)) return *r;
    if (auto r = require_running(c)) return *r;
    if (!round_open(c.s)) return reject(reject_code::no_round);
    emitter out(c.s, c.actor, c.now);
    emit_turn_advance(out, c.s, "skip");
    return collect(out);
}

} // namespace casecircle::protocol::detail
