#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace casecircle::protocol {

// Milliseconds since the Unix epoch, always passed in: the engine never reads a clock.
using millis = std::int64_t;

// The reserved actor of server-originated commands (carry-in of a previous session, ending an
// abandoned room). No participant id can take this value: participant ids are "p<n>".
inline constexpr std::string_view system_actor = "system";

enum class role { moderator, presenter, participant, expert, observer };

std::string_view to_string(role r);
std::optional<role> role_from_string(std::string_view text);

// How a session runs: in one sitting with a time budget per step, or in writing over days with a
// deadline per step (for teams that cannot meet).
enum class session_mode { meeting, written };

std::string_view to_string(session_mode m);
std::optional<session_mode> session_mode_from_string(std::string_view text);

} // namespace casecircle::protocol
