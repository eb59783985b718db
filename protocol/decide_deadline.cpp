#include "protocol/decide_detail.hpp"
#include "protocol/json_access.hpp"

// Written consultation: the steps run over days, each with a deadline instead of a budget in
// minutes. The moderator sets and moves the deadlines and, as in a meeting, moves the steps on.

namespace casecircle::protocol::detail {

namespace {

using nlohmann::json;

// A year ahead is far more than any written round needs; a later date is a unit mistake
// (microseconds), just as one before now (seconds) is.
constexpr millis max_deadline_ahead = 366LL * 24 * 60 * 60 * 1000;

} // namespace

outcome decide_set_step_deadline(const context& c) {
    if (auto r = require_moderator(c)) return *r;
    if (!c.s.written()) return reject(reject_code::not_written_session);
    const auto step = json_access::integer_at(c.fields, "step");
    if (!step || *step < 1 || *step > c.s.step_count()) return reject_field("step");
    const auto* deadline = json_access::member(c.fields, "deadline");
    if (deadline == nullptr) return reject_field("deadline");
    json value; // null clears the deadline
    if (!deadline->is_null()) {
        const auto at = json_access::integer_at(c.fields, "deadline");
        if (!at || *at <= c.now || *at > c.now + max_deadline_ahead)
            return reject_field("deadline");
        value = *at;
    }
    emitter out(c.s, c.actor, c.now);
    out.emit("step_deadline_set", json{{"step", *step}, {"deadline", value}});
    return collect(out);
}

} // namespace casecircle::protocol::detail
