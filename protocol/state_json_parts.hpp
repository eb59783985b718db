#pragma once
// The parts of to_json(session_state) that state patches build one by one: a room in a busy
// session has hundreds of cards, and building the whole state for every batch was the largest part
// of its CPU (see state_fingerprint).
#include "protocol/session_state.hpp"

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <vector>

namespace casecircle::protocol::detail {

// A member of the state that is an array whose elements change one by one.
struct state_array {
    const char* key;
    // One per element, from the engine's data: changes whenever the element's JSON changes.
    std::vector<std::uint64_t> prints;
    // The element's JSON; valid while the state is unchanged.
    std::function<nlohmann::json(std::size_t)> element;
};

// The steps, the participants and the cards (withdrawn cards are left out); none before the
// session is created.
std::vector<state_array> state_arrays(const session_state& state);
// to_json(state) without those arrays.
nlohmann::json state_json_without_arrays(const session_state& state);

} // namespace casecircle::protocol::detail
