#pragma once

#include "protocol/command.hpp"
#include "protocol/event.hpp"
#include "protocol/rejection.hpp"
#include "protocol/session_state.hpp"
#include "protocol/template.hpp"

#include <string_view>
#include <variant>
#include <vector>

namespace casecircle::protocol {

// Either the events a command produces (seq = last_seq+1, +2, ...; at = now, or the last event's
// time if the clock went backwards; actor = the issuing participant) or why it was refused.
using outcome = std::variant<std::vector<event>, rejection>;

// The first events of a new session: session_created (with a copy of the template, so that
// the log is self-contained) and the moderator's participant_joined ("p1"). A written session's
// session_created says so ("mode":"written"); a meeting's carries no mode, as it always did.
outcome create_session(const format_template& format, std::string_view case_code,
                       std::string_view title, std::string_view moderator_name, millis now,
                       session_mode mode = session_mode::meeting);

// Decides one command. actor is the issuing participant id, "" for a join (the engine assigns
// the id), or "system" for server-originated commands. Never throws; never changes the state.
outcome decide(const session_state& state, std::string_view actor, const command& cmd, millis now);

// Every command type decide() knows, in the order ENGINE.md documents them.
const std::vector<std::string_view>& command_types();

} // namespace casecircle::protocol
