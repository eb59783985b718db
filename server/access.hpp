#pragma once

#include <string>

namespace casecircle::server {

// What a person may do with a team's sessions and records. The README's access table is this
// table in words; the access tests walk every cell.
enum class team_action {
    join_session,       // take part in the team's sessions
    moderate,           // open and run sessions, approve minutes, add addenda
    read_archive,       // search and read approved minutes, case history, reviews, deficits
    export_minutes,     // download minutes and cards
    view_audit,         // read the team's audit trail
    view_statistics,    // how many sessions were approved, discarded, cancelled (and why)
    manage_team,        // accounts, roles, retention
    plan_circles,       // set up series, move and cancel dates, order agendas, add late cases
    register_cases,     // register cases for a date and prepare their report
    view_cycle_figures, // the circle's overview: dates held and cancelled, minutes per step
};

bool team_role_may(const std::string& role, team_action action);

} // namespace casecircle::server
