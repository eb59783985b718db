#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace casecircle::protocol {

// A request to change a session. The server strips its own envelope (client command id,
// idempotency) before handing the command to decide().
struct command {
    std::string type;
    nlohmann::json fields;
};

} // namespace casecircle::protocol
