#include "server/calendar_ics.hpp"

#include "protocol/text_rules.hpp"

#include <cstdio>

namespace casecircle::server {
namespace {

std::string escaped(const std::string& text) {
    std::string out;
    for (const char c : text) {
        if (c == '\\' || c == ';' || c == ',') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (c != '\r') {
            out += c;
        }
    }
    return out;
}

// Lines longer than 75 octets continue on the next line after a space, never inside a UTF-8
// sequence.
void add_line(std::string& out, const std::string& line) {
    std::size_t start = 0;
    std::size_t limit = 75;
    while (line.size() - start > limit) {
        auto cut = start + limit;
        while (cut > start && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80)
            --cut;
        out += line.substr(start, cut - start);
        out += "\r\n ";
        start = cut;
        limit = 74; // the leading space counts
    }
    out += line.substr(start);
    out += "\r\n";
}

std::string utc_stamp(std::int64_t ms) {
    const auto day = protocol::date_of(ms);
    const auto seconds_of_day = ((ms / 1000) % 86400 + 86400) % 86400;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d%02u%02uT%02lld%02lld%02lldZ", day.year, day.month, day.day,
                  static_cast<long long>(seconds_of_day / 3600),
                  static_cast<long long>(seconds_of_day / 60 % 60),
                  static_cast<long long>(seconds_of_day % 60));
    return buf;
}

std::string compact_date(const protocol::civil_date& d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d%02u%02u", d.year, d.month, d.day);
    return buf;
}

void add_entry(std::string& out, const db::calendar_entry& e, const std::string& stamp) {
    add_line(out, "BEGIN:VEVENT");
    add_line(out, "UID:" + e.uid + "@casecircle");
    add_line(out, "DTSTAMP:" + stamp);
    if (e.minutes > 0) {
        add_line(out, "DTSTART:" + utc_stamp(e.start_ms));
        add_line(out, "DTEND:" + utc_stamp(e.start_ms + e.minutes * 60'000LL));
    } else if (const auto day = protocol::parse_date(e.day)) {
        const auto next = protocol::date_of((protocol::days_since_epoch(*day) + 1) * 86'400'000LL);
        add_line(out, "DTSTART;VALUE=DATE:" + compact_date(*day));
        add_line(out, "DTEND;VALUE=DATE:" + compact_date(next));
    }
    add_line(out, "SUMMARY:" + escaped(e.cancelled ? "Abgesagt: " + e.summary : e.summary));
    if (!e.location.empty()) add_line(out, "LOCATION:" + escaped(e.location));
    if (!e.description.empty()) add_line(out, "DESCRIPTION:" + escaped(e.description));
    add_line(out, std::string("STATUS:") + (e.cancelled ? "CANCELLED" : "CONFIRMED"));
    add_line(out, "END:VEVENT");
}

} // namespace

std::string render_ics(const db::calendar_feed& feed, std::int64_t now_ms) {
    std::string out;
    add_line(out, "BEGIN:VCALENDAR");
    add_line(out, "VERSION:2.0");
    add_line(out, "PRODID:-//casecircle//Kalender//DE");
    add_line(out, "CALSCALE:GREGORIAN");
    add_line(out, "METHOD:PUBLISH");
    add_line(out, "X-WR-CALNAME:" + escaped("casecircle – " + feed.username));
    const auto stamp = utc_stamp(now_ms);
    for (const auto& e : feed.entries)
        add_entry(out, e, stamp);
    add_line(out, "END:VCALENDAR");
    return out;
}

} // namespace casecircle::server
