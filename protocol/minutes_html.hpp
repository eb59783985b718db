#pragma once

#include "protocol/local_time.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace casecircle::protocol {

// A complete, self-contained German HTML page of build_minutes' document (plus the "addenda" the
// archive adds), with the content and order of render_minutes_markdown and a print stylesheet,
// so that the browser's "print to PDF" gives clean A4 pages. Every user text is escaped. Times
// are shown in `zone`, the team's.
std::string render_minutes_html(const nlohmann::json& minutes, const local_zone& zone = {});

// Text made safe for HTML element content and attribute values; line breaks become <br>.
std::string html_escape(const std::string& text);

} // namespace casecircle::protocol
