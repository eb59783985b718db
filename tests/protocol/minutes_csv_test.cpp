#include "full_session.hpp"
#include "protocol/minutes_csv.hpp"

#include <vector>

using namespace casecircle::protocol;
using namespace casecircle::protocol::testing;
using nlohmann::json;

namespace {

using records = std::vector<std::vector<std::string>>;

// An RFC 4180 reader with ';' as separator, as strict as a spreadsheet: a record ends at CRLF
// outside quotes only, and a bare LF there is an error.
records parse_csv(const std::string& text) {
    const std::string bom = "\xEF\xBB\xBF";
    REQUIRE(text.rfind(bom, 0) == 0);
    records out(1, std::vector<std::string>(1));
    bool quoted = false;
    for (std::size_t i = bom.size(); i < text.size(); ++i) {
        const char c = text[i];
        auto& field = out.back().back();
        if (quoted) {
            if (c != '"')
                field += c;
            else if (i + 1 < text.size() && text[i + 1] == '"')
                field += text[++i];
            else
                quoted = false;
        } else if (c == '"') {
            REQUIRE(field.empty());
            quoted = true;
        } else if (c == ';') {
            out.back().emplace_back();
        } else if (c == '\r') {
            REQUIRE((i + 1 < text.size() && text[i + 1] == '\n'));
            ++i;
            out.emplace_back(1);
        } else {
            REQUIRE(c != '\n');
            field += c;
        }
    }
    REQUIRE_FALSE(quoted);
    REQUIRE(out.back() == std::vector<std::string>{""}); // the last line ended with CRLF
    out.pop_back();
    return out;
}

json minutes_of_full_session() {
    return build_minutes(full_quality_circle().state());
}

std::size_t card_count(const json& m) {
    std::size_t n = 0;
    for (const auto& step : m["steps"])
        for (const auto& category : step["categories"])
            n += category["cards"].size();
    return n;
}

json deficit_card(const char* room, const char* code, const char* day, const char* text) {
    return {{"room_id", room}, {"case_code", code}, {"session_date", day}, {"text", text}};
}

} // namespace

TEST_CASE("cards CSV: a header row and one row per card, in step and category order",
          "[exports][csv]") {
    const auto m = minutes_of_full_session();
    const auto csv = render_cards_csv(m);
    CHECK(csv.rfind("\xEF\xBB\xBFschritt;schritt_titel;kategorie;kategorie_titel;karte;text;autor;"
                    "advocatus_diaboli;gruppe;vorab_geschrieben\r\n",
                    0) == 0);
    const auto rows = parse_csv(csv);
    REQUIRE(rows.size() == card_count(m) + 1);
    REQUIRE(card_count(m) >= 10);
    for (const auto& row : rows)
        CHECK(row.size() == 10);

    std::vector<std::string> ids;
    for (std::size_t i = 1; i < rows.size(); ++i)
        ids.push_back(rows[i][4]);
    CHECK(std::find(ids.begin(), ids.end(), "c11") == ids.end()); // withdrawn
    CHECK(std::is_sorted(rows.begin() + 1, rows.end(), [](const auto& a, const auto& b) {
        return std::stoi(a[0]) < std::stoi(b[0]);
    }));

    const auto row_of = [&](const std::string& id) {
        for (const auto& row : rows)
            if (row[4] == id) return row;
        FAIL("no card " << id);
        return std::vector<std::string>{};
    };
    const auto c2 = row_of("c2");
    CHECK(c2[0] == "4");
    CHECK(c2[2] == "schwaechen");
    CHECK(c2[5] == "Vermeidet Behördenpost");
    CHECK(c2[6] == "Tina Teilnehmerin");
    CHECK(c2[7] == "ja");
    CHECK(c2[8] == "");
    CHECK(c2[9] == "nein");
    const auto c8 = row_of("c8");
    CHECK(c8[2] == "zu_entwickelnde_hilfe");
    CHECK(c8[7] == "nein");
    CHECK(c8[8] == "Finanzen");
    CHECK(row_of("c12")[5] == "Jobcenter und Suchtberatung reden nicht");
}

TEST_CASE("cards CSV: separators, quotes, line breaks and formulas in card texts",
          "[exports][csv]") {
    auto m = minutes_of_full_session();
    auto& cards = m["steps"][3]["categories"][0]["cards"];
    const std::vector<std::string> texts{"=HYPERLINK(\"http://x\";\"klick\")",
                                         "a;b \"c\"",
                                         "Zeile 1\nZeile 2",
                                         "-1 Punkt",
                                         "@A1",
                                         "\tTab"};
    json many = json::array();
    for (std::size_t i = 0; i < texts.size(); ++i) {
        auto c = cards[0];
        c["id"] = "x" + std::to_string(i);
        c["text"] = texts[i];
        many.push_back(c);
    }
    cards = many;
    const auto rows = parse_csv(render_cards_csv(m));
    std::vector<std::string> read;
    for (const auto& row : rows) {
        REQUIRE(row.size() == 10);
        if (row[4].rfind("x", 0) == 0) read.push_back(row[5]);
    }
    CHECK(read == std::vector<std::string>{"'=HYPERLINK(\"http://x\";\"klick\")", "a;b \"c\"",
                                           "Zeile 1\nZeile 2", "'-1 Punkt", "'@A1", "'\tTab"});
}

TEST_CASE("cards CSV of a document without cards is the header alone", "[exports][csv]") {
    for (const auto& odd : {json::object(), json("x"), json{{"steps", {{{"number", "a"}}}}}})
        CHECK(parse_csv(render_cards_csv(odd)).size() == 1);
}

TEST_CASE("cards CSV carries the addenda after the cards", "[exports][csv]") {
    auto minutes = build_minutes(full_quality_circle().state());
    minutes["addenda"] = nlohmann::json::array(
        {{{"id", 7}, {"author", "Mira M."}, {"created_at", 1}, {"text", "Termin ist vereinbart"}}});
    const auto csv = render_cards_csv(minutes);
    CHECK(csv.ends_with(";Nachtrag nach der Freigabe;nachtrag;Nachtrag;7;Termin ist "
                        "vereinbart;Mira M.;nein;;nein\r\n"));
}

TEST_CASE("deficits CSV: one row per card with its kind's count, empty kinds counted as 0",
          "[exports][csv]") {
    const json report = {
        {"kinds",
         {{{"category", "fehlt"},
           {"title", "Fehlt"},
           {"cards",
            {deficit_card("r1", "JC-1", "2026-10-01", "Aufsuchende Schuldnerberatung"),
             deficit_card("r2", "JC-2", "2026-10-08", "=Schuldnerberatung; sofort")}}},
          {{"category", "zu_spaet"}, {"title", "Zu spät"}, {"cards", json::array()}}}},
        {"suggestions", {deficit_card("r2", "JC-2", "2026-10-08", "Mehr Zeit für Schritt 2")}}};
    const auto rows = parse_csv(render_deficits_csv(report));
    using row = std::vector<std::string>;
    REQUIRE(rows.size() == 5);
    CHECK(rows[0] == row{"art", "art_titel", "anzahl", "fallcode", "datum", "sitzung", "text"});
    CHECK(rows[1] ==
          row{"fehlt", "Fehlt", "2", "JC-1", "1.10.2026", "r1", "Aufsuchende Schuldnerberatung"});
    CHECK(rows[2] ==
          row{"fehlt", "Fehlt", "2", "JC-2", "8.10.2026", "r2", "'=Schuldnerberatung; sofort"});
    CHECK(rows[3] == row{"zu_spaet", "Zu spät", "0", "", "", "", ""});
    CHECK(rows[4] == row{"verbesserungsvorschlag", "Verbesserungsvorschlag zum Verfahren", "1",
                         "JC-2", "8.10.2026", "r2", "Mehr Zeit für Schritt 2"});
    CHECK(parse_csv(render_deficits_csv(json::object())).size() == 2); // header, no suggestions
}
