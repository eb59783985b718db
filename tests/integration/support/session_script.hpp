#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace casecircle::testing {

// What one short quality circle over the wire records: enough content to search, aggregate and
// export. Steps without entries here are passed through.
struct session_script {
    std::string case_code = "FALL-2026-17";
    std::string question = "Wie gewinne ich K. für verbindliche Termine?";
    std::vector<std::pair<std::string, std::string>> needs;    // step 5: category, text
    std::vector<std::pair<std::string, std::string>> deficits; // step 7: category, text
    std::string decision = "Ich begleite K. zum ersten Termin.";
    std::string review_date; // "" for a month ahead
    std::string suggestion;  // step 9, "" for none
    std::string closing_remark;
    bool approve = true;
    std::vector<std::string> cookies; // moderator, presenter, colleague; none in an open room
    // What came of the previous decision, recorded by the presenter; "" records nothing.
    std::string outcome;
    std::string outcome_note;
    std::int64_t registration_id = 0; // opened from a case registered for a circle date
    // A team's own format with the circle's nine steps (a copy), or the shipped circle.
    std::string format = "qualitaetszirkel";
};

// Runs the session through all nine steps to its end (and approval); returns the room id.
std::string run_session(std::uint16_t port, const session_script& script);

// A date `days` from today (UTC), YYYY-MM-DD.
std::string date_from_today(int days);

} // namespace casecircle::testing
