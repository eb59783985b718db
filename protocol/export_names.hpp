#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace casecircle::protocol {

// The download name of an export of build_minutes' document: date, format and case code, e.g.
// "2026-11-23_qualitaetszirkel_FALL-2026-17.md". Safe in a Content-Disposition header and on
// every file system: anything outside [A-Za-z0-9._-] becomes '-' (one per character, also for
// umlauts), and missing parts get a German placeholder. The extension may come with its dot.
std::string export_file_name(const nlohmann::json& minutes, std::string_view extension);

} // namespace casecircle::protocol
