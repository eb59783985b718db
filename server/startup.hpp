#pragma once

#include "protocol/template.hpp"

#include <filesystem>
#include <string>
#include <variant>

namespace casecircle::server {

// Reads and validates every *.json in the folder; the error names the file, the field and what
// is wrong.
std::variant<protocol::template_library, std::string>
read_templates(const std::filesystem::path& dir);

} // namespace casecircle::server
