#pragma once

// CSV as German spreadsheet programs read it: UTF-8 with a byte-order mark (without it Excel
// guesses Windows-1252 and breaks umlauts), semicolons (the comma is the decimal separator),
// CRLF line ends and RFC 4180 quoting.

#include <string>
#include <string_view>
#include <vector>

namespace casecircle::protocol::csv {

inline constexpr std::string_view byte_order_mark = "\xEF\xBB\xBF";

// One field, quoted when it holds ; " CR or LF. A field that a spreadsheet would run as a formula
// (starting with = + - @ tab or CR) gets a leading apostrophe: exported cards are typed by anyone
// in a session and opened by someone else on an office machine.
std::string field(std::string_view text);

// The fields joined by semicolons, ended by CRLF.
std::string row(const std::vector<std::string>& fields);

} // namespace casecircle::protocol::csv
