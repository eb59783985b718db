#include "server/time_zones.hpp"

#include <date/tz.h>

#include <chrono>
#include <map>
#include <mutex>

namespace casecircle::server {

namespace {

using std::chrono::duration_cast;
using std::chrono::milliseconds;
using std::chrono::seconds;

// Sessions and their minutes lie after 1970; the system's (fat) zone files list changes up to
// 2037, and later times keep the offset of the last change.
constexpr std::int64_t first_second = 0;
constexpr std::int64_t last_second = 4'102'444'800; // 2100-01-01

std::shared_ptr<const protocol::local_zone> read_zone(const date::time_zone& tz) {
    auto zone = std::make_shared<protocol::local_zone>();
    zone->name = std::string(tz.name());
    auto info = tz.get_info(date::sys_seconds{seconds{first_second}});
    zone->initial_offset_seconds = static_cast<int>(info.offset.count());
    int offset = zone->initial_offset_seconds;
    while (info.end < date::sys_seconds{seconds{last_second}}) {
        info = tz.get_info(info.end);
        // A new abbreviation with the same offset is no change of the clock.
        if (info.offset.count() == offset) continue;
        offset = static_cast<int>(info.offset.count());
        zone->changes.push_back(
            {duration_cast<milliseconds>(info.begin.time_since_epoch()).count(), offset});
    }
    return zone;
}

bool plausible_name(const std::string& name) {
    if (name.empty() || name.size() > max_time_zone_chars) return false;
    for (const char c : name)
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '/' || c == '_' || c == '-' || c == '+'))
            return false;
    return name.find("..") == std::string::npos;
}

} // namespace

std::shared_ptr<const protocol::local_zone> find_time_zone(const std::string& name) {
    static std::mutex mutex;
    static std::map<std::string, std::shared_ptr<const protocol::local_zone>> known;
    if (!plausible_name(name)) return nullptr;
    const std::lock_guard lock(mutex);
    if (const auto it = known.find(name); it != known.end()) return it->second;
    try {
        auto zone = read_zone(*date::locate_zone(name));
        // Only real zones are kept: names typed into the API must not grow the map.
        known.emplace(name, zone);
        return zone;
    } catch (const std::exception&) {
        return nullptr; // unknown to the system, or its file unreadable
    }
}

std::shared_ptr<const protocol::local_zone> team_time_zone(const std::string& name) {
    if (auto zone = find_time_zone(name.empty() ? default_time_zone : name)) return zone;
    static const auto utc = std::make_shared<const protocol::local_zone>();
    return utc;
}

std::optional<std::string> load_time_zone_names() {
    try {
        (void)date::get_tzdb();
    } catch (const std::exception& e) {
        return std::string("no time zone database (Debian package tzdata): ") + e.what();
    }
    if (!find_time_zone(default_time_zone))
        return std::string("the time zone database lacks ") + default_time_zone;
    return std::nullopt;
}

} // namespace casecircle::server
