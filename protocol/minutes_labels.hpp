#pragma once

// German wording shared by the export renderers, so that the printed page, the CSV and the
// Markdown call a role, a vote or a time the same.

#include "protocol/local_time.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <string>
#include <utility>

namespace casecircle::protocol {

// The four parts of the short case report, by key, with their German headings, in order.
inline constexpr std::array<std::pair<const char*, const char*>, 4> case_summary_parts_de{{
    {"history", "Vorgeschichte"},
    {"initial_situation", "Situation zu Beginn des Case Managements"},
    {"work_so_far", "Bisherige Case-Management-Arbeit"},
    {"service_steering", "Leistungssteuerung"},
}};

// What came in before the session (prepare_case), and the form of a written consultation.
inline constexpr const char* written_beforehand_de = "vorab geschrieben";
inline constexpr const char* prepared_by_de = "Vorab vorbereitet von";
inline constexpr const char* written_mode_de =
    "schriftliche Fallberatung (Fristen statt Zeitbudgets)";

std::string role_label_de(const std::string& role);
std::string vote_label_de(const std::string& vote);
// What came of a decision: done | partly | not_done.
std::string outcome_label_de(const std::string& outcome);
// "12:05" for 725 seconds.
std::string duration_label(long long seconds);
// "18.11.2026, 12:07" in the team's zone for milliseconds since the epoch; "–" when not a number.
std::string clock_time_label(const nlohmann::json& ms, const local_zone& zone);
// The minutes' session day (YYYY-MM-DD, already the team's day) in German.
std::string session_date_label(const nlohmann::json& minutes);

} // namespace casecircle::protocol
