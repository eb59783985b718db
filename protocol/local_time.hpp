#pragma once

// Times as a team reads them. The engine reads no clock and no files: the server looks the
// team's zone up in the system's time zone database and hands the engine its offsets as a value.

#include "protocol/text_rules.hpp"
#include "protocol/types.hpp"

#include <string>
#include <vector>

namespace casecircle::protocol {

// From `from` (UTC) on, local time is UTC plus `offset_seconds`.
struct zone_change {
    millis from = 0;
    int offset_seconds = 0;
};

// One IANA zone ("Europe/Berlin") as its changes of offset, oldest first; before the first
// change the offset is `initial_offset_seconds`. A default-constructed zone is UTC.
struct local_zone {
    std::string name = "UTC";
    int initial_offset_seconds = 0;
    std::vector<zone_change> changes;
};

int utc_offset_seconds(const local_zone& zone, millis at);
civil_date local_date_of(const local_zone& zone, millis at);
// "7.12.2026": the German short date, as Intl.DateTimeFormat('de-DE') writes it in the browser.
std::string german_date(const civil_date& d);
// "7.12.2026, 00:36" in the zone.
std::string local_time_label(const local_zone& zone, millis at);
// A stored YYYY-MM-DD as a German date; any other text unchanged (older or damaged documents).
std::string german_date_text(const std::string& iso_date);

} // namespace casecircle::protocol
