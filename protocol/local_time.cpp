#include "protocol/local_time.hpp"

#include <algorithm>
#include <cstdio>

namespace casecircle::protocol {

int utc_offset_seconds(const local_zone& zone, millis at) {
    const auto after = std::upper_bound(zone.changes.begin(), zone.changes.end(), at,
                                        [](millis t, const zone_change& c) { return t < c.from; });
    return after == zone.changes.begin() ? zone.initial_offset_seconds
                                         : std::prev(after)->offset_seconds;
}

civil_date local_date_of(const local_zone& zone, millis at) {
    return date_of(at + utc_offset_seconds(zone, at) * 1000LL);
}

std::string german_date(const civil_date& d) {
    char buffer[24];
    std::snprintf(buffer, sizeof buffer, "%u.%u.%d", d.day % 100, d.month % 100, d.year % 10000);
    return buffer;
}

std::string local_time_label(const local_zone& zone, millis at) {
    constexpr millis day_ms = 86'400'000;
    const millis local = at + utc_offset_seconds(zone, at) * 1000LL;
    const millis in_day = ((local % day_ms) + day_ms) % day_ms;
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, ", %02lld:%02lld",
                  static_cast<long long>(in_day / 3'600'000),
                  static_cast<long long>(in_day / 60'000 % 60));
    return german_date(date_of(local)) + buffer;
}

std::string german_date_text(const std::string& iso_date) {
    const auto parsed = parse_date(iso_date);
    return parsed ? german_date(*parsed) : iso_date;
}

} // namespace casecircle::protocol
