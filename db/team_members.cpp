#include "db/team_members.hpp"

#include <pqxx/pqxx>

namespace casecircle::db {
namespace {

constexpr const char* member_columns =
    "u.user_id, u.username, u.display_name, m.role, u.disabled_at IS NOT NULL, "
    "u.must_change_password";

team_member member_of_row(const pqxx::row& row) {
    return {row[0].as<std::int64_t>(), row[1].as<std::string>(), row[2].as<std::string>(),
            row[3].as<std::string>(),  row[4].as<bool>(),        row[5].as<bool>()};
}

// Locks the person's account row for the rest of the transaction, so that two admins changing
// the same person take turns; false when they are not a member of the team.
bool lock_member(pqxx::work& tx, std::int64_t team_id, std::int64_t user_id) {
    return !tx.exec_params("SELECT 1 FROM users u JOIN team_members m USING (user_id) "
                           "WHERE m.team_id = $1 AND u.user_id = $2 FOR UPDATE OF u",
                           team_id, user_id)
                .empty();
}

void end_login_sessions(pqxx::work& tx, std::int64_t user_id) {
    tx.exec_params0("DELETE FROM login_sessions WHERE user_id = $1", user_id);
}

} // namespace

std::vector<team_member> team_members(pqxx::connection_base& conn, std::int64_t team_id) {
    pqxx::read_transaction tx(conn);
    std::vector<team_member> out;
    for (const auto& row : tx.exec_params(
             std::string("SELECT ") + member_columns +
                 " FROM team_members m JOIN users u USING (user_id) WHERE m.team_id = $1 "
                 "ORDER BY lower(u.display_name), u.user_id",
             team_id))
        out.push_back(member_of_row(row));
    return out;
}

std::optional<team_member> team_member_of(pqxx::connection_base& conn, std::int64_t team_id,
                                          std::int64_t user_id) {
    pqxx::read_transaction tx(conn);
    const auto rows = tx.exec_params(std::string("SELECT ") + member_columns +
                                         " FROM team_members m JOIN users u USING (user_id) "
                                         "WHERE m.team_id = $1 AND m.user_id = $2",
                                     team_id, user_id);
    if (rows.empty()) return std::nullopt;
    return member_of_row(rows[0]);
}

std::optional<std::string> change_member_role(pqxx::connection_base& conn, std::int64_t team_id,
                                              const std::string& username, const std::string& role,
                                              audit_entry audit) {
    pqxx::work tx(conn);
    const auto before =
        tx.exec_params("SELECT m.user_id, m.role FROM team_members m JOIN users u USING (user_id) "
                       "WHERE m.team_id = $1 AND u.username = $2 FOR UPDATE OF m",
                       team_id, username);
    if (before.empty()) return std::nullopt;
    tx.exec_params0("UPDATE team_members SET role = $3 WHERE team_id = $1 AND user_id = $2",
                    team_id, before[0][0].as<std::int64_t>(), role);
    const auto previous = before[0][1].as<std::string>();
    audit.detail["previous_role"] = previous;
    record_audit(tx, audit);
    tx.commit();
    return previous;
}

member_change remove_member(pqxx::connection_base& conn, std::int64_t team_id, std::int64_t user_id,
                            const audit_entry& audit) {
    pqxx::work tx(conn);
    if (!lock_member(tx, team_id, user_id)) return member_change::not_member;
    tx.exec_params0("DELETE FROM team_members WHERE team_id = $1 AND user_id = $2", team_id,
                    user_id);
    end_login_sessions(tx, user_id);
    tx.exec_params0("UPDATE room_members SET revoked_at = now() WHERE user_id = $1 AND "
                    "revoked_at IS NULL AND room_id IN (SELECT room_id FROM rooms WHERE "
                    "team_id = $2)",
                    user_id, team_id);
    record_audit(tx, audit);
    tx.commit();
    return member_change::done;
}

member_change disable_member(pqxx::connection_base& conn, std::int64_t team_id,
                             std::int64_t user_id, const audit_entry& audit) {
    pqxx::work tx(conn);
    if (!lock_member(tx, team_id, user_id)) return member_change::not_member;
    const auto teams =
        tx.exec_params1("SELECT count(*) FROM team_members WHERE user_id = $1", user_id);
    if (teams[0].as<int>() > 1) return member_change::member_of_other_teams;
    tx.exec_params0(
        "UPDATE users SET disabled_at = coalesce(disabled_at, now()) WHERE user_id = $1", user_id);
    end_login_sessions(tx, user_id);
    tx.exec_params0(
        "UPDATE room_members SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL",
        user_id);
    record_audit(tx, audit);
    tx.commit();
    return member_change::done;
}

member_change enable_member(pqxx::connection_base& conn, std::int64_t team_id, std::int64_t user_id,
                            const audit_entry& audit) {
    pqxx::work tx(conn);
    if (!lock_member(tx, team_id, user_id)) return member_change::not_member;
    tx.exec_params0("UPDATE users SET disabled_at = NULL WHERE user_id = $1", user_id);
    record_audit(tx, audit);
    tx.commit();
    return member_change::done;
}

member_change reset_password(pqxx::connection_base& conn, std::int64_t team_id,
                             std::int64_t user_id, const std::string& password_hash,
                             const audit_entry& audit) {
    pqxx::work tx(conn);
    if (!lock_member(tx, team_id, user_id)) return member_change::not_member;
    tx.exec_params0("UPDATE users SET password_hash = $2, must_change_password = true "
                    "WHERE user_id = $1",
                    user_id, password_hash);
    end_login_sessions(tx, user_id);
    record_audit(tx, audit);
    tx.commit();
    return member_change::done;
}

void change_own_password(pqxx::connection_base& conn, std::int64_t user_id,
                         const std::string& password_hash, const std::string& current_session_hash,
                         audit_entry audit) {
    pqxx::work tx(conn);
    tx.exec_params0("UPDATE users SET password_hash = $2, must_change_password = false "
                    "WHERE user_id = $1",
                    user_id, password_hash);
    tx.exec_params0("DELETE FROM login_sessions WHERE user_id = $1 AND session_hash <> $2", user_id,
                    current_session_hash);
    const auto teams = tx.exec_params(
        "SELECT team_id FROM team_members WHERE user_id = $1 ORDER BY team_id", user_id);
    audit.team_id.reset();
    if (teams.empty()) record_audit(tx, audit);
    for (const auto& row : teams) {
        audit.team_id = row[0].as<std::int64_t>();
        record_audit(tx, audit);
    }
    tx.commit();
}

} // namespace casecircle::db
