#include "db/archive_queries.hpp"
#include "tests/integration/support/api_client.hpp"
#include "tests/integration/support/server_process.hpp"
#include "tests/integration/support/session_script.hpp"
#include "tests/integration/support/team_server.hpp"
#include "tests/integration/support/test_database.hpp"

#include <catch2/catch.hpp>
#include <pqxx/pqxx>

#include <algorithm>

using namespace casecircle::testing;
namespace db = casecircle::db;
using json = nlohmann::json;

namespace {

std::vector<std::string> found_cases(pqxx::connection& conn, const std::string& text,
                                     bool compound_parts = true) {
    db::archive_filter f;
    f.text = text;
    f.compound_parts = compound_parts;
    std::vector<std::string> out;
    for (const auto& e : db::search_archive(conn, f))
        out.push_back(e.case_code);
    std::sort(out.begin(), out.end());
    return out;
}

// The highlighted words of the one session of `case_code` the search finds.
std::string hits_in(pqxx::connection& conn, const std::string& text, const std::string& case_code) {
    db::archive_filter f;
    f.text = text;
    f.case_code = case_code;
    const auto found = db::search_archive(conn, f);
    REQUIRE(found.size() == 1);
    std::string hits;
    for (const auto& part : found[0].snippet)
        if (part.hit) hits += (hits.empty() ? "" : "|") + part.text;
    return hits;
}

// The marked words of an entry of the API's answer, "|" between them.
std::string marked(const json& entry) {
    std::string hits;
    for (const auto& part : entry["snippet"])
        if (part["hit"] == true)
            hits += (hits.empty() ? "" : "|") + part["text"].get<std::string>();
    return hits;
}

using cases = std::vector<std::string>;

} // namespace

TEST_CASE("parts of German compounds find the whole word with the hit marked; look-alikes do not") {
    test_database database;
    server_process server(database.url());
    session_script debts;
    debts.case_code = "JC-1";
    debts.deficits = {{"fehlt", "Aufsuchende Schuldnerberatung fehlt"}};
    run_session(server.port(), debts);
    session_script addiction;
    addiction.case_code = "JC-2";
    addiction.needs = {{"was_taete_gut", "Die Suchtberatung hilft sehr"}};
    run_session(server.port(), addiction);
    // Every word here contains "such" or even "sucht" – none is the addiction (Sucht).
    session_script visit;
    visit.case_code = "JC-3";
    visit.needs = {{"was_taete_gut", "Der Besuch ist versucht, die Familie wurde besucht"}};
    visit.deficits = {{"fehlt", "Kein Hausbesuchtermin, die Schulden wachsen"}};
    run_session(server.port(), visit);

    pqxx::connection conn(database.url());
    // The three examples: the end, and the start of a compound.
    CHECK(found_cases(conn, "Beratung") == cases{"JC-1", "JC-2"});
    CHECK(found_cases(conn, "Sucht") == cases{"JC-2"});
    CHECK(found_cases(conn, "Schuldner") == cases{"JC-1"});
    CHECK(hits_in(conn, "Beratung", "JC-1") == "Schuldnerberatung");
    CHECK(hits_in(conn, "Beratung", "JC-2") == "Suchtberatung");
    CHECK(hits_in(conn, "Sucht", "JC-2") == "Suchtberatung");
    CHECK(hits_in(conn, "Schuldner", "JC-1") == "Schuldnerberatung");
    // Without the parts, the full-text search alone found none of them.
    CHECK(found_cases(conn, "Beratung", false).empty());
    CHECK(found_cases(conn, "Sucht", false).empty());

    // Stemming still holds, and both rules together: Schulden, and Schuldnerberatung by its start.
    CHECK(found_cases(conn, "Schuld") == cases{"JC-1", "JC-3"});
    CHECK(hits_in(conn, "Schuld", "JC-3") == "Schulden");
    // A word in the middle of a compound, or behind fewer than 4 letters, is not a part:
    // "Besuch" is in "Hausbesuchtermin", but "Sucht" is not ("besucht", "versucht").
    CHECK(found_cases(conn, "Besuch") == cases{"JC-3"});
    // An excluded word excludes its compounds too; a phrase stays exact.
    CHECK(found_cases(conn, "Beratung -Sucht") == cases{"JC-1"});
    CHECK(found_cases(conn, "\"die Beratung\"").empty());
    // Parts of fewer than 4 letters are not looked for: "Rat" is not the end of "Schuldnerberat"
    // (the stem of Schuldnerberatung), as "Amt" would be the end of "insgesamt".
    CHECK(found_cases(conn, "Rat").empty());
}

TEST_CASE("the archive API marks a compound's hit in the passage it sends") {
    team_server t({{"mira", "ASD Nord", "moderator"},
                   {"max", "ASD Nord", "member"},
                   {"tom", "ASD Nord", "member"}});
    session_script script;
    script.case_code = "NORD-2026-7";
    script.needs = {{"was_taete_gut", "Die Suchtberatung hilft sehr"}};
    script.deficits = {{"fehlt", "Der Besuch wurde nur versucht"}};
    script.cookies = {t.who("mira")->cookie, t.who("max")->cookie, t.who("tom")->cookie};
    run_session(t.port(), script);
    const auto archive = "/api/teams/" + std::to_string(t.team_of("max", "ASD Nord")) + "/archive";

    const auto found = api(t.port(), t.who("max"), "GET", archive + "?q=Beratung");
    REQUIRE(found.status == 200);
    const auto entries = json::parse(found.body)["entries"];
    REQUIRE(entries.size() == 1);
    CHECK(marked(entries[0]) == "Suchtberatung");
    std::string passage;
    for (const auto& part : entries[0]["snippet"])
        passage += part["text"].get<std::string>();
    CHECK_THAT(passage, Catch::Contains("Die Suchtberatung hilft sehr"));
    // "versucht" and "Besuch" hold "such" and "sucht", but not the part "Sucht": only the
    // Suchtberatung is marked.
    const auto sucht = json::parse(api(t.port(), t.who("max"), "GET", archive + "?q=Sucht").body);
    REQUIRE(sucht["entries"].size() == 1);
    CHECK(marked(sucht["entries"][0]) == "Suchtberatung");
    CHECK(json::parse(api(t.port(), t.who("max"), "GET", archive + "?q=Schuldner").body)["entries"]
              .empty());
    // The query is decoded: escapes, and "+" for a space, as a browser sends them.
    const auto escaped =
        json::parse(api(t.port(), t.who("max"), "GET", archive + "?q=Sucht%62eratung+hilft").body);
    REQUIRE(escaped["entries"].size() == 1);
    CHECK(marked(escaped["entries"][0]) == "Suchtberatung|hilft");
}
