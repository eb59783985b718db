// Team-made formats (issue #20) against the real server and PostgreSQL: a moderator copies the
// shipped circle through the API, changes it and saves it as new versions; broken documents are
// refused in German words with the field; a session runs on the team's format to approval and
// is found in the archive, keeps the version it ran across a newer one and a restart; another
// team cannot use it; the shipped formats stay as they are.

#include "tests/integration/support/api_client.hpp"
#include "tests/integration/support/live_room.hpp"
#include "tests/integration/support/session_script.hpp"
#include "tests/integration/support/team_server.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <pqxx/pqxx>

using namespace casecircle::testing;
using json = nlohmann::json;

namespace {

// Nord: one person per role and a second member; Süd: a moderator of its own.
struct format_teams : team_server {
    format_teams()
        : team_server({{"mira", "ASD Nord", "moderator"},
                       {"max", "ASD Nord", "member"},
                       {"tom", "ASD Nord", "member"},
                       {"sina", "ASD Nord", "supervisor"},
                       {"ali", "ASD Nord", "team_admin"},
                       {"sven", "ASD Süd", "moderator"}}) {}

    std::string nord(const std::string& rest) {
        return "/api/teams/" + std::to_string(team_of("mira", "ASD Nord")) + "/" + rest;
    }
    std::string sued(const std::string& rest) {
        return "/api/teams/" + std::to_string(team_of("sven", "ASD Süd")) + "/" + rest;
    }
    json get(const std::string& person, const std::string& target) {
        const auto reply = api(port(), who(person), "GET", target);
        INFO(target << " → " << reply.body);
        REQUIRE(reply.status == 200);
        return json::parse(reply.body);
    }
    http_reply save(const std::string& person, const json& document,
                    const json& based_on = nullptr) {
        json body{{"document", document}};
        if (!based_on.is_null()) body["based_on"] = based_on;
        return api(port(), who(person), "POST", nord("formats"), body);
    }
    // Saves and returns the answer, failing the test unless it is stored.
    json saved(const json& document, const json& based_on = nullptr) {
        const auto reply = save("mira", document, based_on);
        INFO(reply.body);
        REQUIRE(reply.status == 201);
        return json::parse(reply.body);
    }
    std::vector<std::string> cookies(std::initializer_list<const char*> names) {
        std::vector<std::string> out;
        for (const auto* name : names)
            out.push_back(who(name)->cookie);
        return out;
    }
};

json error_of(const http_reply& r) {
    return json::parse(r.body)["error"];
}

// The editor's copy: the shipped circle as the API hands it out, renamed and re-timed.
json our_circle(format_teams& t, const std::string& title, int first_budget) {
    auto document = t.get("mira", t.nord("formats/qualitaetszirkel"))["document"];
    document["id"] = "unser_zirkel";
    document["title"]["de"] = title;
    document["steps"][0]["title"]["de"] = "Fall vorstellen";
    document["steps"][0]["budget_minutes"] = first_budget;
    return document;
}

json shipped_file(const std::string& id) {
    std::ifstream file(std::string(CASECIRCLE_SOURCE_DIR) + "/protocol/templates/" + id + ".json");
    REQUIRE(file);
    return json::parse(file);
}

std::string sql_error(const std::string& url, const std::string& statement) {
    try {
        pqxx::connection conn(url);
        pqxx::work tx(conn);
        tx.exec0(statement);
        tx.commit();
        return {};
    } catch (const pqxx::sql_error& e) {
        return e.what();
    }
}

// The format frame a client received on entering, for the steps it shows.
json format_frame(const ws_client& c) {
    for (const auto& frame : c.seen())
        if (frame["type"] == "format") return frame["format"];
    FAIL("no format frame");
    return {};
}

} // namespace

TEST_CASE("a team's format is refused in words when broken and saved as new versions") {
    format_teams t;
    const auto shipped_before = t.get("max", t.nord("formats/qualitaetszirkel"));
    CHECK(shipped_before["shipped"] == true);
    CHECK(shipped_before["document"] == shipped_file("qualitaetszirkel"));

    // Broken documents: the field as a JSON pointer, the place and the problem in German.
    const auto budget = t.save("mira", our_circle(t, "Unser Zirkel", 500), "qualitaetszirkel");
    REQUIRE(budget.status == 400);
    CHECK(error_of(budget)["code"] == "invalid_format");
    CHECK(error_of(budget)["field"] == "/steps/0/budget_minutes");
    CHECK(error_of(budget)["place"] == "Schritt 1, Zeitbudget");
    CHECK(error_of(budget)["message"] ==
          "Schritt 1, Zeitbudget: muss eine ganze Zahl zwischen 1 und 240 sein (ist 500)");
    CHECK(error_of(budget)["message_en"] ==
          "/steps/0/budget_minutes: must be between 1 and 240 (got 500)");

    auto nobody = our_circle(t, "Unser Zirkel", 12);
    nobody["steps"][3]["cards"]["writers"] = "nobody";
    const auto writers = t.save("mira", nobody);
    REQUIRE(writers.status == 400);
    CHECK(error_of(writers)["field"] == "/steps/3/cards/categories");
    CHECK(error_of(writers)["message"] ==
          "Schritt 4, Karten, Kategorien: muss leer sein, wenn niemand Karten schreibt (wer "
          "Karten schreibt: „nobody“)");

    auto untitled = our_circle(t, "Unser Zirkel", 12);
    untitled["steps"][2]["title"]["de"] = " ";
    CHECK(error_of(t.save("mira", untitled))["message"] ==
          "Schritt 3, Titel, deutsch: darf nicht leer sein");

    auto original = our_circle(t, "Unser Zirkel", 12);
    original["id"] = "qualitaetszirkel";
    const auto taken = t.save("mira", original);
    REQUIRE(taken.status == 400);
    CHECK(error_of(taken)["field"] == "/id");
    CHECK_THAT(error_of(taken)["message"].get<std::string>(),
               Catch::Contains("gehört einem mitgelieferten Format"));

    const auto empty = api(t.port(), t.who("mira"), "POST", t.nord("formats"), json::object());
    CHECK(empty.status == 400);
    CHECK(error_of(empty)["field"] == "document");
    const auto unknown_source = t.save("mira", our_circle(t, "Unser Zirkel", 12), "gibt_es_nicht");
    CHECK(error_of(unknown_source)["field"] == "based_on");

    // Who runs sessions decides how they run; nobody else saves one.
    for (const auto* person : {"max", "sina", "ali"})
        CHECK(t.save(person, our_circle(t, "Unser Zirkel", 12)).status == 403);
    CHECK(t.count("SELECT count(*) FROM team_formats") == 0);

    // Version 1, then the editor loads it back, changes it and saves version 2 under its id.
    const auto first = t.saved(our_circle(t, "Unser Zirkel", 12), "qualitaetszirkel");
    const auto id = first["id"].get<std::string>();
    CHECK(id == "team" + std::to_string(t.team_of("mira", "ASD Nord")) + "_unser_zirkel");
    CHECK(first["version"] == 1);
    auto copy = t.get("mira", t.nord("formats/" + id));
    CHECK(copy["version"] == 1);
    CHECK(copy["based_on"] == "qualitaetszirkel");
    CHECK(copy["document"]["steps"][0]["budget_minutes"] == 12);
    auto shorter = copy["document"];
    shorter["title"]["de"] = "Unser Zirkel, kürzer";
    shorter["steps"][8]["budget_minutes"] = 7;
    const auto second = t.saved(shorter);
    CHECK(second["id"] == id);
    CHECK(second["version"] == 2);
    CHECK(second["based_on"] == "qualitaetszirkel");

    const auto listed = t.get("sina", t.nord("formats"))["formats"];
    REQUIRE(listed.size() == 6);
    const auto ours = listed.back();
    CHECK(ours["id"] == id);
    CHECK(ours["shipped"] == false);
    CHECK(ours["version"] == 2);
    CHECK(ours["title"]["de"] == "Unser Zirkel, kürzer");
    CHECK(ours["total_minutes"] == 61 + 2 - 3);
    CHECK(t.count("SELECT count(*) FROM users WHERE username = 'mira' AND display_name = '" +
                  ours["saved_by"].get<std::string>() + "'") == 1);
    for (std::size_t i = 0; i + 1 < listed.size(); ++i)
        CHECK(listed[i]["shipped"] == true);

    // The team admin manages people, not sessions; another team sees neither list nor format.
    CHECK(api(t.port(), t.who("ali"), "GET", t.nord("formats")).status == 403);
    CHECK(api(t.port(), t.who("sven"), "GET", t.nord("formats")).status == 404);
    CHECK(api(t.port(), t.who("sven"), "GET", t.sued("formats/" + id)).status == 404);
    CHECK(t.get("sven", t.sued("formats"))["formats"].size() == 5);

    // The shipped circle is as it was; every save is on the trail; no version can be rewritten.
    CHECK(t.get("max", t.nord("formats/qualitaetszirkel")) == shipped_before);
    CHECK(t.count("SELECT count(*) FROM audit_log WHERE action = 'team_format_saved' AND target "
                  "= '" +
                  id + "'") == 2);
    CHECK_THAT(sql_error(t.db.server_url(), "UPDATE team_formats SET based_on = ''"),
               Catch::Contains("permission denied for table team_formats"));
    CHECK_THAT(sql_error(t.db.server_url(), "DELETE FROM team_formats"),
               Catch::Contains("permission denied for table team_formats"));
}

TEST_CASE("a session on a team's format is approved and found in the archive") {
    format_teams t;
    t.saved(our_circle(t, "Zirkel, erste Fassung", 10), "qualitaetszirkel");
    const auto id = t.saved(our_circle(t, "Unser Zirkel", 12))["id"].get<std::string>();

    session_script script;
    script.format = id;
    script.case_code = "TF-2026-1";
    script.cookies = t.cookies({"mira", "max", "tom"});
    script.deficits = {{"fehlt", "Keine Schuldnerberatung im Stadtteil"}};
    const auto room_id = run_session(t.port(), script);

    const auto found = t.get("sina", t.nord("archive?format=" + id))["entries"];
    REQUIRE(found.size() == 1);
    CHECK(found[0]["room_id"] == room_id);
    CHECK(found[0]["case_code"] == "TF-2026-1");
    CHECK(t.get("sina", t.nord("archive?q=Schuldnerberatung"))["entries"].size() == 1);
    CHECK(t.get("sina", t.nord("archive?format=qualitaetszirkel"))["entries"].empty());

    const auto minutes = t.get("sina", "/api/minutes/" + room_id);
    CHECK(minutes["minutes"]["format"]["id"] == id);
    CHECK(minutes["minutes"]["format"]["version"] == 2);
    CHECK(minutes["minutes"]["format"]["title"]["de"] == "Unser Zirkel");
    CHECK_THAT(minutes["markdown"].get<std::string>(),
               Catch::Contains("# Protokoll: Unser Zirkel") && Catch::Contains("Fall vorstellen"));

    // The deficit analysis reads the team format's gap categories like the circle's.
    const auto deficits = t.get("sina", t.nord("deficits?from=2000-01-01&to=2099-12-31"));
    REQUIRE(deficits["kinds"][0]["category"] == "fehlt");
    REQUIRE(deficits["kinds"][0]["cards"].size() == 1);
    CHECK(deficits["kinds"][0]["cards"][0]["text"] == "Keine Schuldnerberatung im Stadtteil");

    // Another team's moderator cannot open a session with it, nor can anyone with an unknown id.
    ws_client sven(t.port(), t.who("sven")->cookie);
    const auto refused = sven.create(id, "TF-2026-2", "Sven");
    CHECK(refused["type"] == "error");
    CHECK(refused["code"] == "unknown_format");
    ws_client mira(t.port(), t.who("mira")->cookie);
    CHECK(mira.create(id + "_nicht", "TF-2026-3", "Mira")["code"] == "unknown_format");
}

TEST_CASE("a session keeps the team format's version it ran across a newer one and a restart") {
    format_teams t;
    const auto id =
        t.saved(our_circle(t, "Unser Zirkel", 12), "qualitaetszirkel")["id"].get<std::string>();
    std::string token, room_id;
    {
        live_room room(t.port(), 1, 1, "TF-2026-4", t.cookies({"mira", "max", "tom"}), 0, id);
        const auto shown = format_frame(*room.moderator);
        CHECK(shown["format"] == id);
        CHECK(shown["template_version"] == 1);
        CHECK(shown["steps"][0]["title"]["de"] == "Fall vorstellen");
        token = room.tokens[0];
        room_id = room.created["room_id"];
    }
    t.saved(our_circle(t, "Unser Zirkel, neu", 20));
    t.server->kill();
    t.server = std::make_unique<server_process>(t.db.url(),
                                                std::vector<std::string>{"--open-rooms", "no"});

    // Read back from PostgreSQL and folded: the session's own copy, not the team's latest.
    ws_client moderator(t.port(), t.who("mira")->cookie);
    const auto welcome = moderator.resume(token, 0);
    REQUIRE(welcome["type"] == "welcome");
    CHECK(format_frame(moderator)["template_version"] == 1);
    // Fresh ids: the moderator's earlier ones are remembered across the restart.
    REQUIRE(moderator.command_with_id("end-after-restart", "end", json::object())["type"] == "ack");
    REQUIRE(moderator.command_with_id("approve-after-restart", "approve_minutes",
                                      json::object())["type"] == "ack");
    const auto minutes = t.get("sina", "/api/minutes/" + room_id);
    CHECK(minutes["minutes"]["format"]["version"] == 1);
    CHECK(minutes["minutes"]["format"]["title"]["de"] == "Unser Zirkel");
}
