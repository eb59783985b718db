#include "protocol/minutes_csv.hpp"
#include "protocol/csv.hpp"
#include "protocol/local_time.hpp"
#include "protocol/minutes_view.hpp"

namespace casecircle::protocol {

namespace {

using nlohmann::json;
using namespace minutes_view;

// The step 9 suggestions are not one of the four kinds, but planners read them beside them.
constexpr const char* suggestion_kind = "verbesserungsvorschlag";
constexpr const char* suggestion_title = "Verbesserungsvorschlag zum Verfahren";

std::string card_row(const json& step, const json& category, const json& card) {
    return csv::row({std::to_string(num(step, "number")), str(at(step, "title"), "de"),
                     str(category, "key"), str(at(category, "title"), "de"), str(card, "id"),
                     str(card, "text"), str(at(card, "author"), "name"),
                     flag(card, "advocatus") ? "ja" : "nein", str(card, "group"),
                     flag(card, "written_beforehand") ? "ja" : "nein"});
}

// Addenda came after the approval; the cards' file carries them too, as rows of their own, so
// that no export leaves out a correction.
std::string addendum_row(const json& addendum) {
    return csv::row({"", "Nachtrag nach der Freigabe", "nachtrag", "Nachtrag",
                     std::to_string(num(addendum, "id")), str(addendum, "text"),
                     str(addendum, "author"), "nein", "", "nein"});
}

void deficit_rows(std::string& out, const std::string& kind, const std::string& title,
                  const json& cards) {
    const auto count = std::to_string(cards.size());
    if (cards.empty()) out += csv::row({kind, title, "0", "", "", "", ""});
    for (const auto& c : cards)
        out +=
            csv::row({kind, title, count, str(c, "case_code"),
                      german_date_text(str(c, "session_date")), str(c, "room_id"), str(c, "text")});
}

} // namespace

std::string render_cards_csv(const nlohmann::json& minutes) {
    std::string out(csv::byte_order_mark);
    out += csv::row({"schritt", "schritt_titel", "kategorie", "kategorie_titel", "karte", "text",
                     "autor", "advocatus_diaboli", "gruppe", "vorab_geschrieben"});
    try {
        for (const auto& step : items(minutes, "steps"))
            for (const auto& category : items(step, "categories"))
                for (const auto& card : items(category, "cards"))
                    out += card_row(step, category, card);
        for (const auto& addendum : items(minutes, "addenda"))
            out += addendum_row(addendum);
    } catch (const std::exception&) {
        // A partial file is still worth more than none; the rows written so far are whole.
    }
    return out;
}

std::string render_deficits_csv(const nlohmann::json& report) {
    std::string out(csv::byte_order_mark);
    out += csv::row({"art", "art_titel", "anzahl", "fallcode", "datum", "sitzung", "text"});
    try {
        for (const auto& kind : items(report, "kinds"))
            deficit_rows(out, str(kind, "category"), str(kind, "title"), items(kind, "cards"));
        deficit_rows(out, suggestion_kind, suggestion_title, items(report, "suggestions"));
    } catch (const std::exception&) {
        // As above: only whole rows were appended.
    }
    return out;
}

} // namespace casecircle::protocol
