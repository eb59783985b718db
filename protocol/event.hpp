#pragma once

#include "protocol/types.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

// Every event type the fold knows, in ENGINE.md order.
const std::vector<std::string_view>& event_types();

// Accepts exactly the shape to_json produces; anything else yields nullopt (never throws).
std::optional<event> event_from_json(const nlohmann::json& j);

} // namespace casecircle::protocol
