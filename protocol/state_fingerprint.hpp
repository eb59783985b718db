#pragma once
// What a patch client holds, remembered without keeping it: a 64-bit hash per member of the state
// document and per element of its array members. A state patch (RFC 6902) from the remembered
// state to the next one then costs one pass over the next state's tree, and an idle room keeps
// about a kilobyte instead of its state's text or tree. Two different values with one hash would
// leave a client's copy stale until its next snapshot; at 64 bits this is not a practical concern.
#include "protocol/session_state.hpp"
#include "protocol/state_json_parts.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

namespace casecircle::protocol {

class state_fingerprint {
  public:
    bool empty() const { return prints_.empty(); }
    // The state document to_json(state) gives, built only where it changed (its steps,
    // participants and cards are printed from the engine's data). Use these or the JSON ones for a
    // fingerprint, not both.
    void remember(const session_state& state);
    // The operations that turn the remembered state into this one (RFC 6902); then remembers it.
    nlohmann::json advance(const session_state& state);
    // The same for any JSON document.
    void remember(const nlohmann::json& state);
    nlohmann::json advance(const nlohmann::json& next);
    void forget() { prints_ = {}; }
    std::size_t bytes() const { return prints_.capacity() * sizeof(std::uint64_t); }

  private:
    // `arrays`: members of the state besides `next`'s, printed from the engine's data.
    nlohmann::json advance(const nlohmann::json& next,
                           const std::vector<detail::state_array>& arrays);

    // Per member, in key order: the key's hash, the value's hash, 0 for a value that is not an
    // array or 1 + its size, then the hashes of its elements.
    std::vector<std::uint64_t> prints_;
};

} // namespace casecircle::protocol
