#pragma once

#include "protocol/session_state.hpp"

#include <string>
#include <vector>

namespace casecircle::protocol::testing {

// Every rule the state must keep whatever commands arrive; returns the broken ones.
std::vector<std::string> broken_invariants(const session_data& d);

} // namespace casecircle::protocol::testing
