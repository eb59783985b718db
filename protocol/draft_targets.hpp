#pragma once

#include "protocol/session_state.hpp"
#include "protocol/text_rules.hpp"
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

// What in a draft the moderator can redact or correct before approval, named by a target:
// "title", "card:c3", "summary:history" (or initial_situation, work_so_far, service_steering),
// "question", "alternative:a1", "option:o2", "decision", "backing:p4" (a backing note), and
// "case_code": corrected (not redacted) to file the session under an existing case of the team.
namespace casecircle::protocol::draft_targets {

// What replaces a redacted text everywhere it appears.
inline constexpr std::string_view redacted_text = "[geschwärzt]";

struct target_info {
    std::size_t max_chars = 0; // the limit of a correction's text
    bool correctable = false;  // cards are people's own words: they can be redacted, not rewritten
    bool redactable = true;    // a case code is corrected to another pseudonym, never blanked
    text_kind kind = text_kind::multi_line;
};

// Every string the target's text is held in (a chosen question also keeps a copy of its text);
// empty when the target names nothing in this session.
std::vector<std::string*> texts(session_data& d, std::string_view target);
std::vector<const std::string*> texts(const session_data& d, std::string_view target);

target_info info(std::string_view target);

// Every target that holds a text in this session now (withdrawn cards and options left out),
// in the order of the minutes.
std::vector<std::string> all(const session_data& d);

// What in the draft looks like it names a person, for the moderator's last look before approval:
// [{kind, text, target, label}] (see identifying_data.hpp).
nlohmann::json identifying_findings(const session_data& d, const civil_date& today);

// The target in words, for the list of changes ("Karte c3", "Kurzfassung: Vorgeschichte").
std::string label_de(const session_data& d, std::string_view target);

} // namespace casecircle::protocol::draft_targets
