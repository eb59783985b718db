#include "db/archive_queries.hpp"
#include "tests/integration/support/live_room.hpp"
#include "tests/integration/support/server_process.hpp"
#include "tests/integration/support/session_script.hpp"
#include "tests/integration/support/test_database.hpp"

#include <catch2/catch.hpp>
#include <pqxx/pqxx>

using namespace casecircle::testing;
namespace db = casecircle::db;
using json = nlohmann::json;

namespace {

// The error PostgreSQL gives for a statement, or "" when it succeeds.
std::string sql_error(pqxx::connection& conn, const std::string& sql) {
    try {
        pqxx::work tx(conn);
        tx.exec0(sql);
        tx.commit();
        return {};
    } catch (const pqxx::sql_error& e) {
        return e.what();
    }
}

std::size_t count(pqxx::connection& conn, const std::string& sql) {
    pqxx::read_transaction tx(conn);
    return tx.exec1(sql)[0].as<std::size_t>();
}

std::vector<std::string> case_codes(const std::vector<db::archive_entry>& entries) {
    std::vector<std::string> out;
    for (const auto& e : entries)
        out.push_back(e.case_code);
    return out;
}

std::string hits_of(const db::archive_entry& e) {
    std::string hits;
    for (const auto& part : e.snippet)
        if (part.hit) hits += (hits.empty() ? "" : "|") + part.text;
    return hits;
}

} // namespace

TEST_CASE("approving archives the minutes in the same commit, and the database refuses changes") {
    test_database database;
    server_process server(database.url());
    session_script script;
    script.needs = {{"was_taete_gut", "Ein fester Ansprechpartner"}};
    script.deficits = {{"fehlt", "Aufsuchende Schuldnerberatung"}};
    script.closing_remark = "Wiedervorlage wie besprochen.";
    const auto room_id = run_session(server.port(), script);

    pqxx::connection conn(database.url());
    CHECK(count(conn, "SELECT count(*) FROM minutes WHERE room_id = " + conn.quote(room_id)) == 1);
    CHECK(count(conn,
                "SELECT count(*) FROM minutes_cards WHERE room_id = " + conn.quote(room_id)) == 2);
    CHECK(count(conn, "SELECT count(*) FROM rooms WHERE ended_at IS NOT NULL") == 1);

    const auto stored = db::load_minutes(conn, room_id);
    REQUIRE(stored);
    CHECK(stored->content["approved"] == true);
    CHECK(stored->content["closing_remark"] == "Wiedervorlage wie besprochen.");
    CHECK(stored->markdown.find("Freigegeben von Moderatorin M.") != std::string::npos);

    // Locked by the database itself, not by our code.
    const auto id = conn.quote(room_id);
    CHECK_THAT(sql_error(conn, "UPDATE minutes SET markdown = 'gefälscht' WHERE room_id = " + id),
               Catch::Contains("approved minutes are locked"));
    CHECK_THAT(sql_error(conn, "UPDATE minutes_cards SET text = 'x' WHERE room_id = " + id),
               Catch::Contains("approved minutes are locked"));
    CHECK_THAT(sql_error(conn, "DELETE FROM minutes WHERE room_id = " + id),
               Catch::Contains("approved minutes are locked"));
    CHECK_THAT(sql_error(conn, "TRUNCATE minutes CASCADE"),
               Catch::Contains("approved minutes are locked"));
    for (const auto* table : {"minutes_addenda", "minutes_cards"})
        CHECK_THAT(sql_error(conn, std::string("TRUNCATE ") + table),
                   Catch::Contains("approved minutes are locked"));
    // The session's event log is append-only: the record the minutes came from stays as it was.
    CHECK_THAT(sql_error(conn, "UPDATE room_events SET data = '{}' WHERE room_id = " + id),
               Catch::Contains("the event log is append-only"));
    CHECK_THAT(sql_error(conn, "DELETE FROM room_events WHERE room_id = " + id),
               Catch::Contains("the event log is append-only"));
    CHECK_THAT(sql_error(conn, "DELETE FROM rooms WHERE room_id = " + id),
               Catch::Contains("is refused"));
    CHECK_THAT(sql_error(conn, "TRUNCATE room_events CASCADE"),
               Catch::Contains("the event log is append-only"));
    CHECK(db::load_minutes(conn, room_id)->markdown == stored->markdown);

    // A correction is an addendum: signed, dated, and itself unchangeable.
    const auto added =
        db::add_addendum(conn, room_id, "Moderatorin M.", "Der Termin ist der 15., nicht der 5.");
    REQUIRE(added);
    CHECK_FALSE(db::add_addendum(conn, "no-such-room", "X", "Y"));
    const auto corrected = db::load_minutes(conn, room_id);
    REQUIRE(corrected->addenda.size() == 1);
    CHECK(corrected->content["addenda"][0]["author"] == "Moderatorin M.");
    CHECK(corrected->content["addenda"][0]["created_at"].get<std::int64_t>() > 0);
    CHECK(corrected->markdown.find("Der Termin ist der 15., nicht der 5.") != std::string::npos);
    CHECK(corrected->markdown.find("## Nachträge\n\n- Moderatorin M., ") != std::string::npos);
    REQUIRE(db::add_addendum(conn, room_id, "Moderatorin M.", "# keine Überschrift"));
    CHECK(db::load_minutes(conn, room_id)->markdown.find(": \\# keine Überschrift") !=
          std::string::npos); // user text stays text
    CHECK(corrected->content["closing_remark"] == stored->content["closing_remark"]);
    CHECK_THAT(sql_error(conn, "UPDATE minutes_addenda SET text = 'x'"),
               Catch::Contains("approved minutes are locked"));
}

TEST_CASE("an ended room waits for its approval across a restart") {
    test_database database;
    std::string token;
    {
        server_process server(database.url());
        live_room room(server.port(), 1, 1);
        REQUIRE(room.moderator->command("end")["type"] == "ack");
        token = room.tokens[0];
        server.kill();
    }
    server_process server(database.url());
    ws_client moderator(server.port());
    const auto welcome = moderator.resume(token, 0);
    REQUIRE(welcome["type"] == "welcome");
    CHECK(welcome["state"]["ended"] == true);
    // A fresh id: the moderator's earlier "c1" is remembered across the restart.
    REQUIRE(moderator.command_with_id("approve-after-restart", "approve_minutes",
                                      json::object())["type"] == "ack");
    pqxx::connection conn(database.url());
    CHECK(count(conn, "SELECT count(*) FROM minutes") == 1);
}

TEST_CASE("German full-text search finds inflected forms and highlights the passage") {
    test_database database;
    server_process server(database.url());
    session_script debts;
    debts.case_code = "JC-2026-001";
    debts.deficits = {{"fehlt", "Schulden werden nicht bearbeitet"}};
    run_session(server.port(), debts);
    session_script housing;
    housing.case_code = "JC-2026-002";
    housing.question = "Wie sichern wir die Wohnung?";
    housing.decision = "Antrag auf Übernahme der Mietrückstände";
    run_session(server.port(), housing);

    pqxx::connection conn(database.url());
    db::archive_filter f;
    f.text = "Schuld";
    const auto found = db::search_archive(conn, f);
    REQUIRE(case_codes(found) == std::vector<std::string>{"JC-2026-001"});
    CHECK(hits_of(found[0]) == "Schulden");

    f.text = "Wohnungen";
    CHECK(case_codes(db::search_archive(conn, f)) == std::vector<std::string>{"JC-2026-002"});
    f.text = "Mietrückstand";
    CHECK(case_codes(db::search_archive(conn, f)) == std::vector<std::string>{"JC-2026-002"});
    f.text = "Pferd";
    CHECK(db::search_archive(conn, f).empty());

    // Filters without text: by case code, moderator, format and date range.
    db::archive_filter all;
    CHECK(db::search_archive(conn, all).size() == 2);
    all.case_code = "JC-2026-002";
    CHECK(case_codes(db::search_archive(conn, all)) == std::vector<std::string>{"JC-2026-002"});
    db::archive_filter by_moderator;
    by_moderator.moderator = "moderatorin";
    CHECK(db::search_archive(conn, by_moderator).size() == 2);
    db::archive_filter other_format;
    other_format.format = "fallkonferenz";
    CHECK(db::search_archive(conn, other_format).empty());
    // Minutes are dated on the team's (Berlin) day, which may be UTC's tomorrow already.
    db::archive_filter tomorrow;
    tomorrow.from = date_from_today(2);
    CHECK(db::search_archive(conn, tomorrow).empty());
    tomorrow.from = "morgen";
    CHECK_THROWS_AS(db::search_archive(conn, tomorrow), db::invalid_filter);
}

TEST_CASE("case history, due reviews and the deficit analysis come from approved minutes") {
    test_database database;
    server_process server(database.url());
    session_script first;
    first.case_code = "JC-2026-009";
    first.decision = "Erstes Gespräch mit der Schuldnerberatung";
    first.review_date = date_from_today(10);
    first.deficits = {{"fehlt", "Aufsuchende Schuldnerberatung"},
                      {"zu_spaet", "Termin erst nach 10 Wochen"}};
    first.suggestion = "Mehr Zeit für die Beratungsfrage";
    run_session(server.port(), first);
    session_script second = first;
    second.decision = "Begleitung zum Termin";
    second.review_date = date_from_today(90);
    second.deficits = {{"fehlt", "Dolmetscherdienst"},
                       {"kooperation_scheitert", "Jobcenter und Suchtberatung reden nicht"}};
    second.suggestion.clear();
    run_session(server.port(), second);
    session_script unapproved = first;
    unapproved.case_code = "JC-2026-010";
    unapproved.approve = false;
    run_session(server.port(), unapproved);

    pqxx::connection conn(database.url());
    const auto history = db::case_history(conn, "JC-2026-009");
    REQUIRE(history.size() == 2);
    CHECK(history[0].decision == "Erstes Gespräch mit der Schuldnerberatung");
    CHECK(history[1].decision == "Begleitung zum Termin");
    CHECK(db::case_history(conn, "JC-2026-010").empty()); // not approved, not archived

    const auto due = db::reviews_due(conn, date_from_today(60));
    REQUIRE(due.size() == 1);
    CHECK(due[0].review_date == date_from_today(10));
    CHECK(due[0].decision == "Erstes Gespräch mit der Schuldnerberatung");
    CHECK(db::reviews_due(conn, date_from_today(120)).size() == 2);

    const auto report = db::deficits(conn, date_from_today(-1), date_from_today(1));
    REQUIRE(report.kinds.size() == 4);
    std::map<std::string, std::size_t> counts;
    for (const auto& kind : report.kinds)
        counts[kind.category] = kind.cards.size();
    CHECK(counts ==
          std::map<std::string, std::size_t>{
              {"fehlt", 2}, {"unzureichend", 0}, {"zu_spaet", 1}, {"kooperation_scheitert", 1}});
    CHECK(report.kinds[0].cards[0].text == "Aufsuchende Schuldnerberatung");
    REQUIRE(report.suggestions.size() == 1);
    CHECK(report.suggestions[0].text == "Mehr Zeit für die Beratungsfrage");
    // After the team's (Berlin) day of the sessions, which may be UTC's tomorrow.
    CHECK(db::deficits(conn, date_from_today(2), date_from_today(3)).kinds[0].cards.empty());
}
