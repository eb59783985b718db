#pragma once

// Folding the moderator's changes to the draft and what the minutes keep about a session's
// course besides its records: required presence and the prognosis reveal.

#include "protocol/event.hpp"
#include "protocol/session_state.hpp"

#include <optional>
#include <string>

namespace casecircle::protocol::fold {

using result = std::optional<std::string>; // the reason for refusing the event

result text_redacted(session_data& d, const event& e);
result record_corrected(session_data& d, const event& e);
result prognosis_revealed(session_data& d, const event& e);
// Called by step_started once the step is current: keeps who was present when it requires people.
result presence_at_step(session_data& d, const event& e);

} // namespace casecircle::protocol::fold
