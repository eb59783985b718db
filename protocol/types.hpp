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

} // namespace casecircle::protocol
