// The retention job (`casecircle admin retention`) and its dry run (GET
// /api/teams/{team}/retention) against a real server and PostgreSQL: which sessions go when, and
// that nothing else goes.
#include "tests/integration/support/accounts.hpp"
#include "tests/integration/support/api_client.hpp"
#include "tests/integration/support/child_process.hpp"
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

// Team Nord with a moderator, a member and a team admin; open rooms (training) allowed too.
struct retention_team : team_server {
    retention_team()
        : team_server({{"mira", "ASD Nord", "moderator"},
                       {"max", "ASD Nord", "member"},
                       {"ali", "ASD Nord", "team_admin"}},
                      {"--open-rooms", "yes"}) {}
    std::int64_t nord() const { return team_of("mira", "ASD Nord"); }
};

// A session over the wire: Mira moderates (in Nord, or in an open room without login), Max
// presents; not started yet.
struct session {
    std::unique_ptr<ws_client> moderator;
    std::unique_ptr<ws_client> presenter;
    std::string room_id;

    session(retention_team& t, const std::string& case_code, bool open_room = false)
        : moderator(std::make_unique<ws_client>(t.port(), open_room ? "" : t.who("mira")->cookie)),
          presenter(std::make_unique<ws_client>(t.port(), open_room ? "" : t.who("max")->cookie)) {
        json create = {{"type", "create"},
                       {"format", "qualitaetszirkel"},
                       {"case_code", case_code},
                       {"name", "Mira"}};
        if (!open_room) create["team_id"] = t.nord();
        moderator->send(create);
        const auto created = moderator->wait_entry();
        INFO(created.dump());
        REQUIRE(created["type"] == "welcome");
        room_id = created["room_id"];
        REQUIRE(presenter->join(created["invite_code"], "Max")["type"] == "welcome");
        REQUIRE(moderator->command("assign_role", {{"participant_id", "p2"},
                                                   {"role", "presenter"}})["type"] == "ack");
    }
    void ok(const std::string& type, const json& fields = json::object()) {
        INFO(type);
        REQUIRE(moderator->command(type, fields)["type"] == "ack");
    }
    void approve() {
        ok("start");
        ok("end");
        ok("approve_minutes", {{"closing_remark", "Die Schulden der Familie sind geklärt."}});
    }
    void discard() {
        ok("start");
        ok("end");
        ok("discard_minutes", {{"reason", "Probelauf"}});
    }
};

int rows(pqxx::transaction_base& tx, const std::string& table, const std::string& room) {
    return tx.exec1("SELECT count(*) FROM " + table + " WHERE room_id = " + tx.quote(room))[0]
        .as<int>();
}

// Time travel for the test only: as the superuser, past the triggers that lock approved
// minutes and closed rooms for everyone else.
void set_back(pqxx::connection& conn, const std::string& room, const std::string& column,
              const std::string& age) {
    pqxx::work tx(conn);
    const auto table = column == "approved_at" ? "minutes" : "rooms";
    tx.exec0("SET LOCAL session_replication_role = replica");
    tx.exec0(std::string("UPDATE ") + table + " SET " + column + " = now() - interval " +
             tx.quote(age) + " WHERE room_id = " + tx.quote(room));
    tx.commit();
}

const std::vector<std::string> every_table = {
    "rooms",   "room_members",  "room_events",     "room_rejections",
    "minutes", "minutes_cards", "minutes_addenda", "guest_invitations"};

} // namespace

TEST_CASE("retention deletes every trace of an expired session and nothing else") {
    retention_team t;
    session old_session(t, "NORD-2026-1");
    old_session.approve();
    session kept_session(t, "NORD-2026-2");
    kept_session.approve();
    pqxx::connection conn(t.db.url());
    set_back(conn, old_session.room_id, "approved_at", "40 days");
    const auto nord = std::to_string(t.nord());
    CHECK(api(t.port(), t.who("max"), "POST", "/api/teams/" + nord + "/retention", {{"days", 30}})
              .status == 403);
    REQUIRE(api(t.port(), t.who("ali"), "POST", "/api/teams/" + nord + "/retention", {{"days", 30}})
                .status == 200);
    const auto dry =
        json::parse(api(t.port(), t.who("ali"), "GET", "/api/teams/" + nord + "/retention").body);
    REQUIRE(dry["would_delete"].size() == 1);
    CHECK(dry["would_delete"][0]["room_id"] == old_session.room_id);
    CHECK(dry["would_delete"][0]["kind"] == "approved");

    const auto run =
        run_command({server_binary(), "admin", "retention", "--database-url", t.db.server_url()});
    INFO(run.output);
    REQUIRE(run.status == 0);
    CHECK_THAT(run.output, Catch::Contains("1 session(s) deleted"));

    pqxx::read_transaction tx(conn);
    for (const auto& table : every_table) {
        INFO(table);
        CHECK(rows(tx, table, old_session.room_id) == 0);
        if (table != "minutes_addenda" && table != "guest_invitations" &&
            table != "minutes_cards" && table != "room_rejections")
            CHECK(rows(tx, table, kept_session.room_id) > 0);
    }
    CHECK(tx.exec1("SELECT count(*) FROM audit_log WHERE action = 'session_deleted' AND target = " +
                   tx.quote(old_session.room_id))[0]
              .as<int>() == 1);
}

TEST_CASE("retention: each kind of session goes at the end of its own period, audited by kind") {
    retention_team t;
    const auto nord = std::to_string(t.nord());
    REQUIRE(api(t.port(), t.who("ali"), "POST", "/api/teams/" + nord + "/retention", {{"days", 30}})
                .status == 200);
    pqxx::connection conn(t.db.url());

    // Each kind once just outside its period (goes) and once just inside (stays).
    std::map<std::string, std::string> going, staying; // room id → kind
    const auto just_outside_and_inside = [&](const char* outside, const char* inside) {
        return std::vector<std::pair<std::string, std::map<std::string, std::string>*>>{
            {outside, &going}, {inside, &staying}};
    };
    std::vector<std::unique_ptr<session>> sessions;
    const auto make = [&](const std::string& case_code, bool open_room = false) -> session& {
        sessions.push_back(std::make_unique<session>(t, case_code, open_room));
        return *sessions.back();
    };

    for (const auto& [age, out] : just_outside_and_inside("30 days 1 hour", "29 days 23 hours")) {
        auto& approved = make("NORD-2026-11");
        approved.approve();
        set_back(conn, approved.room_id, "approved_at", age);
        (*out)[approved.room_id] = "approved";

        // Never approved: one ended and waiting for its minutes, one never started, with a
        // refused command and a guest link among its traces.
        auto& ended = make("NORD-2026-12");
        ended.ok("start");
        ended.ok("end");
        set_back(conn, ended.room_id, "created_at", age);
        (*out)[ended.room_id] = "unapproved";
        auto& waiting = make("NORD-2026-13");
        CHECK(waiting.presenter->command("start")["type"] == "rejected");
        REQUIRE(api(t.port(), t.who("mira"), "POST",
                    "/api/rooms/" + waiting.room_id + "/guest-invitations")
                    .status == 201);
        set_back(conn, waiting.room_id, "created_at", age);
        (*out)[waiting.room_id] = "unapproved";
    }
    for (const auto& [age, out] :
         just_outside_and_inside("24 hours 5 minutes", "23 hours 55 minutes")) {
        auto& cancelled = make("NORD-2026-14");
        cancelled.ok("cancel_session", {{"reason", "no_case"}});
        set_back(conn, cancelled.room_id, "closed_at", age);
        // The grace counts from the closing, not from the creation.
        set_back(conn, cancelled.room_id, "created_at", "40 days");
        (*out)[cancelled.room_id] = "cancelled";

        auto& discarded = make("NORD-2026-15");
        discarded.discard();
        set_back(conn, discarded.room_id, "closed_at", age);
        (*out)[discarded.room_id] = "discarded";

        auto& training = make("UEBUNG-2026-1", true);
        training.ok("start");
        set_back(conn, training.room_id, "created_at", age);
        (*out)[training.room_id] = "open";
    }
    {
        pqxx::read_transaction tx(conn);
        CHECK(tx.exec1("SELECT count(*) FROM session_closures")[0].as<int>() == 4);
        CHECK(tx.exec1("SELECT count(*) FROM room_rejections")[0].as<int>() == 2);
        CHECK(tx.exec1("SELECT count(*) FROM guest_invitations")[0].as<int>() == 2);
        for (const auto& [room, kind] : going) {
            INFO(kind);
            CHECK(rows(tx, "room_events", room) > 0);
        }
    }

    // The team admin's dry run: the team's expired sessions with their kind, no open rooms.
    const auto dry =
        json::parse(api(t.port(), t.who("ali"), "GET", "/api/teams/" + nord + "/retention").body);
    std::map<std::string, std::string> listed;
    for (const auto& s : dry["would_delete"])
        listed[s["room_id"].get<std::string>()] = s["kind"].get<std::string>();
    auto team_going = going;
    std::erase_if(team_going, [](const auto& entry) { return entry.second == "open"; });
    CHECK(listed == team_going);

    // The operator's dry run, with a shorter grace: the staying cancelled and discarded sessions
    // would go too. Nothing is deleted.
    const auto bad = run_command({server_binary(), "admin", "retention", "--dry-run",
                                  "--closed-grace-hours", "zwei", "--database-url", t.db.url()});
    CHECK(bad.status == 2);
    const auto cli_dry = run_command({server_binary(), "admin", "retention", "--dry-run",
                                      "--closed-grace-hours", "23", "--database-url", t.db.url()});
    INFO(cli_dry.output);
    REQUIRE(cli_dry.status == 0);
    CHECK_THAT(cli_dry.output,
               Catch::Contains(std::to_string(going.size() + 2) + " session(s) would be deleted"));
    for (const auto& [room, kind] : going)
        CHECK_THAT(cli_dry.output, Catch::Contains("would delete " + room + " (" + kind + ", "));

    // The real run with the default grace of 24 hours.
    const auto run =
        run_command({server_binary(), "admin", "retention", "--database-url", t.db.server_url()});
    INFO(run.output);
    REQUIRE(run.status == 0);
    CHECK_THAT(run.output, Catch::Contains(std::to_string(going.size()) + " session(s) deleted"));

    pqxx::read_transaction tx(conn);
    for (const auto& [room, kind] : going) {
        INFO(kind << " " << room);
        for (const auto& table : every_table) {
            INFO(table);
            CHECK(rows(tx, table, room) == 0);
        }
        const auto audit = tx.exec_params(
            "SELECT team_id, detail->>'kind' FROM audit_log "
            "WHERE action = 'session_deleted' AND actor = 'admin-cli' AND target = $1",
            room);
        REQUIRE(audit.size() == 1);
        CHECK(audit[0][1].as<std::string>() == kind);
        if (kind == "open")
            CHECK(audit[0][0].is_null());
        else
            CHECK(audit[0][0].as<std::int64_t>() == t.nord());
    }
    for (const auto& [room, kind] : staying) {
        INFO(kind << " " << room);
        CHECK(rows(tx, "rooms", room) == 1);
        CHECK(rows(tx, "room_events", room) > 0);
        CHECK(rows(tx, "room_members", room) > 0);
        if (kind == "approved") CHECK(rows(tx, "minutes", room) == 1);
    }
    CHECK(
        tx.exec1("SELECT count(*) FROM audit_log WHERE action = 'session_deleted'")[0].as<int>() ==
        static_cast<int>(going.size()));
    // The statistics keep every cancelled and discarded session.
    CHECK(tx.exec1("SELECT count(*) FROM session_closures")[0].as<int>() == 4);
    CHECK(tx.exec1("SELECT count(*) FROM rooms")[0].as<int>() == static_cast<int>(staying.size()));
}
