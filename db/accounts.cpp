#include "db/accounts.hpp"

#include <algorithm>
#include <cctype>
#include <pqxx/pqxx>

namespace casecircle::db {

bool is_team_role(const std::string& role) {
    return std::any_of(std::begin(team_roles), std::end(team_roles),
                       [&](const char* r) { return role == r; });
}

std::string normalise_username(std::string username) {
    std::transform(username.begin(), username.end(), username.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return username;
}

bool well_formed_username(const std::string& name) {
    return name.size() >= 2 && name.size() <= max_username_chars &&
           name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789._-") == std::string::npos;
}

bool reserved_username(const std::string& name) {
    return name == "system" || name == "admin-cli" || name == "anonymous";
}

const team_membership* account::in_team(std::int64_t team_id) const {
    for (const auto& t : teams)
        if (t.team_id == team_id) return &t;
    return nullptr;
}

std::int64_t ensure_team(pqxx::connection_base& conn, const std::string& name) {
    pqxx::work tx(conn);
    const auto row = tx.exec_params1("INSERT INTO teams (name) VALUES ($1) ON CONFLICT (name) DO "
                                     "UPDATE SET name = EXCLUDED.name "
                                     "RETURNING team_id",
                                     name);
    tx.commit();
    return row[0].as<std::int64_t>();
}

std::optional<std::int64_t> find_team(pqxx::connection_base& conn, const std::string& name) {
    pqxx::read_transaction tx(conn);
    const auto rows = tx.exec_params("SELECT team_id FROM teams WHERE name = $1", name);
    if (rows.empty()) return std::nullopt;
    return rows[0][0].as<std::int64_t>();
}

std::optional<std::int64_t> create_user(pqxx::connection_base& conn, const std::string& username,
                                        const std::string& display_name,
                                        const std::string& password_hash) {
    pqxx::work tx(conn);
    const auto rows = tx.exec_params(
        "INSERT INTO users (username, display_name, password_hash) VALUES ($1, $2, $3) "
        "ON CONFLICT (username) DO NOTHING RETURNING user_id",
        username, display_name, password_hash);
    tx.commit();
    if (rows.empty()) return std::nullopt;
    return rows[0][0].as<std::int64_t>();
}

std::optional<std::int64_t> find_user(pqxx::connection_base& conn, const std::string& username) {
    pqxx::read_transaction tx(conn);
    const auto rows = tx.exec_params("SELECT user_id FROM users WHERE username = $1", username);
    if (rows.empty()) return std::nullopt;
    return rows[0][0].as<std::int64_t>();
}

std::string set_team_role(pqxx::connection_base& conn, std::int64_t team_id, std::int64_t user_id,
                          const std::string& role) {
    pqxx::work tx(conn);
    const auto before = tx.exec_params(
        "SELECT role FROM team_members WHERE team_id = $1 AND user_id = $2", team_id, user_id);
    tx.exec_params0("INSERT INTO team_members (team_id, user_id, role) VALUES ($1, $2, $3) "
                    "ON CONFLICT (team_id, user_id) DO UPDATE SET role = EXCLUDED.role",
                    team_id, user_id, role);
    tx.commit();
    return before.empty() ? std::string() : before[0][0].as<std::string>();
}

std::vector<std::int64_t> teams_of_user(pqxx::connection_base& conn, std::int64_t user_id) {
    pqxx::read_transaction tx(conn);
    std::vector<std::int64_t> out;
    for (const auto& row : tx.exec_params(
             "SELECT team_id FROM team_members WHERE user_id = $1 ORDER BY team_id", user_id))
        out.push_back(row[0].as<std::int64_t>());
    return out;
}

std::optional<login_record> find_login(pqxx::connection_base& conn, const std::string& username) {
    pqxx::read_transaction tx(conn);
    const auto rows = tx.exec_params(
        "SELECT user_id, password_hash, disabled_at IS NOT NULL FROM users WHERE username = $1",
        username);
    if (rows.empty()) return std::nullopt;
    return login_record{rows[0][0].as<std::int64_t>(), rows[0][1].as<std::string>(),
                        rows[0][2].as<bool>()};
}

void create_login_session(pqxx::connection_base& conn, std::int64_t user_id,
                          const std::string& session_hash, const std::string& csrf_token,
                          std::chrono::seconds lifetime) {
    pqxx::work tx(conn);
    tx.exec_params0("DELETE FROM login_sessions WHERE expires_at < now()");
    tx.exec_params0("INSERT INTO login_sessions (session_hash, user_id, csrf_token, expires_at) "
                    "VALUES ($1, $2, $3, now() + $4 * interval '1 second')",
                    session_hash, user_id, csrf_token, static_cast<long long>(lifetime.count()));
    tx.commit();
}

std::optional<account> account_by_session(pqxx::connection_base& conn,
                                          const std::string& session_hash) {
    // One statement, a row per team (or one with no team): every entry and resume of a signed-in
    // member asks this, and a transaction around two queries tripled the round trips.
    pqxx::nontransaction tx(conn);
    const auto rows = tx.exec_params(
        "SELECT u.user_id, u.username, u.display_name, s.csrf_token, u.must_change_password, "
        "t.team_id, t.name, m.role, t.time_zone "
        "FROM login_sessions s JOIN users u USING (user_id) "
        "LEFT JOIN team_members m ON m.user_id = u.user_id "
        "LEFT JOIN teams t ON t.team_id = m.team_id "
        "WHERE s.session_hash = $1 AND s.expires_at > now() AND u.disabled_at IS NULL "
        "ORDER BY t.name",
        session_hash);
    if (rows.empty()) return std::nullopt;
    account a;
    a.user_id = rows[0][0].as<std::int64_t>();
    a.username = rows[0][1].as<std::string>();
    a.display_name = rows[0][2].as<std::string>();
    a.csrf_token = rows[0][3].as<std::string>();
    a.must_change_password = rows[0][4].as<bool>();
    for (const auto& row : rows)
        if (!row[5].is_null())
            a.teams.push_back({row[5].as<std::int64_t>(), row[6].as<std::string>(),
                               row[7].as<std::string>(), row[8].as<std::string>()});
    return a;
}

void end_login_session(pqxx::connection_base& conn, const std::string& session_hash) {
    pqxx::work tx(conn);
    tx.exec_params0("DELETE FROM login_sessions WHERE session_hash = $1", session_hash);
    tx.commit();
}

void set_retention_days(pqxx::connection_base& conn, std::int64_t team_id, int days) {
    pqxx::work tx(conn);
    tx.exec_params0("UPDATE teams SET retention_days = $2 WHERE team_id = $1", team_id, days);
    tx.commit();
}

void set_team_time_zone(pqxx::connection_base& conn, std::int64_t team_id,
                        const std::string& time_zone) {
    pqxx::work tx(conn);
    tx.exec_params0("UPDATE teams SET time_zone = $2 WHERE team_id = $1", team_id, time_zone);
    tx.commit();
}

} // namespace casecircle::db
