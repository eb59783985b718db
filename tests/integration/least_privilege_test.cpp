// The database as the last line of defence (issue #16): connected as the server's own role, every
// way an attacker with the server's credentials tried to change the record is refused by
// PostgreSQL itself, and the server will not start with more rights than it needs.
#include "tests/integration/support/child_process.hpp"
#include "tests/integration/support/server_process.hpp"
#include "tests/integration/support/session_script.hpp"
#include "tests/integration/support/test_database.hpp"

#include <catch2/catch.hpp>
#include <pqxx/pqxx>

using namespace casecircle::testing;

namespace {

// The error PostgreSQL gives for the statements (one transaction), or "" when they succeed.
std::string sql_error(const std::string& url, const std::vector<std::string>& statements) {
    try {
        pqxx::connection conn(url);
        pqxx::work tx(conn);
        for (const auto& sql : statements)
            tx.exec0(sql);
        tx.commit();
        return {};
    } catch (const pqxx::sql_error& e) {
        return e.what();
    }
}

std::string sql_error(const std::string& url, const std::string& statement) {
    return sql_error(url, std::vector<std::string>{statement});
}

std::string value(const std::string& url, const std::string& query) {
    pqxx::connection conn(url);
    pqxx::read_transaction tx(conn);
    return tx.exec1(query)[0].c_str();
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("connected as the server's own role, every bypass of the locks is refused by "
          "PostgreSQL") {
    test_database db;
    std::string room_id;
    {
        server_process server(db.url());
        session_script script;
        script.closing_remark = "Die Familie nimmt die Schuldnerberatung an.";
        room_id = run_session(server.port(), script);
    }
    const auto as_server = db.server_url();
    const auto id = pqxx::connection(db.url()).quote(room_id);
    REQUIRE(sql_error(as_server, "INSERT INTO minutes_addenda (room_id, author, text) VALUES (" +
                                     id + ", 'Moderatorin M.', 'Nachtrag')") == "");
    const auto minutes_before = value(db.url(), "SELECT md5(minutes::text) FROM minutes");
    const auto events_before = value(db.url(), "SELECT md5(string_agg(r::text, '|' ORDER BY seq)) "
                                               "FROM room_events r");
    const auto audit_before = value(db.url(), "SELECT count(*) FROM audit_log");

    SECTION("the retention setting no longer opens the lock, and DELETE is not granted") {
        const auto error = sql_error(
            as_server, {"SET LOCAL casecircle.retention_delete = 'on'",
                        "DELETE FROM minutes_cards WHERE room_id = " + id,
                        "DELETE FROM minutes WHERE room_id = " + id,
                        "INSERT INTO minutes SELECT * FROM minutes WHERE room_id = " + id});
        CHECK(contains(error, "permission denied for table minutes_cards"));
        CHECK(contains(sql_error(as_server, "UPDATE minutes SET markdown = 'gefälscht'"),
                       "permission denied for table minutes"));
    }
    SECTION("the audit log's trigger cannot be turned off, nor its rows deleted") {
        CHECK(contains(
            sql_error(as_server, "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"),
            "must be owner of table audit_log"));
        CHECK(contains(sql_error(as_server, "DROP TRIGGER audit_log_append_only ON audit_log"),
                       "must be owner of"));
        CHECK(contains(sql_error(as_server, "DELETE FROM audit_log"),
                       "permission denied for table audit_log"));
        CHECK(contains(sql_error(as_server, "CREATE OR REPLACE FUNCTION refuse_audit_change() "
                                            "RETURNS trigger LANGUAGE plpgsql AS "
                                            "'BEGIN RETURN OLD; END'"),
                       "permission denied for schema public"));
    }
    SECTION("no locked table can be truncated, not even by its owner") {
        for (const auto* table :
             {"minutes_addenda", "minutes_cards", "minutes", "room_events", "audit_log", "rooms"}) {
            INFO(table);
            CHECK(contains(sql_error(as_server, std::string("TRUNCATE ") + table + " CASCADE"),
                           "permission denied for table"));
            CHECK(contains(sql_error(db.owner_url(), std::string("TRUNCATE ") + table + " CASCADE"),
                           "refused"));
        }
    }
    SECTION("session_replication_role, which turns every trigger off, is for superusers only") {
        CHECK(contains(sql_error(as_server, "SET session_replication_role = replica"),
                       "permission denied to set parameter"));
    }
    SECTION("the event log of an approved session neither changes nor grows") {
        CHECK(contains(
            sql_error(as_server, "UPDATE room_events SET data = '{}' WHERE room_id = " + id),
            "permission denied for table room_events"));
        CHECK(contains(sql_error(as_server, "DELETE FROM room_events WHERE room_id = " + id),
                       "permission denied for table room_events"));
        CHECK(contains(
            sql_error(as_server, "INSERT INTO room_events (room_id, seq, at_ms, actor, type, data) "
                                 "SELECT room_id, seq + 1000, at_ms, actor, type, data "
                                 "FROM room_events WHERE room_id = " +
                                     id),
            "the session is closed"));
        // The server may close a room; a closed one stays closed.
        CHECK(contains(sql_error(as_server, "UPDATE rooms SET closed_at = NULL, closed_as = NULL "
                                            "WHERE room_id = " +
                                                id),
                       "the session is closed"));
    }
    SECTION("no DDL, no other role") {
        CHECK(contains(sql_error(as_server, "CREATE TABLE schatten (id int)"),
                       "permission denied for schema public"));
        CHECK(contains(sql_error(as_server, "ALTER TABLE minutes ADD COLUMN x int"),
                       "must be owner of table minutes"));
        CHECK(contains(sql_error(as_server, "DROP TABLE minutes_addenda"), "must be owner of"));
        CHECK(contains(sql_error(as_server, "SET ROLE casecircle_owner"), "permission denied"));
        CHECK(contains(sql_error(as_server, "SET ROLE casecircle_retention"), "permission denied"));
        CHECK(contains(sql_error(as_server, "CREATE TEMP TABLE t (id int)"), "permission denied"));
        // Trusted extensions (btree_gin, migration 011) need CREATE on the database: the owner's.
        CHECK(contains(sql_error(as_server, "CREATE EXTENSION pg_trgm"),
                       "permission denied to create extension"));
        CHECK(contains(sql_error(as_server, "DROP EXTENSION btree_gin"), "must be owner of"));
    }
    SECTION("the retention function deletes only what has expired, whatever it is asked") {
        CHECK(value(as_server, "SELECT count(*) FROM delete_expired_sessions(0, 'angreifer')") ==
              "0");
        // The shortest period a team can set is one day.
        CHECK(contains(sql_error(as_server, "INSERT INTO teams (name, retention_days) "
                                            "VALUES ('Angriff', 0)"),
                       "violates check constraint"));
    }
    CHECK(value(db.url(), "SELECT md5(minutes::text) FROM minutes") == minutes_before);
    CHECK(value(db.url(), "SELECT md5(string_agg(r::text, '|' ORDER BY seq)) FROM room_events r") ==
          events_before);
    CHECK(value(db.url(), "SELECT count(*) FROM audit_log") == audit_before);
    CHECK(value(db.url(), "SELECT count(*) FROM minutes_addenda") == "1");
}

TEST_CASE("the server refuses to start as a superuser or as the owner, and without its "
          "migrations") {
    test_database db;
    const auto start = [&](const std::string& url, std::vector<std::string> more = {}) {
        std::vector<std::string> argv = {server_binary(), "--port", "0", "--database-url", url};
        argv.insert(argv.end(), more.begin(), more.end());
        return run_command(argv);
    };
    const auto superuser = start(db.url());
    CHECK(superuser.status == 2);
    CHECK(contains(superuser.output, "the role casecircle is a superuser"));
    CHECK(contains(superuser.output, "--allow-privileged-database-role"));
    const auto owner = start(db.owner_url());
    CHECK(owner.status == 2);
    CHECK(contains(owner.output, "the role casecircle_owner owns the database"));
    const auto behind = start(db.server_url());
    CHECK(behind.status == 2);
    CHECK(contains(behind.output, "lacks the migrations 001_event_log.sql"));
    CHECK(contains(behind.output, "--owner-database-url"));

    // Development: told so, the one role migrates and serves as before.
    child_process dev({server_binary(), "--port", "0", "--database-url", db.url(),
                       "--allow-privileged-database-role", "yes"});
    CHECK(dev.wait_for_line(
        [](const std::string& line) { return line.find("listening on") != std::string::npos; }));
}

TEST_CASE("the test cluster, like production, wants a password for every role") {
    test_database db;
    for (const auto& url : {db.url(), db.server_url(), db.owner_url()}) {
        INFO(url);
        CHECK_THROWS_WITH(pqxx::connection(url + "?passfile=/dev/null"),
                          Catch::Contains("no password supplied"));
    }
}
