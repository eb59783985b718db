#pragma once

#include "protocol/template.hpp"
#include "server/server_context.hpp"

#include <filesystem>
#include <string>
#include <variant>

namespace casecircle::server {

// Reads and validates every *.json in the folder; the error names the file, the field and what
// is wrong.
std::variant<protocol::template_library, std::string>
read_templates(const std::filesystem::path& dir);

// Rebuilds the live rooms from the event log into the registry; returns how many, or throws
// std::runtime_error naming the room whose log does not fold.
std::size_t restore_rooms(server_context& ctx);

} // namespace casecircle::server
