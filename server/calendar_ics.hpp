#pragma once

#include "db/calendar_feeds.hpp"

#include <cstdint>
#include <string>

namespace casecircle::server {

// The feed as an iCalendar document (RFC 5545): CRLF lines folded at 75 octets, texts escaped,
// times in UTC, review dates as all-day entries, cancelled dates with STATUS:CANCELLED so that
// calendars show the cancellation instead of silently dropping the date.
std::string render_ics(const db::calendar_feed& feed, std::int64_t now_ms);

} // namespace casecircle::server
