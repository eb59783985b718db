#include "tests/integration/support/api_client.hpp"
#include "tests/integration/support/live_room.hpp"
#include "tests/integration/support/session_script.hpp"
#include "tests/integration/support/team_server.hpp"
#include "tests/integration/support/ws_client.hpp"

#include <catch2/catch.hpp>

using namespace casecircle::testing;
using json = nlohmann::json;

namespace {

struct nord : team_server {
    nord()
        : team_server({{"mira", "ASD Nord", "moderator"},
                       {"max", "ASD Nord", "member"},
                       {"tom", "ASD Nord", "member"}}) {}
};

json create(nord& t, const std::string& case_code, const std::string& title, bool confirmed) {
    ws_client c(t.port(), t.who("mira")->cookie);
    json message{{"type", "create"},
                 {"format", "qualitaetszirkel"},
                 {"case_code", case_code},
                 {"title", title},
                 {"name", "Mira"}};
    if (confirmed) message["confirm_identifying"] = true;
    c.send(message);
    return c.wait_entry();
}

} // namespace

TEST_CASE("a case code or title that looks like it names a person is refused in words until "
          "the moderator confirms; pseudonyms pass") {
    nord t;
    const std::vector<std::pair<std::string, std::string>> must_warn{
        {"Max Mustermann 1985", ""},
        {"Anna-Schmidt-2019", ""},
        {"FALL-2026-40", "Frau Ayşe Yılmaz"},
        {"FALL-2026-41", "geb. 03.04.1987"},
        {"FALL-2026-42", "wohnt Hauptstraße 12"},
        {"FALL-2026-43", "Tel. 0171 2345678"},
    };
    for (const auto& [code, title] : must_warn) {
        INFO(code << " / " << title);
        const auto refused = create(t, code, title, false);
        CHECK(refused["type"] == "error");
        CHECK(refused["code"] == "looks_identifying");
        CHECK(!refused["findings"].empty());
        CHECK(refused["message"].get<std::string>().find("Pseudonym") != std::string::npos);
    }
    const auto refused = create(t, "Max Mustermann 1985", "", false);
    CHECK(refused["findings"][0] == json{{"kind", "name"}, {"text", "Max Mustermann"}});
    CHECK(create(t, "Max Mustermann 1985", "", true)["type"] == "welcome"); // confirmed

    const std::vector<std::pair<std::string, std::string>> must_pass{
        {"FALL-2026-17", "Verlängerung der Hilfe"},
        {"JC-2026-017", "Hilfeplangespräch am 01.03.2030"},
        {"NORD/2026/5", "Beratung in der Suchtberatung"},
        {"fall.2026.18", "Hilfe für Anna"},
    };
    for (const auto& [code, title] : must_pass) {
        INFO(code << " / " << title);
        CHECK(create(t, code, title, false)["type"] == "welcome");
    }

    // Registering a case for a circle date warns the same way.
    const auto series =
        api(t.port(), t.who("mira"), "POST",
            "/api/teams/" + std::to_string(t.team_of("mira", "ASD Nord")) + "/series",
            {{"title", "QZ"},
             {"format", "qualitaetszirkel"},
             {"rhythm", "weekly"},
             {"first_date", date_from_today(7)},
             {"start_time", "14:00"},
             {"planned_minutes", 90}});
    REQUIRE(series.status == 201);
    const auto team = "/api/teams/" + std::to_string(t.team_of("mira", "ASD Nord"));
    const auto dates = json::parse(api(t.port(), t.who("max"), "GET", team + "/circle-dates").body);
    const auto path = team + "/circle-dates/" +
                      std::to_string(dates["dates"][0]["date_id"].get<int>()) + "/registrations";
    const auto warned = api(t.port(), t.who("max"), "POST", path,
                            {{"case_code", "Anna-Schmidt-2019"}, {"format", "qualitaetszirkel"}});
    CHECK(warned.status == 400);
    CHECK(error_code(warned) == "looks_identifying");
    CHECK(json::parse(warned.body)["error"]["findings"][0]["text"] == "Anna-Schmidt");
    CHECK(api(t.port(), t.who("max"), "POST", path,
              {{"case_code", "Anna-Schmidt-2019"},
               {"format", "qualitaetszirkel"},
               {"confirm_identifying", true}})
              .status == 201);
}

TEST_CASE("the moderator's draft minutes show what in the cards looks like it names a person") {
    nord t;
    live_room room(t.port(), 1, 4, "FALL-2026-50",
                   {t.who("mira")->cookie, t.who("max")->cookie, t.who("tom")->cookie});
    REQUIRE(room.participants[0]->command(
                "add_card", {{"category", "staerken"},
                             {"text", "Oma Helga Krause hilft oft"}})["type"] == "ack");
    REQUIRE(room.participants[0]->command("add_card", {{"category", "schwaechen"},
                                                       {"text", "Schulden seit Jahren"}})["type"] ==
            "ack");
    REQUIRE(room.moderator->command("end")["type"] == "ack");
    room.moderator->send({{"type", "minutes"}});
    const auto draft = room.moderator->wait_type("minutes");
    INFO(draft["identifying"].dump());
    REQUIRE(draft["identifying"].size() == 1);
    CHECK(draft["identifying"][0]["kind"] == "name");
    CHECK(draft["identifying"][0]["text"] == "Helga Krause");
    CHECK(draft["identifying"][0]["target"] == "card:c1");
    CHECK(draft["identifying"][0]["label"] == "Karte c1");

    // The moderator redacts it: the card's text is gone from the draft, its reason is listed.
    REQUIRE(room.moderator->command(
                "redact", {{"target", "card:c1"}, {"reason", "Name einer Angehörigen"}})["type"] ==
            "ack");
    room.moderator->send({{"type", "minutes"}});
    const auto redacted = room.moderator->wait_type("minutes");
    CHECK(redacted["identifying"].empty());
    CHECK(redacted["minutes"].dump().find("Helga") == std::string::npos);
    CHECK(redacted["markdown"].get<std::string>().find("Name einer Angehörigen") !=
          std::string::npos);
    CHECK(room.moderator->command("approve_minutes")["type"] == "rejected"); // changes_seen

    REQUIRE(room.moderator->command("approve_minutes", {{"changes_seen", 1}})["type"] == "ack");
    room.moderator->send({{"type", "minutes"}});
    CHECK(!room.moderator->wait_type("minutes").contains("identifying"));
}
