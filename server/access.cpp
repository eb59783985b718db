#include "server/access.hpp"

namespace casecircle::server {

bool team_role_may(const std::string& role, team_action action) {
    switch (action) {
    case team_action::join_session:
        return role == "member" || role == "moderator" || role == "supervisor" ||
               role == "team_admin";
    case team_action::moderate:
    case team_action::plan_circles:
        return role == "moderator";
    case team_action::register_cases:
        return role == "member" || role == "moderator";
    case team_action::view_cycle_figures:
        return role == "moderator" || role == "supervisor" || role == "team_admin";
    case team_action::read_archive:
    case team_action::export_minutes:
        // The team admin manages accounts, not cases: no reading of case records.
        return role == "member" || role == "moderator" || role == "supervisor";
    case team_action::view_audit:
    case team_action::view_statistics:
        return role == "supervisor" || role == "team_admin";
    case team_action::manage_team:
        return role == "team_admin";
    }
    return false;
}

} // namespace casecircle::server
