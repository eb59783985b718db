#pragma once

#include "protocol/types.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace casecircle::protocol {

// A fact that happened in a session. seq is gap-free per session and starts at 1.
struct event {
    std::uint64_t seq = 0;
    millis at = 0;
    std::string actor;
    std::string type;
    nlohmann::json data;
};

nlohmann::json to_json(const event& e);

// Accepts exactly the shape to_json produces; anything else yields nullopt (never throws).
std::optional<event> event_from_json(const nlohmann::json& j);

} // namespace casecircle::protocol
