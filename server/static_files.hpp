#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace casecircle::server {

// Maps a request target to a file inside `root`, or nothing when the target is malformed, escapes
// the root (`..`, encoded or not), or names no regular file. "/" and folders map to index.html.
std::optional<std::filesystem::path> resolve_static_path(const std::filesystem::path& root,
                                                         std::string_view target);

std::string_view mime_type(const std::filesystem::path& path);

// Percent-decoding of a URL path; nothing for a malformed escape or an encoded NUL.
std::optional<std::string> percent_decode(std::string_view text);

} // namespace casecircle::server
