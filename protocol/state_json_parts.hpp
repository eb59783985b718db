#pragma once
// The parts of to_json(session_state) that state patches build one by one: a room in a busy
// session has hundreds of cards, and building all of them for every batch was the largest part
// of its CPU (see state_fingerprint).
#include "protocol/session_state.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>

namespace casecircle::protocol::detail {

// to_json(state) but for its "cards" member.
nlohmann::json state_json_without_cards(const session_state& state);
// One element of the state's "cards" (withdrawn cards are left out of it).
nlohmann::json card_json(const card& c);
// Changes whenever card_json(c) changes.
std::uint64_t card_print(const card& c);

} // namespace casecircle::protocol::detail
