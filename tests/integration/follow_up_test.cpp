#include "tests/integration/support/accounts.hpp"
#include "tests/integration/support/http_client.hpp"
#include "tests/integration/support/live_room.hpp"
#include "tests/integration/support/server_process.hpp"
#include "tests/integration/support/session_script.hpp"
#include "tests/integration/support/test_database.hpp"

#include <catch2/catch.hpp>
#include <map>

using namespace casecircle::testing;
using json = nlohmann::json;

namespace {

// Team Nord holds the case; Sven moderates in Süd and must never see Nord's record of it.
struct case_team {
    test_database db;
    std::unique_ptr<server_process> server;
    std::map<std::string, logged_in> people;

    case_team() {
        for (const auto& [user, team, role] :
             std::vector<std::tuple<std::string, std::string, std::string>>{
                 {"mira", "ASD Nord", "moderator"},
                 {"max", "ASD Nord", "member"},
                 {"tom", "ASD Nord", "member"},
                 {"sina", "ASD Nord", "supervisor"},
                 {"sven", "ASD Süd", "moderator"},
                 {"suse", "ASD Süd", "member"},
                 {"sam", "ASD Süd", "member"}})
            create_user(db.url(), user, team, role);
        server = std::make_unique<server_process>(db.url(),
                                                  std::vector<std::string>{"--open-rooms", "no"});
        for (const auto* user : {"mira", "max", "tom", "sina", "sven", "suse", "sam"})
            people[user] = log_in(port(), user);
    }
    std::uint16_t port() const { return server->port(); }
    std::vector<std::string> cookies(std::initializer_list<const char*> users) const {
        std::vector<std::string> out;
        for (const auto* user : users)
            out.push_back(people.at(user).cookie);
        return out;
    }
    std::vector<std::string> nord_cookies() const { return cookies({"mira", "max", "tom"}); }
    // What the supervisor reads through the API.
    json get(const std::string& target) const {
        const auto reply =
            http_request(port(), "GET", target, "", {{"Cookie", people.at("sina").cookie}});
        INFO(target << " → " << reply.status << " " << reply.body);
        REQUIRE(reply.status == 200);
        return json::parse(reply.body);
    }
    json read(const std::string& path) const {
        return get("/api/teams/" + std::to_string(people.at("sina").team("ASD Nord")) + path);
    }
};

std::vector<std::string> review_rooms(const json& answer) {
    std::vector<std::string> rooms;
    for (const auto& r : answer["reviews"])
        rooms.push_back(r["room_id"]);
    return rooms;
}

} // namespace

TEST_CASE("a known case starts from its last decision, and what came of it is recorded") {
    case_team t;
    session_script first;
    first.case_code = "NORD-2026-7";
    first.cookies = t.nord_cookies();
    first.decision = "Antrag auf Übernahme der Mietschulden stellen";
    first.review_date = date_from_today(5);
    const auto first_room = run_session(t.port(), first);
    const auto due_soon = "/reviews?until=" + date_from_today(10);
    CHECK(review_rooms(t.read(due_soon)) == std::vector<std::string>{first_room});

    {
        // Opening the case again shows the last decision before anything else happens.
        live_room again(t.port(), 1, 0, "NORD-2026-7", t.nord_cookies());
        const auto& previous = again.created["state"]["previous_session"];
        INFO(previous.dump());
        CHECK(previous["previous_session_id"] == first_room);
        CHECK(previous["decision"] == "Antrag auf Übernahme der Mietschulden stellen");
        CHECK(previous["review_date"] == date_from_today(5));
        CHECK(previous["question"] == first.question);
        CHECK(previous["prognosis_distribution"] == json{0, 0, 0, 1, 0}); // one colleague: 4
        CHECK(previous["outcome"].is_null());
        CHECK(again.participants[0]->command("record_outcome", {{"outcome", "done"}})["code"] ==
              "role_forbidden");
        CHECK(again.presenter->command("record_outcome", {{"outcome", "erledigt"}})["code"] ==
              "invalid_field");
    } // left unapproved: not archived, and not what the next session starts from

    session_script second = first;
    second.decision = "Bescheid abwarten, dann Umzug planen";
    second.review_date = date_from_today(40);
    second.outcome = "partly";
    second.outcome_note = "Antrag gestellt, Bescheid steht aus";
    const auto second_room = run_session(t.port(), second);

    const auto history = t.read("/cases/NORD-2026-7")["entries"];
    REQUIRE(history.size() == 2);
    CHECK(history[0]["room_id"] == first_room);
    CHECK(history[0]["outcome"] == "");
    CHECK(history[1]["room_id"] == second_room);
    CHECK(history[1]["outcome"] == "partly");
    CHECK(history[1]["outcome_note"] == "Antrag gestellt, Bescheid steht aus");

    // The follow-up closes the first review date; its own stays open.
    CHECK(t.read(due_soon)["reviews"].empty());
    CHECK(review_rooms(t.read("/reviews?until=" + date_from_today(50))) ==
          std::vector<std::string>{second_room});

    const auto outcomes =
        t.read("/outcomes?from=" + date_from_today(-1) + "&to=" + date_from_today(1))["outcomes"];
    REQUIRE(outcomes.size() == 1);
    CHECK(outcomes[0]["room_id"] == first_room);
    CHECK(outcomes[0]["case_code"] == "NORD-2026-7");
    CHECK(outcomes[0]["decision"] == "Antrag auf Übernahme der Mietschulden stellen");
    CHECK(outcomes[0]["prognosis"] == json{0, 0, 0, 1, 0});
    CHECK(outcomes[0]["outcome"] == "partly");
    CHECK(outcomes[0]["follow_up_room_id"] == second_room);
    // After the team's (Berlin) day of the sessions, which may be UTC's tomorrow.
    CHECK(t.read("/outcomes?from=" + date_from_today(2) + "&to=" + date_from_today(3))["outcomes"]
              .empty());

    const auto minutes = t.get("/api/minutes/" + second_room);
    CHECK_THAT(minutes["markdown"].get<std::string>(),
               Catch::Contains("**Was daraus wurde:** teilweise umgesetzt – Antrag gestellt, "
                               "Bescheid steht aus"));

    // The third session starts from the second one's decision.
    live_room third(t.port(), 1, 0, "NORD-2026-7", t.nord_cookies());
    CHECK(third.created["state"]["previous_session"]["previous_session_id"] == second_room);
}

TEST_CASE("a new case, and another team's case of the same code, start afresh") {
    case_team t;
    session_script held;
    held.case_code = "NORD-2026-8";
    held.cookies = t.nord_cookies();
    run_session(t.port(), held);

    live_room other_case(t.port(), 1, 0, "NORD-2026-9", t.nord_cookies());
    CHECK(other_case.created["state"]["previous_session"].is_null());
    live_room other_team(t.port(), 1, 0, "NORD-2026-8", t.cookies({"sven", "suse", "sam"}));
    CHECK(other_team.created["state"]["previous_session"].is_null());
    CHECK(other_team.presenter->command("record_outcome", {{"outcome", "done"}})["code"] ==
          "no_previous_session");
}

TEST_CASE("one case, one code: another spelling of the case code brings the decision back and "
          "the history and the archive's filter find every session") {
    case_team t;
    session_script first;
    first.case_code = "fall-2026-17";
    first.cookies = t.nord_cookies();
    first.decision = "Kontakt zur Schuldnerberatung herstellen";
    const auto first_room = run_session(t.port(), first);

    live_room again(t.port(), 1, 0, "FALL 2026/17", t.nord_cookies());
    const auto& previous = again.created["state"]["previous_session"];
    INFO(previous.dump());
    CHECK(previous["previous_session_id"] == first_room);
    CHECK(previous["decision"] == "Kontakt zur Schuldnerberatung herstellen");
    CHECK(again.created["state"]["case_code"] == "FALL 2026/17"); // kept as typed

    session_script second = first;
    second.case_code = "FALL-2026-17";
    second.decision = "Termin bei der Schuldnerberatung begleiten";
    const auto second_room = run_session(t.port(), second);
    for (const auto* spelling : {"FALL-2026-17", "fall202617", "Fall.2026.17"}) {
        const auto history = t.read(std::string("/cases/") + spelling)["entries"];
        REQUIRE(history.size() == 2);
        CHECK(history[0]["room_id"] == first_room);
        CHECK(history[1]["room_id"] == second_room);
        CHECK(t.read(std::string("/archive?case_code=") + spelling)["entries"].size() == 2);
    }
    // A different case stays apart: the digits are part of the code.
    CHECK(t.read("/cases/FALL-2026-170")["entries"].empty());
}
