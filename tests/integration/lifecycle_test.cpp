// Issue #15: a person is one participant however many devices they use; removed people and
// revoked accounts lose their place at once; a session ends approved, discarded, cancelled or
// closed for idleness; rooms load when entered and leave memory again.
#include "tests/integration/support/accounts.hpp"
#include "tests/integration/support/api_client.hpp"
#include "tests/integration/support/metrics_probe.hpp"
#include "tests/integration/support/server_process.hpp"
#include "tests/integration/support/team_server.hpp"
#include "tests/integration/support/test_database.hpp"
#include "tests/integration/support/ws_client.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <memory>
#include <pqxx/pqxx>

using namespace casecircle::testing;
using json = nlohmann::json;

namespace {

// ASD Nord: Mira moderates, Max and Lea take part, Sina supervises, Ali administers.
struct team : team_server {
    explicit team(std::vector<std::string> flags = {})
        : team_server({{"mira", "ASD Nord", "moderator"},
                       {"max", "ASD Nord", "member"},
                       {"lea", "ASD Nord", "member"},
                       {"sina", "ASD Nord", "supervisor"},
                       {"ali", "ASD Nord", "team_admin"}},
                      std::move(flags)) {}
    std::unique_ptr<ws_client> device(const std::string& name) {
        return std::make_unique<ws_client>(port(), who(name)->cookie);
    }
};

// Mira's session with Max presenting and Lea taking part, not started.
struct session {
    std::unique_ptr<ws_client> mira, max, lea;
    json created, lea_welcome;
    std::string room_id() const { return created["room_id"]; }
};

session open_session(team& t, const std::string& case_code) {
    session s{t.device("mira"), t.device("max"), t.device("lea"), {}, {}};
    s.mira->send({{"type", "create"},
                  {"format", "qualitaetszirkel"},
                  {"case_code", case_code},
                  {"name", "Mira"}});
    s.created = s.mira->wait_type("welcome");
    REQUIRE(s.max->join(s.created["invite_code"], "Max")["type"] == "welcome");
    s.lea_welcome = s.lea->join(s.created["invite_code"], "Lea");
    REQUIRE(s.lea_welcome["type"] == "welcome");
    REQUIRE(s.mira->command("assign_role",
                            {{"participant_id", "p2"}, {"role", "presenter"}})["type"] == "ack");
    return s;
}

json error_frame(ws_client& c) {
    return c.wait_for([](const json& f) { return f["type"] == "error"; });
}

} // namespace

TEST_CASE("the same account on two devices is one participant, and the moderator keeps "
          "moderating") {
    team t;
    auto s = open_session(t, "NORD-2026-20");
    // The laptop dies; on the tablet she logs in again and joins with the code.
    auto tablet = t.device("mira");
    const auto again = tablet->join(s.created["invite_code"], "Mira");
    REQUIRE(again["type"] == "welcome");
    CHECK(again["participant_id"] == "p1");
    CHECK(again["token"] != s.created["token"]);
    CHECK(again["invite_code"] == s.created["invite_code"]); // to share it from the tablet
    CHECK(again["state"]["participants"].size() == 3);
    CHECK(again["state"]["participants"][0]["role"] == "moderator");
    // Max on a second device as well: still three people, five connections.
    auto max_phone = t.device("max");
    CHECK(max_phone->join(s.created["invite_code"], "Max")["participant_id"] == "p2");
    const auto presence = tablet->wait_for([](const json& f) {
        return f["type"] == "presence" && f["online"] == json{"p1", "p2", "p3"};
    });
    CHECK(presence["online"].size() == 3);
    s.mira.reset();
    // Command ids are unique per participant, across devices: the laptop used c1 already.
    CHECK(tablet->command_with_id("tablet-1", "start", json::object())["type"] == "ack");
    CHECK(tablet->command_with_id("tablet-2", "next_step", json::object())["type"] == "ack");
    CHECK(t.count("SELECT count(*) FROM room_events WHERE room_id = '" + s.room_id() +
                  "' AND type = 'participant_joined'") == 3);
    // Both of her tokens resume, each only with her login.
    ws_client laptop_back(t.port(), t.who("mira")->cookie);
    CHECK(laptop_back.resume(s.created["token"], 0)["participant_id"] == "p1");
    ws_client logged_out(t.port());
    CHECK(logged_out.resume(again["token"], 0)["code"] == "login_required");
}

TEST_CASE("someone removed from the room is sent away at once and their token stops working") {
    team t;
    auto s = open_session(t, "NORD-2026-21");
    REQUIRE(s.mira->command("remove_participant", {{"participant_id", "p3"}})["type"] == "ack");
    CHECK(error_frame(*s.lea)["code"] == "removed_from_session");
    // Then the server closes the connection (long before the read's own deadline).
    const auto waited = std::chrono::steady_clock::now();
    CHECK_FALSE(s.lea->next(std::chrono::seconds(20)));
    CHECK(std::chrono::steady_clock::now() - waited < std::chrono::seconds(10));
    CHECK(t.count("SELECT count(*) FROM room_members WHERE room_id = '" + s.room_id() +
                  "' AND participant_id = 'p3' AND revoked_at IS NOT NULL") == 1);
    ws_client back(t.port(), t.who("lea")->cookie);
    CHECK(back.resume(s.lea_welcome["token"], 0)["code"] == "unknown_token");
    ws_client rejoin(t.port(), t.who("lea")->cookie);
    CHECK(rejoin.join(s.created["invite_code"], "Lea")["code"] == "removed_from_session");
    CHECK(s.mira->command("remove_participant", {{"participant_id", "p1"}})["code"] ==
          "cannot_remove_moderator");
}

TEST_CASE("an account removed from the team loses its live room and its way back at once") {
    team t;
    auto s = open_session(t, "NORD-2026-22");
    const auto lea = t.who("lea")->me["user_id"].get<std::int64_t>();
    const auto removed = api(t.port(), t.who("ali"), "DELETE",
                             "/api/teams/" + std::to_string(t.who("ali")->team("ASD Nord")) +
                                 "/members/" + std::to_string(lea));
    REQUIRE(removed.status == 200);
    CHECK(error_frame(*s.lea)["code"] == "access_revoked");
    ws_client back(t.port(), t.who("lea")->cookie);
    CHECK(back.resume(s.lea_welcome["token"], 0)["type"] == "error");
    CHECK(s.max->command("confirm_consent")["type"] == "ack"); // the others carry on
}

TEST_CASE("an account removed from the team through another process loses its live room on "
          "this one") {
    team t;
    auto s = open_session(t, "NORD-2026-21");
    // A second process on the same database (issue #18): the team admin's call lands there.
    server_process other(t.db.url(), {"--node-name", "zweiter-knoten"});
    const auto lea = t.who("lea")->me["user_id"].get<std::int64_t>();
    const auto removed = api(other.port(), t.who("ali"), "DELETE",
                             "/api/teams/" + std::to_string(t.who("ali")->team("ASD Nord")) +
                                 "/members/" + std::to_string(lea));
    REQUIRE(removed.status == 200);
    // The notice crosses over PostgreSQL: Lea's connection here is closed at once.
    CHECK(error_frame(*s.lea)["code"] == "access_revoked");
    CHECK(s.max->command("confirm_consent")["type"] == "ack");
}

TEST_CASE("a cancelled session has no minutes and no archive entry, and its reason counts for "
          "the team") {
    team t;
    auto s = open_session(t, "NORD-2026-23");
    CHECK(s.mira->command("cancel_session", {{"reason", "too_few_present"}})["type"] == "ack");
    CHECK(s.mira->command("approve_minutes")["code"] == "session_cancelled");
    CHECK(t.count("SELECT count(*) FROM rooms WHERE room_id = '" + s.room_id() +
                  "' AND closed_as = 'cancelled' AND closed_at IS NOT NULL") == 1);
    CHECK(t.count("SELECT count(*) FROM minutes") == 0);
    const auto team_path = "/api/teams/" + std::to_string(t.who("sina")->team("ASD Nord"));
    const auto archive = api(t.port(), t.who("sina"), "GET", team_path + "/archive");
    CHECK(json::parse(archive.body)["entries"].empty());
    const auto stats =
        json::parse(api(t.port(), t.who("sina"), "GET", team_path + "/statistics").body);
    CHECK(stats["cancelled"] == 1);
    CHECK(stats["approved"] == 0);
    for (const auto& c : stats["cancellations"])
        CHECK(c["count"] == (c["reason"] == "too_few_present" ? 1 : 0));
}

TEST_CASE("discarded minutes close the session, and room tokens expire after the grace period") {
    team t;
    auto s = open_session(t, "NORD-2026-24");
    REQUIRE(s.mira->command("end")["type"] == "ack");
    CHECK(s.mira->command("discard_minutes", {{"reason", "Probelauf"}})["type"] == "ack");
    CHECK(s.mira->command("approve_minutes")["code"] == "minutes_discarded");
    s.mira->send({{"type", "minutes"}});
    CHECK(error_frame(*s.mira)["code"] == "minutes_not_available");
    CHECK(t.count("SELECT count(*) FROM session_closures WHERE room_id = '" + s.room_id() +
                  "' AND closed_as = 'discarded' AND note = 'Probelauf'") == 1);
    // Within the grace period the minutes' readers come back; after it, nobody.
    ws_client not_hers(t.port(), t.who("max")->cookie);
    CHECK(not_hers.resume(s.created["token"], 0)["code"] == "login_required");
    ws_client mira_within(t.port(), t.who("mira")->cookie);
    CHECK(mira_within.resume(s.created["token"], 0)["type"] == "welcome");
    t.sql("UPDATE rooms SET closed_at = now() - interval '2 days' WHERE room_id = '" + s.room_id() +
          "'");
    ws_client after(t.port(), t.who("mira")->cookie);
    CHECK(after.resume(s.created["token"], 0)["code"] == "unknown_token");
    ws_client code_after(t.port(), t.who("lea")->cookie);
    CHECK(code_after.join(s.created["invite_code"], "Lea")["code"] == "unknown_invite");
}

TEST_CASE("a room leaves memory when nobody is in it and comes back when someone enters") {
    team t({"--room-unload-after", "1"});
    auto s = open_session(t, "NORD-2026-25");
    const auto token = s.lea_welcome["token"].get<std::string>();
    CHECK(metric(t.port(), "casecircle_rooms") == 1);
    s.mira.reset();
    s.max.reset();
    s.lea.reset();
    REQUIRE(eventually([&] { return metric(t.port(), "casecircle_rooms") == 0; }));
    CHECK(metric(t.port(), "casecircle_rooms_unloaded_total") >= 1);
    ws_client back(t.port(), t.who("lea")->cookie);
    const auto welcome = back.resume(token, 0);
    REQUIRE(welcome["type"] == "welcome");
    CHECK(welcome["participant_id"] == "p3");
    CHECK(welcome["state"]["participants"].size() == 3);
    CHECK(metric(t.port(), "casecircle_rooms") == 1);
    CHECK(metric(t.port(), "casecircle_rooms_loaded_total") >= 1);
}

TEST_CASE("a session without events for the idle time is ended by the server and waits for its "
          "moderator") {
    // Two seconds: setting the session up never pauses that long, even under AddressSanitizer.
    team t({"--session-idle-close", "2"});
    // A written consultation, idle for longer than the meeting below, waits days for its people.
    auto written = t.device("mira");
    written->send({{"type", "create"},
                   {"format", "qualitaetszirkel"},
                   {"case_code", "NORD-2026-27"},
                   {"name", "Mira"},
                   {"mode", "written"}});
    REQUIRE(written->wait_entry()["type"] == "welcome");
    auto s = open_session(t, "NORD-2026-26");
    const auto is_end = [](const json& f) {
        if (f["type"] != "events") return false;
        for (const auto& e : f["events"])
            if (e["type"] == "session_ended") return true;
        return false;
    };
    // It may have come while the setup waited for its answers.
    const auto& seen = s.mira->seen();
    const auto early = std::find_if(seen.begin(), seen.end(), is_end);
    const auto ended = early != seen.end() ? *early : s.mira->wait_for(is_end);
    const auto& event = ended["events"].back();
    CHECK(event["actor"] == "system");
    CHECK(event["data"]["reason"] == "idle");
    CHECK(metric(t.port(), "casecircle_sessions_closed_idle_total") == 1);
    CHECK(s.mira->command("approve_minutes")["type"] == "ack");
    written->send({{"type", "snapshot"}});
    CHECK(written->wait_type("state")["state"]["ended"] == false);
}
