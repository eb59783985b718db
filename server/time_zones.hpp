#pragma once

// The teams' time zones, read from the system's zone database (/usr/share/zoneinfo, Debian's
// tzdata, through libdate-tz) and handed to the engine as plain values: the engine itself reads
// no files. A zone is read once per process and then shared.

#include "protocol/local_time.hpp"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

namespace casecircle::server {

// Zone names are short ASCII paths ("America/Argentina/Buenos_Aires"); anything longer is no zone.
inline constexpr std::size_t max_time_zone_chars = 64;
// Teams that never chose one (the database's default too).
inline constexpr const char* default_time_zone = "Europe/Berlin";

// The zone by its IANA name; nullptr when the system does not know it.
std::shared_ptr<const protocol::local_zone> find_time_zone(const std::string& name);
// The zone a team's stored name stands for (empty, as for an open room: default_time_zone); UTC
// (named "UTC") when the system lost it, so that an export never fails over a time label.
std::shared_ptr<const protocol::local_zone> team_time_zone(const std::string& name);
// Reads the list of zone names and the default zone at start-up, so that the first session does
// not pay for it; the error in words when the system has no usable zone database.
std::optional<std::string> load_time_zone_names();

} // namespace casecircle::server
