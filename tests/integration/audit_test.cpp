// Issue #16: every read of case content is on record, probes and login floods cannot fill the
// trail, the trail pages and filters, and a member's name is the account's.

#include "tests/integration/support/accounts.hpp"
#include "tests/integration/support/api_client.hpp"
#include "tests/integration/support/child_process.hpp"
#include "tests/integration/support/http_client.hpp"
#include "tests/integration/support/metrics_probe.hpp"
#include "tests/integration/support/server_process.hpp"
#include "tests/integration/support/session_script.hpp"
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

// Nord: a moderator, two members, a supervisor who reads the trail, a team admin; Süd: a
// moderator.
struct teams : team_server {
    explicit teams(std::vector<std::string> server_flags = {})
        : team_server({{"mira", "ASD Nord", "moderator"},
                       {"max", "ASD Nord", "member"},
                       {"tom", "ASD Nord", "member"},
                       {"sina", "ASD Nord", "supervisor"},
                       {"ali", "ASD Nord", "team_admin"},
                       {"sven", "ASD Süd", "moderator"}},
                      std::move(server_flags)) {}
    std::string nord() const {
        return "/api/teams/" + std::to_string(people.at("mira").team("ASD Nord"));
    }
    // The Nord trail as the supervisor reads it; `query` without the "?".
    json trail(const std::string& query) {
        const auto r = api(port(), who("sina"), "GET", nord() + "/audit?" + query);
        INFO(r.body);
        REQUIRE(r.status == 200);
        return json::parse(r.body);
    }
    json entries(const std::string& action) { return trail("action=" + action)["entries"]; }
    std::int64_t rows(const std::string& where) {
        pqxx::connection conn(db.url());
        pqxx::read_transaction tx(conn);
        return tx.exec1("SELECT count(*) FROM audit_log WHERE " + where)[0].as<std::int64_t>();
    }
};

json only(const json& entries) {
    INFO(entries.dump());
    REQUIRE(entries.size() == 1);
    return entries[0];
}

} // namespace

TEST_CASE("every read of case content is on record, with its search terms") {
    teams t;
    session_script script;
    script.case_code = "NORD-2026-1";
    script.cookies = {t.who("mira")->cookie, t.who("max")->cookie, t.who("tom")->cookie};
    const auto held = run_session(t.port(), script);
    const auto nord = t.nord();
    auto* sina = t.who("sina");

    REQUIRE(api(t.port(), sina, "GET", nord + "/archive?q=Termine&case_code=NORD-2026-1").status ==
            200);
    const auto searched = only(t.entries("archive_searched"));
    CHECK(searched["actor"] == "sina");
    CHECK(searched["detail"]["q"] == "Termine");
    CHECK(searched["detail"]["case_code"] == "NORD-2026-1");
    CHECK(searched["detail"]["results"] == 1);
    CHECK(searched["detail"].contains("from"));

    REQUIRE(api(t.port(), sina, "GET", nord + "/cases/NORD-2026-1").status == 200);
    const auto history = only(t.entries("case_history_read"));
    CHECK(history["target"] == "NORD-2026-1");
    CHECK(history["actor"] == "sina");

    REQUIRE(api(t.port(), sina, "GET", nord + "/reviews?until=2099-12-31").status == 200);
    CHECK(only(t.entries("reviews_read"))["detail"]["until"] == "2099-12-31");
    REQUIRE(api(t.port(), sina, "GET", nord + "/outcomes?from=2000-01-01&to=2099-12-31").status ==
            200);
    CHECK(only(t.entries("outcomes_read"))["detail"]["from"] == "2000-01-01");

    const auto period = "/deficits?from=2000-01-01&to=2099-12-31";
    REQUIRE(api(t.port(), sina, "GET", nord + period).status == 200);
    REQUIRE(api(t.port(), sina, "GET", nord + period + "&format=csv").status == 200);
    const auto deficits = t.entries("deficits_read");
    REQUIRE(deficits.size() == 2);
    CHECK(deficits[0]["detail"]["format"] == "csv"); // newest first
    CHECK(deficits[1]["detail"]["format"] == "json");

    // The same case again: the previous decision is carried into the new session.
    ws_client again(t.port(), t.who("mira")->cookie);
    REQUIRE(again.create("qualitaetszirkel", "NORD-2026-1", "Mira")["type"] == "welcome");
    const auto carried = only(t.entries("previous_decision_read"));
    CHECK(carried["actor"] == "mira");
    CHECK(carried["target"] == held);

    // Minutes over the WebSocket, once they were sent.
    ws_client moderator(t.port(), t.who("mira")->cookie);
    const auto created = moderator.create("qualitaetszirkel", "NORD-2026-2", "Mira");
    REQUIRE(created["type"] == "welcome");
    moderator.send({{"type", "minutes"}});
    CHECK(moderator.wait_type("error")["code"] == "minutes_not_available");
    ws_client presenter(t.port(), t.who("max")->cookie);
    REQUIRE(presenter.join(created["invite_code"], "Max")["type"] == "welcome");
    REQUIRE(moderator.command("assign_role",
                              {{"participant_id", "p2"}, {"role", "presenter"}})["type"] == "ack");
    REQUIRE(moderator.command("start")["type"] == "ack");
    REQUIRE(moderator.command("end")["type"] == "ack");
    REQUIRE(moderator.command("approve_minutes")["type"] == "ack");
    moderator.send({{"type", "minutes"}});
    moderator.wait_type("minutes");
    REQUIRE(eventually([&] { return !t.entries("minutes_read").empty(); }));
    const auto read = only(t.entries("minutes_read"));
    CHECK(read["actor"] == "mira");
    CHECK(read["target"] == created["room_id"]);
    CHECK(read["detail"]["via"] == "websocket");
}

TEST_CASE("probes of ids one may not see are counted each time and audited once per window") {
    teams t;
    auto* sven = t.who("sven");
    for (int i = 0; i < 4; ++i)
        CHECK(api(t.port(), sven, "GET", "/api/minutes/geraten-" + std::to_string(i)).status ==
              404);
    CHECK(api(t.port(), sven, "GET", t.nord() + "/archive").status == 404); // Nord's team id
    CHECK(eventually([&] { return metric(t.port(), "casecircle_access_probes_total") == 5; }));
    CHECK(t.rows("action = 'access_probed'") == 1);
    CHECK(t.rows("action = 'access_probed' AND actor = 'sven' AND target = 'geraten-0'") == 1);
}

TEST_CASE("the login cannot flood the trail: odd names are refused, throttling is one entry") {
    teams t;
    const auto huge =
        http_request(t.port(), "POST", "/api/login",
                     json{{"username", std::string(1000000, 'a')}, {"password", "x"}}.dump());
    CHECK(huge.status == 400);
    CHECK(error_code(huge) == "invalid_field");
    const auto odd = http_request(t.port(), "POST", "/api/login",
                                  json{{"username", "Frau Meier"}, {"password", "x"}}.dump());
    CHECK(error_code(odd) == "invalid_field");
    CHECK(t.rows("length(target) > 60 OR target = 'frau meier'") == 0);

    for (int i = 0; i < 30; ++i)
        http_request(t.port(), "POST", "/api/login",
                     json{{"username", "max"}, {"password", "falsch"}}.dump());
    CHECK(t.rows("action = 'login_failed' AND target = 'max'") <= 5);
    CHECK(t.rows("action = 'login_throttled' AND target = 'max'") == 1);
    const auto throttled = only(t.entries("login_throttled"));
    CHECK(throttled["detail"]["attempts"] == 1);
}

TEST_CASE("the refused logins of a window become one summary entry once it has ended") {
    teams t({"--login-window", "2", "--login-failures-per-account", "3"});
    const auto attempt = [&](const std::string& username) {
        return http_request(t.port(), "POST", "/api/login",
                            json{{"username", username}, {"password", "falsch"}}.dump())
            .status;
    };
    int refused = 0;
    for (int i = 0; i < 12; ++i)
        refused += attempt("max") == 429;
    REQUIRE(refused >= 6);
    CHECK(t.rows("action = 'login_throttled' AND target = 'max'") == 1);
    CHECK(t.rows("action = 'login_throttled_summary'") == 0);
    // The summary is written at the first login attempt after the window's end.
    CHECK(eventually([&] {
        attempt("tom");
        return t.rows("action = 'login_throttled_summary'") > 0;
    }));
    const auto summary = only(t.entries("login_throttled_summary"));
    CHECK(summary["target"] == "max");
    CHECK(summary["address"] == "127.0.0.1");
    CHECK(summary["detail"]["attempts"] == refused);
    CHECK(t.rows("action = 'login_throttled' AND target = 'max'") == 1);
}

TEST_CASE("the audit API pages through the whole history and filters") {
    teams t;
    {
        pqxx::connection conn(t.db.url());
        pqxx::work tx(conn);
        const auto team = std::to_string(t.who("mira")->team("ASD Nord"));
        tx.exec0("INSERT INTO audit_log (team_id, actor, action, target, address, detail, at) "
                 "SELECT " +
                 team +
                 ", 'tom', 'minutes_read', 'room-' || i, '10.0.0.1', '{}', "
                 "timestamptz '2025-01-01' + i * interval '1 hour' FROM generate_series(1, 600) i");
        tx.commit();
    }
    const auto first = t.trail("limit=500&action=minutes_read&actor=tom");
    REQUIRE(first["entries"].size() == 500);
    REQUIRE(first["next_before"].is_number());
    CHECK(first["entries"][0]["target"] == "room-600");
    CHECK(first["entries"][0]["id"].is_number());
    const auto second = t.trail("limit=500&action=minutes_read&actor=tom&before=" +
                                std::to_string(first["next_before"].get<long>()));
    REQUIRE(second["entries"].size() == 100);
    CHECK(second["next_before"].is_null());
    CHECK(second["entries"][99]["target"] == "room-1");

    CHECK(t.trail("action=login")["entries"].size() == 5); // Nord's five logins of the setup
    CHECK(t.trail("actor=mira&action=login")["entries"].size() == 1);
    CHECK(t.trail("target=room-7")["entries"].size() == 1);
    CHECK(t.trail("actor=tom&from=2025-01-02&to=2025-01-02")["entries"].size() == 24);
    CHECK(t.trail("limit=1")["entries"].size() == 1);
    for (const auto* bad : {"limit=0", "limit=501", "before=x", "from=gestern"})
        CHECK(api(t.port(), t.who("sina"), "GET", t.nord() + "/audit?" + bad).status == 400);
}

TEST_CASE("user names are plain, the system's own are reserved, and members keep their name") {
    teams t;
    auto* ali = t.who("ali");
    const auto create = [&](const std::string& name) {
        return error_code(api(t.port(), ali, "POST", t.nord() + "/users",
                              {{"username", name},
                               {"display_name", "Neu"},
                               {"password", test_password},
                               {"role", "member"}}));
    };
    CHECK(create("system") == "username_reserved");
    CHECK(create("Anonymous") == "username_reserved");
    CHECK(create("Frau Meier") == "invalid_field");
    CHECK(create("x") == "invalid_field");
    CHECK(create(std::string(61, 'a')) == "invalid_field");
    CHECK(create("neo.b-2_x") == "");
    const auto cli = [&](const std::string& name) {
        return run_command({"/bin/sh", "-c",
                            "printf '%s\\n' \"$0\" | \"$1\" admin create-user \"$2\" --team "
                            "'ASD Nord' --role member --database-url \"$3\"",
                            test_password, server_binary(), name, t.db.url()})
            .status;
    };
    CHECK(cli("admin-cli") != 0);
    CHECK(cli("frau meier") != 0);
    CHECK(cli("ok.name_1") == 0);

    // In a team session the name is the account's, whatever the client sends.
    ws_client moderator(t.port(), t.who("mira")->cookie);
    const auto created = moderator.create("qualitaetszirkel", "NORD-2026-9", "Chefin");
    REQUIRE(created["type"] == "welcome");
    ws_client member(t.port(), t.who("max")->cookie);
    const auto joined = member.join(created["invite_code"], "Frau Meier (Klientin)");
    REQUIRE(joined["type"] == "welcome");
    std::map<std::string, std::string> names;
    for (const auto& p : joined["state"]["participants"])
        names[p["id"]] = p["name"];
    CHECK(names["p1"] == "mira"); // the display name create-user gave the account
    CHECK(names["p2"] == "max");
}
