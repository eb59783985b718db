#include "tests/integration/support/accounts.hpp"
#include "tests/integration/support/api_client.hpp"
#include "tests/integration/support/http_client.hpp"
#include "tests/integration/support/server_process.hpp"
#include "tests/integration/support/team_server.hpp"
#include "tests/integration/support/test_database.hpp"
#include "tests/integration/support/ws_client.hpp"

#include <catch2/catch.hpp>
#include <map>
#include <memory>
#include <pqxx/pqxx>

using namespace casecircle::testing;
using json = nlohmann::json;

namespace {

const std::vector<std::string> closed_rooms = {"--open-rooms", "no"};

// Two teams: Nord with one person in each role, Süd with a moderator.
struct two_teams : team_server {
    two_teams()
        : team_server({{"mira", "ASD Nord", "moderator"},
                       {"max", "ASD Nord", "member"},
                       {"sina", "ASD Nord", "supervisor"},
                       {"ali", "ASD Nord", "team_admin"},
                       {"sven", "ASD Süd", "moderator"}}) {}
    std::int64_t nord() const { return team_of("mira", "ASD Nord"); }
};

struct held_session {
    std::string room_id;
    std::string invite;
};

// A session of the moderator's first team with the presenter joined and assigned, not started.
struct open_session {
    std::unique_ptr<ws_client> moderator;
    std::unique_ptr<ws_client> presenter;
    json created; // the moderator's welcome
};

open_session open_team_session(two_teams& t, const std::string& case_code,
                               const std::string& moderator_name = "mira",
                               const std::string& presenter_name = "max") {
    open_session s{std::make_unique<ws_client>(t.port(), t.who(moderator_name)->cookie),
                   std::make_unique<ws_client>(t.port(), t.who(presenter_name)->cookie),
                   {}};
    s.moderator->send({{"type", "create"},
                       {"format", "qualitaetszirkel"},
                       {"case_code", case_code},
                       {"name", "Mira"},
                       {"team_id", t.who(moderator_name)->me["teams"][0]["team_id"]}});
    s.created = s.moderator->wait_type("welcome");
    REQUIRE(s.presenter->join(s.created["invite_code"], "Max")["type"] == "welcome");
    REQUIRE(s.moderator->command(
                "assign_role", {{"participant_id", "p2"}, {"role", "presenter"}})["type"] == "ack");
    return s;
}

// Mira (moderator of Nord) holds a session with Max as presenter, ends and approves it.
held_session hold_session(two_teams& t, const std::string& moderator_name = "mira",
                          const std::string& presenter_name = "max") {
    auto s = open_team_session(t, "NORD-2026-1", moderator_name, presenter_name);
    REQUIRE(s.moderator->command("start")["type"] == "ack");
    REQUIRE(s.moderator->command("end")["type"] == "ack");
    REQUIRE(s.moderator->command(
                "approve_minutes",
                {{"closing_remark", "Die Schulden der Familie sind geklärt."}})["type"] == "ack");
    return {s.created["room_id"], s.created["invite_code"]};
}

} // namespace

TEST_CASE("logins: one answer for wrong passwords and unknown users, safe cookies, throttling") {
    test_database db;
    create_user(db.url(), "mira", "ASD Nord", "moderator");
    server_process server(db.url(), closed_rooms);
    const auto wrong =
        http_request(server.port(), "POST", "/api/login",
                     json{{"username", "mira"}, {"password", "falsch-falsch"}}.dump());
    const auto unknown = http_request(server.port(), "POST", "/api/login",
                                      json{{"username", "niemand"}, {"password", "x"}}.dump());
    CHECK(wrong.status == 401);
    CHECK(unknown.status == 401);
    CHECK(wrong.body == unknown.body); // does not tell whether the account exists
    CHECK(wrong.header("Set-Cookie").empty());

    const auto ok = http_request(server.port(), "POST", "/api/login",
                                 json{{"username", "MIRA"}, {"password", test_password}}.dump());
    REQUIRE(ok.status == 200);
    const auto cookie = ok.header("Set-Cookie");
    CHECK_THAT(cookie, Catch::Contains("HttpOnly") && Catch::Contains("SameSite=Strict") &&
                           Catch::Contains("Path=/"));
    // Neither the password nor its hash (only the must_change_password flag).
    CHECK_THAT(ok.body, !Catch::Contains(test_password) && !Catch::Contains("argon2") &&
                            !Catch::Contains("password_hash"));
    CHECK(http_get(server.port(), "/api/me").status == 401);

    // Five failures in a row lock the account name, whatever the password; unknown names are
    // locked the same way, so that the answer does not tell which names exist.
    for (int i = 0; i < 5; ++i)
        CHECK(http_request(server.port(), "POST", "/api/login",
                           json{{"username", "mira"}, {"password", "falsch"}}.dump())
                  .status == 401);
    const auto locked =
        http_request(server.port(), "POST", "/api/login",
                     json{{"username", "mira"}, {"password", test_password}}.dump());
    CHECK(locked.status == 429);
    CHECK(error_code(locked) == "too_many_attempts");
    for (int i = 0; i < 5; ++i)
        http_request(server.port(), "POST", "/api/login",
                     json{{"username", "ghost"}, {"password", "x"}}.dump());
    CHECK(error_code(http_request(server.port(), "POST", "/api/login",
                                  json{{"username", "ghost"}, {"password", "x"}}.dump())) ==
          "too_many_attempts");
    // The address has now failed 12 times; at 20 it is throttled whatever the name.
    for (int i = 0; i < 9; ++i)
        http_request(server.port(), "POST", "/api/login",
                     json{{"username", "name" + std::to_string(i)}, {"password", "x"}}.dump());
    CHECK(error_code(http_request(server.port(), "POST", "/api/login",
                                  json{{"username", "fresh"}, {"password", "x"}}.dump())) ==
          "too_many_attempts");

    pqxx::connection conn(db.url());
    pqxx::read_transaction tx(conn);
    CHECK(tx.exec1("SELECT count(*) FROM audit_log WHERE action = 'login_failed'")[0].as<int>() ==
          20);
    // One entry per throttle window: Mira's name, the ghost's, and the address (name8, then
    // "fresh" only counted in memory).
    CHECK(
        tx.exec1("SELECT count(*) FROM audit_log WHERE action = 'login_throttled'")[0].as<int>() ==
        3);
    CHECK(tx.exec1("SELECT count(*) FROM audit_log WHERE action = 'login'")[0].as<int>() == 1);
    // Attempts on Mira's account show in her team's trail; those on unknown names in none.
    CHECK(tx.exec1("SELECT count(*) FROM audit_log WHERE action = 'login_failed' AND team_id IS "
                   "NOT NULL")[0]
              .as<int>() == 6);

    // The failures are counted in PostgreSQL (issue #18): behind nginx the next attempt may reach
    // another process, which knows them too – for the name and for the address.
    auto flags = closed_rooms;
    flags.insert(flags.end(), {"--node-name", "zweiter-knoten"});
    server_process other(db.url(), flags);
    CHECK(
        error_code(http_request(other.port(), "POST", "/api/login",
                                json{{"username", "mira"}, {"password", test_password}}.dump())) ==
        "too_many_attempts");
    CHECK(error_code(http_request(other.port(), "POST", "/api/login",
                                  json{{"username", "neu"}, {"password", "x"}}.dump())) ==
          "too_many_attempts");
}

TEST_CASE("writes need the CSRF token and the page's own origin") {
    two_teams t;
    const auto* ali = t.who("ali");
    const auto target = "/api/teams/" + std::to_string(t.nord()) + "/roles";
    const json body{{"username", "max"}, {"role", "moderator"}};
    const auto no_token =
        http_request(t.port(), "POST", target, body.dump(), {{"Cookie", ali->cookie}});
    CHECK(no_token.status == 403);
    CHECK(error_code(no_token) == "csrf_failed");
    const auto other_site = http_request(
        t.port(), "POST", target, body.dump(),
        {{"Cookie", ali->cookie}, {"X-CSRF-Token", ali->csrf}, {"Origin", "https://evil.example"}});
    CHECK(error_code(other_site) == "csrf_failed");
    const auto wrong_token = http_request(t.port(), "POST", target, body.dump(),
                                          {{"Cookie", ali->cookie}, {"X-CSRF-Token", "0"}});
    CHECK(error_code(wrong_token) == "csrf_failed");
    CHECK(api(t.port(), ali, "POST", target, body).status == 200);
    const auto trail = json::parse(
        api(t.port(), ali, "GET", "/api/teams/" + std::to_string(t.nord()) + "/audit").body);
    CHECK(trail["entries"][0]["action"] == "role_changed");
    CHECK(trail["entries"][0]["detail"] ==
          json{{"previous_role", "member"}, {"role", "moderator"}});
}

TEST_CASE("each team role against each action, and nothing across teams") {
    two_teams t;
    const auto session = hold_session(t);
    const auto nord = std::to_string(t.nord());
    const auto minutes = "/api/minutes/" + session.room_id;
    struct row {
        std::string who;
        int archive, read, export_, addendum, audit;
    };
    // 404 for another team: its sessions and archive are invisible, not just forbidden.
    const std::vector<row> expected{
        {"max", 200, 200, 200, 403, 403},  // member
        {"mira", 200, 200, 200, 201, 403}, // moderator
        {"sina", 200, 200, 200, 403, 200}, // supervisor
        {"ali", 403, 403, 403, 403, 200},  // team admin
        {"sven", 404, 404, 404, 404, 404}, // moderator of another team
    };
    for (const auto& r : expected) {
        INFO(r.who);
        const auto* who = t.who(r.who);
        CHECK(api(t.port(), who, "GET", "/api/teams/" + nord + "/archive").status == r.archive);
        CHECK(api(t.port(), who, "GET", minutes).status == r.read);
        const auto csv = api(t.port(), who, "GET", minutes + "/export.csv");
        CHECK(csv.status == r.export_);
        if (csv.status == 200)
            CHECK_THAT(csv.header("Content-Disposition"),
                       Catch::Contains("qualitaetszirkel_NORD-2026-1.csv"));
        CHECK(api(t.port(), who, "POST", minutes + "/addenda", {{"text", "Nachtrag"}}).status ==
              r.addendum);
        CHECK(api(t.port(), who, "GET", "/api/teams/" + nord + "/audit").status == r.audit);
    }
    // Without a login nothing at all.
    CHECK(http_get(t.port(), minutes).status == 401);
    CHECK(http_get(t.port(), "/api/teams/" + nord + "/archive").status == 401);

    // Moderating: only the moderator opens a team session.
    const json create{{"type", "create"},
                      {"format", "qualitaetszirkel"},
                      {"case_code", "NORD-2026-2"},
                      {"name", "X"}};
    for (const auto& [name, outcome] :
         std::vector<std::pair<std::string, std::string>>{{"mira", "welcome"},
                                                          {"max", "not_in_team"},
                                                          {"sina", "not_in_team"},
                                                          {"ali", "not_in_team"}}) {
        INFO(name);
        ws_client c(t.port(), t.who(name)->cookie);
        c.send(create);
        const auto answer = c.wait_entry();
        CHECK(answer.value("code", answer["type"].get<std::string>()) == outcome);
    }
    ws_client nobody(t.port());
    nobody.send(create);
    CHECK(nobody.wait_type("error")["code"] == "login_required");

    ws_client live(t.port(), t.who("mira")->cookie);
    live.send(create);
    const auto live_invite = live.wait_type("welcome")["invite_code"].get<std::string>();
    // Joining: the team's members with the code; not another team, not without login.
    for (const auto* name : {"max", "sina", "ali"}) {
        ws_client c(t.port(), t.who(name)->cookie);
        CHECK(c.join(live_invite, name)["type"] == "welcome");
    }
    ws_client other_team(t.port(), t.who("sven")->cookie);
    CHECK(other_team.join(live_invite, "Sven")["code"] == "not_in_team");
    ws_client anonymous(t.port());
    CHECK(anonymous.join(live_invite, "Anonym")["code"] == "login_required");

    // Every read and export left a trace.
    pqxx::connection conn(t.db.url());
    pqxx::read_transaction tx(conn);
    CHECK(tx.exec1("SELECT count(*) FROM audit_log WHERE action = 'minutes_read'")[0].as<int>() ==
          3);
    CHECK(
        tx.exec1("SELECT count(*) FROM audit_log WHERE action = 'minutes_exported'")[0].as<int>() ==
        3);
    CHECK(tx.exec1("SELECT count(*) FROM audit_log WHERE action = 'addendum_added'")[0].as<int>() ==
          1);
}

TEST_CASE("guest links: one session, once, until they expire, never the archive, consent first") {
    two_teams t;
    auto session = open_team_session(t, "NORD-2026-3");
    auto& moderator = *session.moderator;
    auto& presenter = *session.presenter;
    const auto& created = session.created;
    const auto room = created["room_id"].get<std::string>();

    const auto link_path = "/api/rooms/" + room + "/guest-invitations";
    CHECK(api(t.port(), t.who("max"), "POST", link_path).status == 403);
    CHECK(api(t.port(), t.who("sven"), "POST", link_path).status == 404);
    const auto issued = api(t.port(), t.who("mira"), "POST", link_path);
    REQUIRE(issued.status == 201);
    const auto invitation = json::parse(issued.body)["invitation"].get<std::string>();

    // Before the presenter has confirmed the client's consent a guest sees nothing of the case:
    // the join is refused, the link stays valid.
    ws_client guest(t.port());
    guest.send({{"type", "guest_join"}, {"invitation", invitation}, {"name", "Dr. Extern"}});
    const auto refused = guest.wait_type("rejected");
    CHECK(refused["code"] == "consent_missing");
    CHECK(refused.dump().find("NORD-2026") == std::string::npos);
    REQUIRE(presenter.command("confirm_consent")["type"] == "ack");
    guest.send({{"type", "guest_join"}, {"invitation", invitation}, {"name", "Dr. Extern"}});
    const auto welcome = guest.wait_type("welcome");
    CHECK(welcome["state"]["participants"][2]["guest"] == true);
    CHECK(welcome["state"]["participants"][2]["role"] == "expert");
    ws_client again(t.port());
    again.send({{"type", "guest_join"}, {"invitation", invitation}, {"name", "Noch mal"}});
    CHECK(again.wait_type("error")["code"] == "invalid_guest_link");

    // The guest has no login: no archive, minutes, exports, addenda or audit, no session of
    // their own, no other session.
    const auto team = "/api/teams/" + std::to_string(t.nord());
    for (const auto& target : {team + "/archive", team + "/audit", "/api/minutes/" + room,
                               "/api/minutes/" + room + "/export.md"})
        CHECK(http_get(t.port(), target).status == 401);
    CHECK(http_request(t.port(), "POST", "/api/minutes/" + room + "/addenda",
                       json{{"text", "x"}}.dump())
              .status == 401);
    guest.send({{"type", "create"},
                {"format", "qualitaetszirkel"},
                {"case_code", "GAST-1"},
                {"name", "Dr. Extern"}});
    CHECK(guest.wait_type("error")["code"] == "already_joined");
    ws_client guest_elsewhere(t.port());
    guest_elsewhere.send({{"type", "create"},
                          {"format", "qualitaetszirkel"},
                          {"case_code", "GAST-1"},
                          {"name", "X"}});
    CHECK(guest_elsewhere.wait_type("error")["code"] == "login_required");
    CHECK(guest_elsewhere.join(created["invite_code"], "Dr. Extern")["code"] == "login_required");

    CHECK(moderator.command("start")["type"] == "ack");

    // An expired link is refused like a used one.
    const auto late = json::parse(api(t.port(), t.who("mira"), "POST", link_path).body);
    {
        pqxx::connection conn(t.db.url());
        pqxx::work tx(conn);
        tx.exec0("UPDATE guest_invitations SET expires_at = now() - interval '1 minute' "
                 "WHERE used_at IS NULL");
        tx.commit();
    }
    ws_client too_late(t.port());
    too_late.send({{"type", "guest_join"}, {"invitation", late["invitation"]}, {"name", "Spät"}});
    CHECK(too_late.wait_type("error")["code"] == "invalid_guest_link");

    REQUIRE(moderator.command("end")["type"] == "ack");
    REQUIRE(moderator.command("approve_minutes")["type"] == "ack");
    const auto minutes =
        json::parse(api(t.port(), t.who("sina"), "GET", "/api/minutes/" + room).body);
    CHECK(minutes["minutes"]["guests"] == true);
    // Max joined as "Max", but a member's name is the account's (create-user's default).
    CHECK(minutes["minutes"]["consent"]["by"]["name"] == "max");
}

TEST_CASE("a guest link is used up only when the guest is admitted, not by a refused join") {
    two_teams t;
    auto session = open_team_session(t, "NORD-2026-8");
    auto& moderator = *session.moderator;
    auto& presenter = *session.presenter;
    const auto& created = session.created;
    REQUIRE(moderator.command("start")["type"] == "ack");
    const auto issued =
        api(t.port(), t.who("mira"), "POST",
            "/api/rooms/" + created["room_id"].get<std::string>() + "/guest-invitations");
    REQUIRE(issued.status == 201);
    const auto invitation = json::parse(issued.body)["invitation"].get<std::string>();
    const json guest_join = {{"type", "guest_join"}, {"invitation", invitation}, {"name", "Dr. X"}};

    // The session has started and the client's consent is not recorded: no guest yet.
    ws_client early(t.port());
    early.send(guest_join);
    CHECK(early.wait_type("rejected")["code"] == "consent_missing");

    REQUIRE(presenter.command("confirm_consent")["type"] == "ack");
    ws_client admitted(t.port());
    admitted.send(guest_join);
    CHECK(admitted.wait_type("welcome")["participant_id"] == "p3");
    ws_client again(t.port());
    again.send(guest_join);
    CHECK(again.wait_type("error")["code"] == "invalid_guest_link");
}

TEST_CASE("the archive API searches, lists and aggregates one team's sessions only") {
    two_teams t;
    create_user(t.db.url(), "suse", "ASD Süd", "member");
    t.people["suse"] = log_in(t.port(), "suse");
    const auto nord_session = hold_session(t);
    hold_session(t, "sven", "suse");
    const auto nord = "/api/teams/" + std::to_string(t.nord());
    const auto* sina = t.who("sina");

    const auto found = json::parse(api(t.port(), sina, "GET", nord + "/archive?q=Schuld").body);
    REQUIRE(found["entries"].size() == 1); // Süd's session says the same, but is not Nord's
    CHECK(found["entries"][0]["room_id"] == nord_session.room_id);
    std::string hits;
    for (const auto& part : found["entries"][0]["snippet"])
        if (part["hit"] == true) hits += part["text"].get<std::string>();
    CHECK(hits == "Schulden");
    CHECK(api(t.port(), sina, "GET", nord + "/archive?from=morgen").status == 400);

    const auto history = json::parse(api(t.port(), sina, "GET", nord + "/cases/NORD-2026-1").body);
    CHECK(history["entries"].size() == 1);
    const auto reviews =
        json::parse(api(t.port(), sina, "GET", nord + "/reviews?until=2099-12-31").body);
    CHECK(reviews["reviews"].empty()); // no decision, no review date
    const auto deficits =
        api(t.port(), sina, "GET", nord + "/deficits?from=2000-01-01&to=2099-12-31");
    REQUIRE(deficits.status == 200);
    CHECK(json::parse(deficits.body)["kinds"].size() == 4);
    const auto csv =
        api(t.port(), sina, "GET", nord + "/deficits?from=2000-01-01&to=2099-12-31&format=csv");
    CHECK_THAT(csv.content_type, Catch::Contains("text/csv"));
    CHECK_THAT(csv.header("Content-Disposition"), Catch::Contains("defizitanalyse_2000-01-01"));
    const auto print =
        api(t.port(), sina, "GET", "/api/minutes/" + nord_session.room_id + "/export.html");
    CHECK_THAT(print.header("Content-Disposition"), Catch::StartsWith("inline"));
    CHECK_THAT(print.body, Catch::Contains("Die Schulden der Familie sind geklärt."));
    CHECK(api(t.port(), t.who("ali"), "GET", nord + "/archive").status == 403);
    CHECK(api(t.port(), t.who("suse"), "GET", nord + "/archive").status == 404);
}
