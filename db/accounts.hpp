#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pqxx {
class connection_base;
}

namespace casecircle::db {

// Team roles, from least to most administrative; the README's access table explains each.
inline constexpr const char* team_roles[] = {"member", "moderator", "supervisor", "team_admin"};
bool is_team_role(const std::string& role);
// User names are compared case-insensitively: stored and looked up in lower case.
std::string normalise_username(std::string username);
// A plain set keeps names unambiguous in the audit trail: [a-z0-9._-], 2 to 60 characters,
// after normalise_username. A name of the system's own actors ("system", "admin-cli",
// "anonymous") is no one's account.
inline constexpr std::size_t max_username_chars = 60;
bool well_formed_username(const std::string& normalised);
bool reserved_username(const std::string& normalised);

struct team_membership {
    std::int64_t team_id = 0;
    std::string team_name;
    std::string role;
    std::string time_zone; // IANA name, e.g. Europe/Berlin: every time the team sees is in it
};

struct account {
    std::int64_t user_id = 0;
    std::string username;
    std::string display_name;
    std::string csrf_token; // of the login session the account was found by
    // Set by a team admin's password reset: until the person chooses a new password, the API
    // answers only /api/me, the password change and logout, and no session is entered.
    bool must_change_password = false;
    std::vector<team_membership> teams;

    const team_membership* in_team(std::int64_t team_id) const;
};

struct login_record {
    std::int64_t user_id = 0;
    std::string password_hash;
    bool disabled = false; // a disabled account never logs in
};

std::int64_t ensure_team(pqxx::connection_base& conn, const std::string& name);
std::optional<std::int64_t> find_team(pqxx::connection_base& conn, const std::string& name);
// Nothing when the user name is taken.
std::optional<std::int64_t> create_user(pqxx::connection_base& conn, const std::string& username,
                                        const std::string& display_name,
                                        const std::string& password_hash);
std::optional<std::int64_t> find_user(pqxx::connection_base& conn, const std::string& username);
// Returns the previous role ("" for none).
std::string set_team_role(pqxx::connection_base& conn, std::int64_t team_id, std::int64_t user_id,
                          const std::string& role);
std::vector<std::int64_t> teams_of_user(pqxx::connection_base& conn, std::int64_t user_id);
std::optional<login_record> find_login(pqxx::connection_base& conn, const std::string& username);

void create_login_session(pqxx::connection_base& conn, std::int64_t user_id,
                          const std::string& session_hash, const std::string& csrf_token,
                          std::chrono::seconds lifetime);
// Nothing for expired sessions and for sessions of disabled accounts.
std::optional<account> account_by_session(pqxx::connection_base& conn,
                                          const std::string& session_hash);
void end_login_session(pqxx::connection_base& conn, const std::string& session_hash);

void set_retention_days(pqxx::connection_base& conn, std::int64_t team_id, int days);
// The name must be one the server found in the system's zone database.
void set_team_time_zone(pqxx::connection_base& conn, std::int64_t team_id,
                        const std::string& time_zone);

} // namespace casecircle::db
