#pragma once

#include "protocol/event.hpp"
#include "protocol/local_time.hpp"
#include "protocol/session_state.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <variant>
#include <vector>

namespace casecircle::protocol {

// The minutes are a pure function of the events: session_created carries the template, so no
// library is needed, and the same events give the same document byte for byte (objects are
// key-ordered, arrays follow event order, durations are whole seconds). `zone`: the team's; it
// gives the session its day ("date") and is named in "time_zone".
nlohmann::json build_minutes(const session_state& state, const local_zone& zone = {});
std::variant<nlohmann::json, fold_error> build_minutes(const std::vector<event>& events);

// German Markdown rendering of build_minutes' document (headings and labels in German; the
// English titles stay in the JSON); times are shown in `zone`.
std::string render_minutes_markdown(const nlohmann::json& minutes, const local_zone& zone = {});

} // namespace casecircle::protocol
