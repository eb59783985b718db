#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The pure parts of reading an HTTP request: no database, no sockets, so that the fuzz targets
// (tests/fuzz) can link them.
namespace casecircle::server {

// Splits "a=1&b=x%20y" into decoded pairs; malformed escapes are dropped.
std::map<std::string, std::string> parse_query(std::string_view query);

// The WebSocket entry: /ws, with the room in the query (/ws?room=...) so that a proxy in front of
// several processes can route by it; the server itself reads the room from the first frame.
bool is_websocket_target(std::string_view target);
// The value of one cookie in a Cookie header, "" when absent.
std::string cookie_value(std::string_view header, std::string_view name);
// "/api/teams/7/audit" → "api", "teams", "7", "audit".
std::vector<std::string> segments_of(const std::string& path);
// A numeric id from a path segment; nothing unless the whole segment is a number.
std::optional<std::int64_t> id_in(const std::string& segment);

} // namespace casecircle::server
