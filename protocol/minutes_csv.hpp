#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace casecircle::protocol {

// The cards of build_minutes' document, one row per card in step and category order, as CSV for
// German spreadsheets (see csv.hpp). Columns:
// schritt;schritt_titel;kategorie;kategorie_titel;karte;text;autor;advocatus_diaboli;gruppe;
// vorab_geschrieben (ja for a card a colleague wrote before the session; autor is then their name)
std::string render_cards_csv(const nlohmann::json& minutes);

// The deficit analysis as CSV, from JSON of the shape
//   {"kinds": [{"category", "title", "cards": [{"room_id", "case_code", "session_date", "text"}]}],
//    "suggestions": [{"room_id", "case_code", "session_date", "text"}]}
// (db::deficit_report field for field). One row per card with its kind's count; a kind without
// cards still gets a row with count 0, so that the counts add up in a pivot table. Columns:
// art;art_titel;anzahl;fallcode;datum;sitzung;text (datum: the team's day in German, 7.12.2026)
std::string render_deficits_csv(const nlohmann::json& report);

} // namespace casecircle::protocol
