#include "protocol/template_place.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>
#include <utility>
#include <vector>

namespace casecircle::protocol {
namespace {

// The field names of the format document (ENGINE.md, "Templates") as the editor shows them.
constexpr std::array<std::pair<std::string_view, std::string_view>, 27> field_words{{
    {"schema_version", "Schema-Version"},
    {"id", "Kennung"},
    {"version", "Version"},
    {"title", "Titel"},
    {"description", "Beschreibung"},
    {"budget_note", "Hinweis zu den Zeiten"},
    {"moderator_presents", "Moderation stellt den Fall vor"},
    {"steps", "Schritte"},
    {"key", "Schlüssel"},
    {"instructions", "Anleitung"},
    {"moderator_hint", "Hinweis für die Moderation"},
    {"budget_minutes", "Zeitbudget"},
    {"cards", "Karten"},
    {"writers", "wer Karten schreibt"},
    {"categories", "Kategorien"},
    {"record", "festgehalten als"},
    {"presenter_first", "Fallverantwortliche/r zuerst"},
    {"round_robin", "Reihum"},
    {"collect_dont_discuss", "Sammeln, nicht diskutieren"},
    {"advocatus_diaboli", "Advocatus Diaboli"},
    {"records", "was festgehalten wird"},
    {"requires_present", "nötige Anwesenheit"},
    {"others", "weitere Teilnehmende"},
    {"expert", "Fachleute"},
    {"participant", "Teilnehmende"},
    {"de", "deutsch"},
    {"en", "englisch"},
}};

// Lists whose entries have a name of their own: "Schritt 4" replaces "Schritte"; the entries of
// any other list are "Eintrag N" after the list's name.
constexpr std::array<std::pair<std::string_view, std::string_view>, 2> entry_words{{
    {"steps", "Schritt"},
    {"categories", "Kategorie"},
}};

std::string_view lookup(const auto& table, std::string_view key) {
    for (const auto& [from, to] : table)
        if (from == key) return to;
    return {};
}

// RFC 6901: "~1" is "/", "~0" is "~".
std::string unescape(std::string_view token) {
    std::string out;
    for (std::size_t i = 0; i < token.size(); ++i) {
        if (token[i] == '~' && i + 1 < token.size()) {
            out += token[i + 1] == '1' ? '/' : '~';
            ++i;
        } else {
            out += token[i];
        }
    }
    return out;
}

std::vector<std::string> tokens_of(std::string_view pointer) {
    std::vector<std::string> out;
    std::size_t start = 1;
    while (start <= pointer.size()) {
        const auto end = std::min(pointer.find('/', start), pointer.size());
        out.push_back(unescape(pointer.substr(start, end - start)));
        start = end + 1;
    }
    return out;
}

std::optional<std::size_t> index_of(const std::string& token) {
    std::size_t n = 0;
    const auto* end = token.data() + token.size();
    const auto [at, error] = std::from_chars(token.data(), end, n);
    if (token.empty() || error != std::errc() || at != end) return std::nullopt;
    return n;
}

} // namespace

std::string place_in_words_de(std::string_view pointer) {
    if (pointer.empty() || pointer == "/") return "das ganze Format";
    std::vector<std::string> words;
    std::string previous;
    for (const auto& token : tokens_of(pointer)) {
        const auto index = index_of(token);
        const auto entry = lookup(entry_words, previous);
        if (index && !entry.empty()) {
            // Entries count from 1 for people.
            words.back() = std::string(entry) + " " + std::to_string(*index + 1);
        } else if (index) {
            words.push_back("Eintrag " + std::to_string(*index + 1));
        } else if (const auto known = lookup(field_words, token); !known.empty()) {
            words.emplace_back(known);
        } else {
            words.push_back("„" + token + "“");
        }
        previous = token;
    }
    std::string out;
    for (const auto& w : words)
        out += (out.empty() ? "" : ", ") + w;
    return out;
}

} // namespace casecircle::protocol
