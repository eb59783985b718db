#pragma once

#include "protocol/text_rules.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace casecircle::protocol {

// What in a text looks like it identifies a person – the check behind the warning on case codes
// and titles and the moderator's look over the cards before approval. It warns; people decide:
// a street named in a gap of the help system ("Beratungsstelle Hauptstraße 5") is fine.
struct identifying_finding {
    std::string kind; // name | birth_date | street | phone
    std::string text; // the part of the text that looks so
};

// `today`: dates up to today can be birth dates, later ones are appointments.
std::vector<identifying_finding> find_identifying(std::string_view text, const civil_date& today);

// What in a draft looks like a person: draft_targets::identifying_findings.

// The shipped list (protocol/first_names.cpp), sorted.
const std::vector<std::string_view>& common_first_names();

// "Vorname und Nachname („Max Mustermann“), Geburtsdatum („03.04.1987“)" – what was found, in
// words, for the person who must confirm.
std::string describe_findings(const std::vector<identifying_finding>& found, bool german);

} // namespace casecircle::protocol
