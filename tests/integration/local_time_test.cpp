#include "tests/integration/support/api_client.hpp"
#include "tests/integration/support/session_script.hpp"
#include "tests/integration/support/team_server.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <ctime>
#include <optional>

using namespace casecircle::testing;
using json = nlohmann::json;

namespace {

constexpr long long late_on_6_december = 1'796'600'160'000; // 2026-12-06 23:36 UTC

// The C library's own reading of the zone, independent of the server's: "7.12.2026, 00:36".
std::string libc_label(const char* zone, long long ms, const char* format = "%d.%m.%Y, %H:%M") {
    const char* before = std::getenv("TZ");
    const std::optional<std::string> saved =
        before ? std::optional<std::string>(before) : std::nullopt;
    setenv("TZ", zone, 1);
    tzset();
    const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
    std::tm local{};
    localtime_r(&seconds, &local);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, format, &local);
    if (saved)
        setenv("TZ", saved->c_str(), 1);
    else
        unsetenv("TZ");
    tzset();
    // strftime has no portable day and month without a leading zero: "07.12." → "7.12.".
    std::string text = buffer;
    if (text.size() < 6 || text[2] != '.') return text;
    if (text[3] == '0') text.erase(3, 1);
    if (text[0] == '0') text.erase(0, 1);
    return text;
}

std::string contents(const http_reply& r) {
    INFO(r.status << " " << r.body);
    REQUIRE(r.status == 200);
    return r.body;
}

// Berlin (the default) and New York, each with a moderator, two members and an admin.
struct two_zones {
    team_server t{{{"mira", "ASD Nord", "moderator"},
                   {"max", "ASD Nord", "member"},
                   {"tom", "ASD Nord", "member"},
                   {"nadia", "NY Desk", "moderator"},
                   {"ned", "NY Desk", "member"},
                   {"nick", "NY Desk", "member"},
                   {"nina", "NY Desk", "team_admin"}}};

    std::string team_path(const char* user, const char* team, const std::string& rest) {
        return "/api/teams/" + std::to_string(t.team_of(user, team)) + "/" + rest;
    }
    std::string session(std::initializer_list<const char*> users, const char* code) {
        session_script script;
        script.case_code = code;
        for (const auto* user : users)
            script.cookies.push_back(t.who(user)->cookie);
        return run_session(t.port(), script);
    }
    json minutes(const char* reader, const std::string& room) {
        return json::parse(contents(api(t.port(), t.who(reader), "GET", "/api/minutes/" + room)));
    }
};

} // namespace

TEST_CASE("a team admin sets the zone to one that exists; others are refused in words") {
    two_zones z;
    const auto path = z.team_path("nina", "NY Desk", "time-zone");
    CHECK(z.t.who("nina")->team("NY Desk") > 0);
    CHECK(log_in(z.t.port(), "nina").me["teams"][0]["time_zone"] == "Europe/Berlin");

    for (const auto* bad : {"Mars/Olympus_Mons", "../../etc/passwd", "", "Europe/Berlin\n"}) {
        INFO(bad);
        const auto refused = api(z.t.port(), z.t.who("nina"), "POST", path, {{"time_zone", bad}});
        CHECK(refused.status == 400);
        CHECK(error_code(refused) == "unknown_time_zone");
        CHECK_THAT(refused.body, Catch::Contains("Diese Zeitzone ist unbekannt"));
    }
    const auto by_member =
        api(z.t.port(), z.t.who("ned"), "POST", path, {{"time_zone", "America/New_York"}});
    CHECK(by_member.status == 403);
    const auto other_team =
        api(z.t.port(), z.t.who("nina"), "POST", z.team_path("mira", "ASD Nord", "time-zone"),
            {{"time_zone", "America/New_York"}});
    CHECK(other_team.status == 404);

    const auto set =
        api(z.t.port(), z.t.who("nina"), "POST", path, {{"time_zone", "America/New_York"}});
    CHECK(json::parse(contents(set))["time_zone"] == "America/New_York");
    CHECK(log_in(z.t.port(), "nina").me["teams"][0]["time_zone"] == "America/New_York");
    CHECK(log_in(z.t.port(), "mira").me["teams"][0]["time_zone"] == "Europe/Berlin");
}

TEST_CASE("each team's minutes, print page and Markdown are dated in its own zone") {
    two_zones z;
    REQUIRE(api(z.t.port(), z.t.who("nina"), "POST", z.team_path("nina", "NY Desk", "time-zone"),
                {{"time_zone", "America/New_York"}})
                .status == 200);
    const std::vector<std::tuple<const char*, const char*, std::string>> sessions{
        {"Europe/Berlin", "mira", z.session({"mira", "max", "tom"}, "NORD-2026-1")},
        {"America/New_York", "nadia", z.session({"nadia", "ned", "nick"}, "NY-2026-1")}};
    for (const auto& [zone, reader, room] : sessions) {
        INFO(zone);
        const auto m = z.minutes(reader, room)["minutes"];
        CHECK(m["time_zone"] == zone);
        const long long started = m["started_at"].get<long long>();
        CHECK(m["date"] == libc_label(zone, started, "%Y-%m-%d"));
        const auto day = libc_label(zone, started, "%d.%m.%Y");
        const auto html = contents(
            api(z.t.port(), z.t.who(reader), "GET", "/api/minutes/" + room + "/export.html"));
        CHECK_THAT(html, Catch::Contains("<dt>Datum</dt><dd>" + day + "</dd>"));
        CHECK_THAT(html,
                   Catch::Contains("<dt>Beginn</dt><dd>" + libc_label(zone, started) + "</dd>"));
        CHECK_THAT(html, Catch::Contains("<dt>Zeitzone</dt><dd>" + std::string(zone) + "</dd>"));
        CHECK_THAT(html, Catch::Contains(
                             "am " + libc_label(zone, m["approved_at"].get<long long>()) + "."));
        const auto md = contents(
            api(z.t.port(), z.t.who(reader), "GET", "/api/minutes/" + room + "/export.md"));
        CHECK_THAT(md, Catch::Contains("- **Datum:** " + day + "\n"));
        CHECK_THAT(md, Catch::Contains("- **Beginn:** " + libc_label(zone, started) + "\n"));
        CHECK_THAT(html + md, !Catch::Contains("UTC"));
    }
}

TEST_CASE("a session begun at 23:36 UTC is dated the next day in Berlin, not in New York") {
    two_zones z;
    REQUIRE(api(z.t.port(), z.t.who("nina"), "POST", z.team_path("nina", "NY Desk", "time-zone"),
                {{"time_zone", "America/New_York"}})
                .status == 200);
    const std::vector<std::tuple<const char*, const char*, std::string, std::string>> sessions{
        {"mira", "NORD-2026-2", "7.12.2026, 00:36",
         z.session({"mira", "max", "tom"}, "NORD-2026-2")},
        {"nadia", "NY-2026-2", "6.12.2026, 18:36",
         z.session({"nadia", "ned", "nick"}, "NY-2026-2")}};
    for (const auto& [reader, code, expected, room] : sessions) {
        INFO(code);
        // The server's clock cannot be set: the archived session is moved to the evening of
        // 6 December (UTC), as if it had been held then.
        z.t.sql("UPDATE minutes SET content = jsonb_set(content, '{started_at}', '" +
                std::to_string(late_on_6_december) + "') WHERE room_id = '" + room + "'");
        const auto html = contents(
            api(z.t.port(), z.t.who(reader), "GET", "/api/minutes/" + room + "/export.html"));
        CHECK_THAT(html, Catch::Contains("<dt>Beginn</dt><dd>" + expected + "</dd>"));
        // With an addendum the Markdown is rendered anew, in the team's zone too.
        REQUIRE(api(z.t.port(), z.t.who(reader), "POST", "/api/minutes/" + room + "/addenda",
                    {{"text", "Nachtrag zur Uhrzeit."}})
                    .status == 201);
        const auto md = contents(
            api(z.t.port(), z.t.who(reader), "GET", "/api/minutes/" + room + "/export.md"));
        CHECK_THAT(md, Catch::Contains("- **Beginn:** " + expected + "\n"));
        CHECK_THAT(md, Catch::Contains("Nachtrag zur Uhrzeit."));
    }
}
