#pragma once

#include "db/audit.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pqxx {
class connection_base;
}

// Team administration (issue #15): who is in a team, and the changes a team admin makes to those
// people. Every change writes its audit entry in its own transaction, so that no change stands
// without its trace.
namespace casecircle::db {

struct team_member {
    std::int64_t user_id = 0;
    std::string username;
    std::string display_name;
    std::string role;
    bool disabled = false;
    bool must_change_password = false;
};

// Sorted by display name.
std::vector<team_member> team_members(pqxx::connection_base& conn, std::int64_t team_id);
std::optional<team_member> team_member_of(pqxx::connection_base& conn, std::int64_t team_id,
                                          std::int64_t user_id);

// The previous role; nothing when the user name is not a member of this team (nobody is enrolled
// by a role change). The audit entry's detail gains "previous_role".
std::optional<std::string> change_member_role(pqxx::connection_base& conn, std::int64_t team_id,
                                              const std::string& username, const std::string& role,
                                              audit_entry audit);

enum class member_change { done, not_member, member_of_other_teams };

// Removes the person from the team, ends all their login sessions and revokes their credentials
// for the team's sessions.
member_change remove_member(pqxx::connection_base& conn, std::int64_t team_id, std::int64_t user_id,
                            const audit_entry& audit);
// Disabling ends all login sessions and revokes every session credential; only for people who
// belong to this team alone (another team's admin would lose them too).
member_change disable_member(pqxx::connection_base& conn, std::int64_t team_id,
                             std::int64_t user_id, const audit_entry& audit);
member_change enable_member(pqxx::connection_base& conn, std::int64_t team_id, std::int64_t user_id,
                            const audit_entry& audit);
// A temporary password the person must replace at the next login; ends all their login sessions.
member_change reset_password(pqxx::connection_base& conn, std::int64_t team_id,
                             std::int64_t user_id, const std::string& password_hash,
                             const audit_entry& audit);

// The person's own new password: clears must_change_password and ends every other login session
// (keeps `current_session_hash`). The audit entry is filed under each of the person's teams
// (under none when they have no team).
void change_own_password(pqxx::connection_base& conn, std::int64_t user_id,
                         const std::string& password_hash, const std::string& current_session_hash,
                         audit_entry audit);

} // namespace casecircle::db
