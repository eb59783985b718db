#include "support.hpp"

#include "protocol/draft_targets.hpp"
#include "protocol/identifying_data.hpp"

using namespace casecircle::protocol;
using namespace casecircle::protocol::testing;

namespace {

const civil_date today{2026, 12, 7};

std::vector<std::string> kinds_in(const std::string& text) {
    std::vector<std::string> kinds;
    for (const auto& f : find_identifying(text, today))
        kinds.push_back(f.kind);
    return kinds;
}

} // namespace

TEST_CASE("what looks like a person is found, and ordinary case texts pass") {
    const std::vector<std::pair<std::string, std::string>> must_warn{
        {"Max Mustermann 1985", "name"},
        {"Anna-Schmidt-2019", "name"},
        {"Frau Ayşe Yılmaz", "name"},
        {"Gespräch mit Mehmet Öztürk", "name"},
        {"geb. 03.04.1987", "birth_date"},
        {"geboren am 3.4.87", "birth_date"},
        {"2019-04-03", "birth_date"},
        {"Kind, 07.12.2026 geboren", "birth_date"},
        {"wohnt Hauptstraße 12", "street"},
        {"Am Mühlenweg 3a", "street"},
        {"Berliner Str. 105", "street"},
        {"Tel. 0171 2345678", "phone"},
        {"erreichbar unter +49 30 1234567", "phone"},
        {"0221/987654-32", "phone"},
    };
    for (const auto& [text, kind] : must_warn) {
        INFO(text);
        const auto kinds = kinds_in(text);
        CHECK(std::find(kinds.begin(), kinds.end(), kind) != kinds.end());
    }
    const std::vector<std::string> must_pass{
        "FALL-2026-17",
        "JC-2026-017",
        "NORD/2026/5",
        "fall.2026.17",
        "Verlängerung der Hilfe",
        "Hilfeplangespräch am 01.03.2030",
        "Termin 2027-01-15",
        "Beratung in der Suchtberatung",
        "Team Nord 2026",
        "Hilfe für Anna",
        "Max hilft beim Umzug",
        "Frau K. braucht eine Wohnung",
        "Schuldnerberatung fehlt im Landkreis",
        "Wartezeit 12 Wochen, 3 Termine",
        "Aktenzeichen 2026-0017",
        "32.13.1987",
    };
    for (const auto& text : must_pass) {
        INFO(text);
        CHECK(kinds_in(text).empty());
    }
}

TEST_CASE("findings say in words what was found and name the part of the text") {
    const auto found = find_identifying("Max Mustermann, geb. 03.04.1987", today);
    REQUIRE(found.size() == 2);
    CHECK(found[0].text == "Max Mustermann");
    CHECK(found[1].text == "03.04.1987");
    CHECK(describe_findings(found, true) ==
          "Vor- und Nachname („Max Mustermann“), Geburtsdatum („03.04.1987“)");
    CHECK(describe_findings(found, false) ==
          "first and last name (“Max Mustermann”), date of birth (“03.04.1987”)");
}

TEST_CASE("the draft is looked over where the case is, not where the people are") {
    session_driver s("qualitaetszirkel", "Mira Meier");
    s.join("Anna Schmidt", "presenter");
    s.join("Paul Peters", "participant");
    s.ok("p1", "start");
    s.go_to_step(4);
    s.ok("p3", "add_card",
         {{"category", "staerken"}, {"text", "Vater Peter Krause ruft an: 0171 2345678"}});
    s.ok("p3", "add_card", {{"category", "schwaechen"}, {"text", "Schulden"}});
    const auto found = draft_targets::identifying_findings(s.data(), today);
    REQUIRE(found.size() == 2);
    CHECK(found[0]["kind"] == "name");
    CHECK(found[0]["text"] == "Peter Krause");
    CHECK(found[0]["target"] == "card:c1");
    CHECK(found[0]["label"] == "Karte c1");
    CHECK(found[1]["kind"] == "phone");
    // Once redacted, nothing is left to find.
    s.ok("p1", "redact", {{"target", "card:c1"}, {"reason", "Name und Telefon"}});
    CHECK(draft_targets::identifying_findings(s.data(), today).empty());
}
