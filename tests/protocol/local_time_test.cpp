#include "full_session.hpp"
#include "protocol/local_time.hpp"
#include "protocol/minutes_html.hpp"
#include "protocol/minutes_labels.hpp"

using namespace casecircle::protocol;
using namespace casecircle::protocol::testing;
using nlohmann::json;

namespace {

constexpr millis hour = 60 * minute;
constexpr millis summer_time_2026 = 1'774'746'000'000; // 2026-03-29 01:00 UTC
constexpr millis winter_time_2026 = 1'792'890'000'000; // 2026-10-25 01:00 UTC

// Europe/Berlin in 2026, as the server hands it over from the system's zone database.
local_zone berlin() {
    return {"Europe/Berlin", 3600, {{summer_time_2026, 7200}, {winter_time_2026, 3600}}};
}

local_zone fixed(const char* name, int offset_seconds) {
    return {name, offset_seconds, {}};
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// full_quality_circle starts at t0 + 1 min, 2026-11-18 11:07:40 UTC.
json minutes_in(const local_zone& zone) {
    return build_minutes(full_quality_circle().state(), zone);
}

} // namespace

TEST_CASE("a time shortly before midnight UTC is the next day in Berlin", "[local_time]") {
    const millis late = 1'796'600'160'000; // 2026-12-06 23:36 UTC
    CHECK(local_time_label(berlin(), late) == "7.12.2026, 00:36");
    CHECK(format_date(local_date_of(berlin(), late)) == "2026-12-07");
    CHECK(local_time_label(fixed("America/New_York", -5 * 3600), late) == "6.12.2026, 18:36");
    CHECK(local_time_label(local_zone{}, late) == "6.12.2026, 23:36");
}

TEST_CASE("the offset follows the change to and from summer time", "[local_time]") {
    CHECK(utc_offset_seconds(berlin(), summer_time_2026 - 1) == 3600);
    CHECK(utc_offset_seconds(berlin(), summer_time_2026) == 7200);
    // 01:59 winter time, then the clock jumps: one minute later is 03:00.
    CHECK(local_time_label(berlin(), summer_time_2026 - minute) == "29.3.2026, 01:59");
    CHECK(local_time_label(berlin(), summer_time_2026) == "29.3.2026, 03:00");
    // Back in October, 02:30 comes twice: first in summer time, an hour later in winter time.
    CHECK(local_time_label(berlin(), winter_time_2026 - 30 * minute) == "25.10.2026, 02:30");
    CHECK(local_time_label(berlin(), winter_time_2026 + 30 * minute) == "25.10.2026, 02:30");
    CHECK(local_time_label(berlin(), winter_time_2026 + 90 * minute) == "25.10.2026, 03:30");
    // Before the first change the zone's initial offset holds.
    CHECK(utc_offset_seconds(berlin(), 0) == 3600);
}

TEST_CASE("dates are German: day and month without leading zeros", "[local_time]") {
    CHECK(german_date({2027, 1, 5}) == "5.1.2027");
    CHECK(german_date_text("2026-12-31") == "31.12.2026");
    CHECK(german_date_text("kein Datum") == "kein Datum");
    CHECK(clock_time_label(json("x"), berlin()) == "–");
    CHECK(clock_time_label(json(0), berlin()) == "1.1.1970, 01:00");
}

TEST_CASE("the minutes take the session's day and times from the team's zone",
          "[local_time][minutes]") {
    // 11:07 UTC is already 00:07 on the next day in Auckland (NZDT, UTC+13).
    const auto auckland = minutes_in(fixed("Pacific/Auckland", 13 * 3600));
    CHECK(auckland["date"] == "2026-11-19");
    CHECK(auckland["time_zone"] == "Pacific/Auckland");
    const auto md = render_minutes_markdown(auckland, fixed("Pacific/Auckland", 13 * 3600));
    CHECK(contains(md, "- **Datum:** 19.11.2026\n"));
    CHECK(contains(md, "- **Beginn:** 19.11.2026, 00:07\n"));
    CHECK(contains(md, "- **Zeitzone:** Pacific/Auckland\n"));

    const auto berlin_minutes = minutes_in(berlin());
    CHECK(berlin_minutes["date"] == "2026-11-18");
    const auto html = render_minutes_html(berlin_minutes, berlin());
    CHECK(contains(html, "<dt>Datum</dt><dd>18.11.2026</dd>"));
    CHECK(contains(html, "<dt>Beginn</dt><dd>18.11.2026, 12:07</dd>"));
    CHECK(contains(html, "<dt>Zeitzone</dt><dd>Europe/Berlin</dd>"));
    CHECK_FALSE(contains(html, "UTC"));
}
