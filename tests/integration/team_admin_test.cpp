// Team administration (issue #15): the team admin lists, adds, removes, disables and enables the
// team's people, changes roles and resets passwords; everyone changes their own password; the
// supervisor reads the session statistics; a guest reads what a link is for. Each against the
// real server and PostgreSQL.

#include "db/accounts.hpp"
#include "tests/integration/support/accounts.hpp"
#include "tests/integration/support/api_client.hpp"
#include "tests/integration/support/server_process.hpp"
#include "tests/integration/support/test_database.hpp"

#include <catch2/catch.hpp>
#include <memory>
#include <pqxx/pqxx>
#include <regex>

using namespace casecircle::testing;
using json = nlohmann::json;

namespace {

// Nord: one person in each role, a second team admin and Pia, who is also in Süd; Süd: Sven.
struct team_fixture {
    test_database db;
    std::unique_ptr<server_process> server;

    team_fixture() {
        for (const auto& [user, team, role] :
             std::vector<std::tuple<std::string, std::string, std::string>>{
                 {"mira", "ASD Nord", "moderator"},
                 {"max", "ASD Nord", "member"},
                 {"sina", "ASD Nord", "supervisor"},
                 {"ali", "ASD Nord", "team_admin"},
                 {"tom", "ASD Nord", "team_admin"},
                 {"pia", "ASD Nord", "member"},
                 {"sven", "ASD Süd", "moderator"}})
            create_user(db.url(), user, team, role);
        // No call enrols an account in a second team; the database can.
        sql("INSERT INTO team_members (team_id, user_id, role) SELECT t.team_id, u.user_id, "
            "'member' FROM teams t, users u WHERE t.name = 'ASD Süd' AND u.username = 'pia'");
        server = std::make_unique<server_process>(db.url(),
                                                  std::vector<std::string>{"--open-rooms", "no"});
    }
    std::uint16_t port() const { return server->port(); }

    void sql(const std::string& statement) {
        pqxx::connection conn(db.url());
        pqxx::work tx(conn);
        tx.exec0(statement);
        tx.commit();
    }
    std::int64_t number(const std::string& query) {
        pqxx::connection conn(db.url());
        pqxx::read_transaction tx(conn);
        return tx.exec1(query)[0].as<std::int64_t>();
    }
    std::int64_t team(const std::string& name) {
        return number("SELECT team_id FROM teams WHERE name = '" + name + "'");
    }
    std::int64_t user(const std::string& name) {
        return number("SELECT user_id FROM users WHERE username = '" + name + "'");
    }
    std::string nord_path(const std::string& rest) {
        return "/api/teams/" + std::to_string(team("ASD Nord")) + "/" + rest;
    }
    std::string member_path(const std::string& name, const std::string& rest = "") {
        return nord_path("members/" + std::to_string(user(name)) + rest);
    }
    // A session of the team as the event writer stores it, with one credential of `name`.
    void room_with_credential(const std::string& room, const std::string& team_name,
                              const std::string& name) {
        sql("INSERT INTO rooms (room_id, format, case_code, title, invite_hash, team_id) VALUES "
            "('" +
            room + "', 'qualitaetszirkel', 'GEHEIM-1', 'Vertraulich', 'invite-" + room +
            "', (SELECT team_id FROM teams WHERE name = '" + team_name + "'))");
        sql("INSERT INTO room_members (room_id, participant_id, token_hash, user_id) VALUES ('" +
            room + "', 'p1', 'token-" + room + "-" + name + "', " + std::to_string(user(name)) +
            ")");
    }
    bool revoked(const std::string& room, const std::string& name) {
        return number("SELECT count(*) FROM room_members WHERE token_hash = 'token-" + room + "-" +
                      name + "' AND revoked_at IS NOT NULL") == 1;
    }
    std::int64_t audited(const std::string& action, const std::string& target = "") {
        return number("SELECT count(*) FROM audit_log WHERE action = '" + action + "'" +
                      (target.empty() ? "" : " AND target = '" + target + "'"));
    }
};

bool logged_out(std::uint16_t port, const logged_in& who) {
    return api(port, &who, "GET", "/api/me").status == 401;
}

} // namespace

TEST_CASE("only the team's own admins administer it, and other teams see nothing") {
    team_fixture t;
    struct row {
        std::string who;
        int members, statistics, roles, users, change_member;
    };
    const std::vector<row> expected{
        {"max", 403, 403, 403, 403, 403},  // member
        {"mira", 403, 403, 403, 403, 403}, // moderator
        {"sina", 403, 200, 403, 403, 403}, // supervisor
        {"ali", 200, 200, 200, 201, 0},    // team admin (changes to people: below)
        {"sven", 404, 404, 404, 404, 404}, // another team's moderator
    };
    const auto target = std::to_string(t.user("max"));
    for (const auto& r : expected) {
        INFO(r.who);
        const auto who = log_in(t.port(), r.who);
        CHECK(api(t.port(), &who, "GET", t.nord_path("members")).status == r.members);
        CHECK(api(t.port(), &who, "GET", t.nord_path("statistics")).status == r.statistics);
        CHECK(api(t.port(), &who, "POST", t.nord_path("roles"),
                  {{"username", "max"}, {"role", "member"}})
                  .status == r.roles);
        CHECK(api(t.port(), &who, "POST", t.nord_path("users"),
                  {{"username", "neu-" + r.who},
                   {"display_name", "Neu"},
                   {"password", test_password},
                   {"role", "member"}})
                  .status == r.users);
        if (r.change_member == 0) continue;
        CHECK(api(t.port(), &who, "DELETE", t.member_path("max")).status == r.change_member);
        for (const auto* action : {"/disable", "/enable", "/password-reset"})
            CHECK(api(t.port(), &who, "POST", t.member_path("max", action)).status ==
                  r.change_member);
    }
    // Max is untouched by all of it.
    CHECK(t.number("SELECT count(*) FROM team_members WHERE user_id = " + target) == 1);
    CHECK(t.number("SELECT count(*) FROM users WHERE disabled_at IS NULL AND NOT "
                   "must_change_password AND user_id = " +
                   target) == 1);
    // Logged out: nothing; another team's people are unknown to this team's admin.
    CHECK(api(t.port(), nullptr, "GET", t.nord_path("members")).status == 401);
    CHECK(api(t.port(), nullptr, "DELETE", t.member_path("max")).status == 401);
    const auto ali = log_in(t.port(), "ali");
    for (const auto* action : {"/disable", "/enable", "/password-reset"}) {
        const auto r = api(t.port(), &ali, "POST", t.member_path("sven", action));
        CHECK(r.status == 404);
        CHECK(error_code(r) == "unknown_user");
    }
    CHECK(error_code(api(t.port(), &ali, "DELETE", t.member_path("sven"))) == "unknown_user");
    CHECK(t.number("SELECT count(*) FROM users WHERE disabled_at IS NULL AND NOT "
                   "must_change_password AND username = 'sven'") == 1);
    // A write without the CSRF token is refused before anything happens.
    CHECK(error_code(http_request(t.port(), "DELETE", t.member_path("max"), "",
                                  {{"Cookie", ali.cookie}})) == "csrf_failed");
}

TEST_CASE("a role change never enrols another team's account, and adding people adds new ones") {
    team_fixture t;
    const auto ali = log_in(t.port(), "ali");
    const auto sven_in_nord =
        "SELECT count(*) FROM team_members WHERE user_id = " + std::to_string(t.user("sven")) +
        " AND team_id = " + std::to_string(t.team("ASD Nord"));

    // The bug of issue #15: this used to insert Sven (Süd) into Nord as a moderator.
    const auto role = api(t.port(), &ali, "POST", t.nord_path("roles"),
                          {{"username", "sven"}, {"role", "moderator"}});
    CHECK(role.status == 404);
    CHECK(error_code(role) == "unknown_user");
    CHECK(t.number(sven_in_nord) == 0);
    const auto taken = api(t.port(), &ali, "POST", t.nord_path("users"),
                           {{"username", "SVEN"},
                            {"display_name", "Sven"},
                            {"password", test_password},
                            {"role", "member"}});
    CHECK(taken.status == 409);
    CHECK(error_code(taken) == "username_taken");
    CHECK(t.number(sven_in_nord) == 0);
    CHECK(log_in(t.port(), "sven").me["teams"].size() == 1);

    // Members of the team do change.
    const auto changed = api(t.port(), &ali, "POST", t.nord_path("roles"),
                             {{"username", "max"}, {"role", "moderator"}});
    REQUIRE(changed.status == 200);
    CHECK(json::parse(changed.body) ==
          json{{"username", "max"}, {"role", "moderator"}, {"previous_role", "member"}});
    CHECK(error_code(api(t.port(), &ali, "POST", t.nord_path("roles"),
                         {{"username", "max"}, {"role", "chef"}})) == "invalid_role");

    // A new account is added with its role and listed by display name.
    const auto added = api(t.port(), &ali, "POST", t.nord_path("users"),
                           {{"username", "Neo"},
                            {"display_name", "Anton Neu"},
                            {"password", test_password},
                            {"role", "supervisor"}});
    REQUIRE(added.status == 201);
    const auto list = api(t.port(), &ali, "GET", t.nord_path("members"));
    REQUIRE(list.status == 200);
    const auto members = json::parse(list.body)["members"];
    REQUIRE(members.size() == 7);
    CHECK(members[1] == json{{"user_id", json::parse(added.body)["user_id"]},
                             {"username", "neo"},
                             {"display_name", "Anton Neu"},
                             {"role", "supervisor"},
                             {"disabled", false},
                             {"must_change_password", false}});
    std::vector<std::string> names;
    for (const auto& m : members)
        names.push_back(m["display_name"]);
    CHECK(names ==
          std::vector<std::string>{"ali", "Anton Neu", "max", "mira", "pia", "sina", "tom"});
    CHECK(members[2]["role"] == "moderator");

    CHECK(t.audited("role_changed", "max") == 1);
    CHECK(t.audited("role_changed", "sven") == 0);
    CHECK(t.audited("user_created", "neo") == 1);
    CHECK(t.audited("members_listed") == 1);
    CHECK(t.number("SELECT count(*) FROM audit_log WHERE action = 'role_changed' AND detail = "
                   "'{\"role\": \"moderator\", \"previous_role\": \"member\"}'::jsonb") == 1);
}

TEST_CASE("removing a person ends their logins and revokes their credentials for the team") {
    team_fixture t;
    const auto ali = log_in(t.port(), "ali");
    const auto max_laptop = log_in(t.port(), "max");
    const auto max_phone = log_in(t.port(), "max");
    const auto pia = log_in(t.port(), "pia");
    t.room_with_credential("nord1", "ASD Nord", "max");
    t.room_with_credential("nord2", "ASD Nord", "pia");
    t.room_with_credential("sued1", "ASD Süd", "pia");

    const auto self = api(t.port(), &ali, "DELETE", t.member_path("ali"));
    CHECK(self.status == 409);
    CHECK(error_code(self) == "cannot_remove_self");

    REQUIRE(api(t.port(), &ali, "DELETE", t.member_path("max")).status == 200);
    CHECK(logged_out(t.port(), max_laptop));
    CHECK(logged_out(t.port(), max_phone));
    CHECK(t.revoked("nord1", "max"));
    const auto again = api(t.port(), &ali, "DELETE", t.member_path("max"));
    CHECK(again.status == 404);
    CHECK(error_code(again) == "unknown_user");
    CHECK(log_in(t.port(), "max").me["teams"].empty()); // the account stays, without the team

    // Pia leaves Nord but stays in Süd: only Nord's credentials are revoked.
    REQUIRE(api(t.port(), &ali, "DELETE", t.member_path("pia")).status == 200);
    CHECK(logged_out(t.port(), pia));
    CHECK(t.revoked("nord2", "pia"));
    CHECK_FALSE(t.revoked("sued1", "pia"));
    const auto pia_again = log_in(t.port(), "pia");
    REQUIRE(pia_again.me["teams"].size() == 1);
    CHECK(pia_again.me["teams"][0]["name"] == "ASD Süd");

    const auto list = json::parse(api(t.port(), &ali, "GET", t.nord_path("members")).body);
    CHECK(list["members"].size() == 4); // of six
    CHECK(t.audited("member_removed", "max") == 1);
    CHECK(t.audited("member_removed", "pia") == 1);
    // The other admin may remove Ali; Ali's own session ends with it.
    const auto tom = log_in(t.port(), "tom");
    REQUIRE(api(t.port(), &tom, "DELETE", t.member_path("ali")).status == 200);
    CHECK(logged_out(t.port(), ali));
}

TEST_CASE("a disabled account cannot log in or use a session, and only people of this team alone "
          "are disabled") {
    team_fixture t;
    const auto ali = log_in(t.port(), "ali");
    const auto max = log_in(t.port(), "max");
    t.room_with_credential("nord1", "ASD Nord", "max");
    t.room_with_credential("open1", "ASD Süd", "max"); // any session at all
    // A login session as the WebSocket entry looks it up.
    t.sql("INSERT INTO login_sessions (session_hash, user_id, csrf_token, expires_at) VALUES "
          "('probe', " +
          std::to_string(t.user("max")) + ", 'c', now() + interval '1 hour')");
    pqxx::connection conn(t.db.url());
    REQUIRE(casecircle::db::account_by_session(conn, "probe"));

    const auto other_teams = api(t.port(), &ali, "POST", t.member_path("pia", "/disable"));
    CHECK(other_teams.status == 409);
    CHECK(error_code(other_teams) == "member_of_other_teams");
    CHECK(error_code(api(t.port(), &ali, "POST", t.member_path("ali", "/disable"))) ==
          "cannot_remove_self");

    REQUIRE(api(t.port(), &ali, "POST", t.member_path("max", "/disable")).status == 200);
    CHECK(logged_out(t.port(), max));
    CHECK(t.revoked("nord1", "max"));
    CHECK(t.revoked("open1", "max"));
    t.sql("INSERT INTO login_sessions (session_hash, user_id, csrf_token, expires_at) VALUES "
          "('late', " +
          std::to_string(t.user("max")) + ", 'c', now() + interval '1 hour')");
    CHECK_FALSE(casecircle::db::account_by_session(conn, "late"));

    const auto right = http_request(t.port(), "POST", "/api/login",
                                    json{{"username", "max"}, {"password", test_password}}.dump());
    CHECK(right.status == 403);
    CHECK(error_code(right) == "account_disabled");
    CHECK(right.header("Set-Cookie").empty());
    const auto wrong =
        http_request(t.port(), "POST", "/api/login",
                     json{{"username", "max"}, {"password", "falsch-falsch"}}.dump());
    CHECK(wrong.status == 401); // the password first: a guess learns nothing more
    CHECK(error_code(wrong) == "login_failed");

    const auto list = json::parse(api(t.port(), &ali, "GET", t.nord_path("members")).body);
    for (const auto& m : list["members"])
        CHECK(m["disabled"] == (m["username"] == "max"));

    REQUIRE(api(t.port(), &ali, "POST", t.member_path("max", "/enable")).status == 200);
    CHECK(log_in(t.port(), "max").me["teams"].size() == 1);
    CHECK(t.revoked("open1", "max")); // revoked credentials stay revoked
    CHECK(t.audited("member_disabled", "max") == 1);
    CHECK(t.audited("member_enabled", "max") == 1);
    CHECK(t.audited("login_disabled", "max") == 1);
}

TEST_CASE("a password reset: shown once, a new password is required before anything else") {
    team_fixture t;
    const auto ali = log_in(t.port(), "ali");
    const auto before = log_in(t.port(), "max");
    const auto reset = api(t.port(), &ali, "POST", t.member_path("max", "/password-reset"));
    REQUIRE(reset.status == 201);
    const auto temporary = json::parse(reset.body)["temporary_password"].get<std::string>();
    CHECK(std::regex_match(temporary, std::regex("[A-HJKMNP-Z2-9]{4}(-[A-HJKMNP-Z2-9]{4}){3}")));
    CHECK(logged_out(t.port(), before));
    CHECK(http_request(t.port(), "POST", "/api/login",
                       json{{"username", "max"}, {"password", test_password}}.dump())
              .status == 401);

    const auto max = log_in(t.port(), "max", temporary);
    CHECK(max.me["must_change_password"] == true);
    const auto me = api(t.port(), &max, "GET", "/api/me");
    REQUIRE(me.status == 200);
    CHECK(json::parse(me.body)["must_change_password"] == true);
    const auto blocked = api(t.port(), &max, "GET", t.nord_path("archive"));
    CHECK(blocked.status == 403);
    CHECK(error_code(blocked) == "password_change_required");
    CHECK(t.number("SELECT count(*) FROM team_members m JOIN users u USING (user_id) WHERE "
                   "u.must_change_password AND u.username = 'max'") == 1);

    const auto change = [&](const std::string& current, const std::string& next) {
        return api(t.port(), &max, "POST", "/api/me/password",
                   {{"current_password", current}, {"new_password", next}});
    };
    CHECK(error_code(change("falsch-falsch", "mein-neues-passwort")) == "login_failed");
    CHECK(error_code(change(temporary, "kurz")) == "weak_password");
    CHECK(error_code(change(temporary, temporary)) == "same_password");
    const auto changed = change(temporary, "mein-neues-passwort");
    REQUIRE(changed.status == 200);
    CHECK(json::parse(changed.body)["must_change_password"] == false);
    CHECK(api(t.port(), &max, "GET", t.nord_path("archive")).status == 200);
    CHECK(log_in(t.port(), "max", "mein-neues-passwort").me["must_change_password"] == false);

    CHECK(t.audited("password_reset", "max") == 1);
    CHECK(t.audited("password_changed", "max") == 1);
    // The temporary password appears nowhere in the trail.
    CHECK(t.number("SELECT count(*) FROM audit_log WHERE detail::text LIKE '%" + temporary +
                   "%' OR target LIKE '%" + temporary + "%'") == 0);
}

TEST_CASE("everyone changes their own password: their other logins end, this one stays") {
    team_fixture t;
    const auto pia_here = log_in(t.port(), "pia");
    const auto pia_elsewhere = log_in(t.port(), "pia");
    const auto wrong =
        api(t.port(), &pia_here, "POST", "/api/me/password",
            {{"current_password", "falsch-falsch"}, {"new_password", "ein-anderes-passwort"}});
    CHECK(wrong.status == 401);
    REQUIRE(api(t.port(), &pia_here, "POST", "/api/me/password",
                {{"current_password", test_password}, {"new_password", "ein-anderes-passwort"}})
                .status == 200);
    CHECK_FALSE(logged_out(t.port(), pia_here));
    CHECK(logged_out(t.port(), pia_elsewhere));
    CHECK(http_request(t.port(), "POST", "/api/login",
                       json{{"username", "pia"}, {"password", test_password}}.dump())
              .status == 401);
    log_in(t.port(), "pia", "ein-anderes-passwort");
    // Filed under both of Pia's teams.
    CHECK(t.audited("password_changed", "pia") == 2);
    CHECK(t.audited("password_change_failed", "pia") == 2);
    CHECK(api(t.port(), nullptr, "POST", "/api/me/password",
              {{"current_password", "x"}, {"new_password", "y"}})
              .status == 401);
}

TEST_CASE("statistics count approved, discarded and cancelled sessions of the team by reason") {
    team_fixture t;
    const auto nord = std::to_string(t.team("ASD Nord"));
    const auto sued = std::to_string(t.team("ASD Süd"));
    for (const auto& [room, team, days_ago] :
         std::vector<std::tuple<std::string, std::string, int>>{
             {"a1", nord, 3}, {"a2", nord, 100}, {"a3", nord, 400}, {"a4", sued, 3}}) {
        t.sql("INSERT INTO rooms (room_id, format, case_code, title, invite_hash, team_id) VALUES "
              "('" +
              room + "', 'qualitaetszirkel', 'F-" + room + "', '', 'i-" + room + "', " + team +
              ")");
        t.sql("INSERT INTO minutes (room_id, format, case_code, title, session_date, moderator, "
              "approved_at, content, markdown, search_text) VALUES ('" +
              room + "', 'qualitaetszirkel', 'F-" + room + "', '', current_date - " +
              std::to_string(days_ago) + ", 'Mira', now(), '{}', '', '')");
    }
    for (const auto& [room, team, closed_as, reason, days_ago] :
         std::vector<std::tuple<std::string, std::string, std::string, std::string, int>>{
             {"c1", nord, "cancelled", "no_case", 1},
             {"c2", nord, "cancelled", "no_case", 20},
             {"c3", nord, "cancelled", "too_few_present", 2},
             {"c4", nord, "cancelled", "something_new", 2},
             {"c5", nord, "cancelled", "case_withdrawn", 500},
             {"d1", nord, "discarded", "discarded", 5},
             {"s1", sued, "cancelled", "no_case", 1}})
        t.sql("INSERT INTO session_closures (room_id, team_id, format, closed_as, reason, "
              "closed_at) VALUES ('" +
              room + "', " + team + ", 'qualitaetszirkel', '" + closed_as + "', '" + reason +
              "', now() - interval '" + std::to_string(days_ago) + " days')");

    const auto sina = log_in(t.port(), "sina");
    const auto last_year = api(t.port(), &sina, "GET", t.nord_path("statistics"));
    REQUIRE(last_year.status == 200);
    const auto s = json::parse(last_year.body);
    CHECK(s["approved"] == 2);
    CHECK(s["discarded"] == 1);
    CHECK(s["cancelled"] == 4);
    CHECK(s["cancellations"] == json::parse(R"([{"reason":"no_case","count":2},
        {"reason":"too_few_present","count":1},{"reason":"case_withdrawn","count":0},
        {"reason":"other","count":1}])"));

    const auto range = json::parse(
        api(t.port(), &sina, "GET", t.nord_path("statistics?from=2000-01-01&to=2999-12-31")).body);
    CHECK(range["approved"] == 3);
    CHECK(range["cancelled"] == 5);
    CHECK(range["cancellations"][2] == json{{"reason", "case_withdrawn"}, {"count", 1}});
    CHECK(range["from"] == "2000-01-01");
    for (const auto* bad : {"?from=gestern", "?to=2026-02-30"}) {
        const auto r = api(t.port(), &sina, "GET", t.nord_path(std::string("statistics") + bad));
        CHECK(r.status == 400);
        CHECK(error_code(r) == "invalid_filter");
    }
    const auto ali = log_in(t.port(), "ali");
    CHECK(api(t.port(), &ali, "GET", t.nord_path("statistics")).status == 200);
    CHECK(t.audited("statistics_read") == 3);
}

TEST_CASE("a guest reads what a valid link is for without a login, never the case") {
    team_fixture t;
    t.room_with_credential("r1", "ASD Nord", "mira");
    const auto mira = log_in(t.port(), "mira");
    const auto issue = [&] {
        const auto r = api(t.port(), &mira, "POST", "/api/rooms/r1/guest-invitations");
        REQUIRE(r.status == 201);
        return json::parse(r.body)["invitation"].get<std::string>();
    };
    const auto invitation = issue();
    const auto path = "/api/guest-invitations/" + invitation;

    const auto info = http_get(t.port(), path);
    REQUIRE(info.status == 200);
    const auto body = json::parse(info.body);
    CHECK(body["team_name"] == "ASD Nord");
    CHECK(body["format"] == "qualitaetszirkel");
    CHECK(body["invited_by"] == "mira");
    const auto now_ms = t.number("SELECT (extract(epoch FROM now()) * 1000)::bigint");
    CHECK(body["expires_at"].get<std::int64_t>() > now_ms + 47 * 3600 * 1000);
    // The session's id, for the WebSocket URL that nginx routes by (issue #18); it opens
    // nothing by itself. Nothing of the case.
    CHECK(body["room_id"] == "r1");
    CHECK_THAT(info.body, !Catch::Contains("GEHEIM") && !Catch::Contains("Vertraulich"));
    CHECK(t.audited("guest_link_viewed", "r1") == 1);
    // Looking does not use the link up.
    CHECK(http_get(t.port(), path).status == 200);

    const auto refused = [&](const std::string& target) {
        const auto r = http_get(t.port(), target);
        return r.status == 404 && error_code(r) == "invalid_guest_link";
    };
    CHECK(refused("/api/guest-invitations/" + std::string(64, '0')));
    CHECK(refused("/api/guest-invitations/nicht-hex"));
    t.sql("UPDATE guest_invitations SET used_at = now()");
    CHECK(refused(path));
    const auto late = issue();
    t.sql("UPDATE guest_invitations SET expires_at = now() - interval '1 minute' WHERE used_at IS "
          "NULL");
    CHECK(refused("/api/guest-invitations/" + late));
    const auto closed = issue();
    t.sql("UPDATE rooms SET closed_at = now(), closed_as = 'cancelled'");
    CHECK(refused("/api/guest-invitations/" + closed));
    // Only reading is open: no write at this address, and nothing else without a login.
    CHECK(http_request(t.port(), "POST", path).status == 401);
}
