#include "db/guests.hpp"

#include <pqxx/pqxx>

namespace casecircle::db {

std::optional<std::int64_t> room_team(pqxx::connection_base& conn, const std::string& room_id) {
    pqxx::read_transaction tx(conn);
    const auto rows = tx.exec_params(
        "SELECT team_id FROM rooms WHERE room_id = $1 AND team_id IS NOT NULL", room_id);
    if (rows.empty()) return std::nullopt;
    return rows[0][0].as<std::int64_t>();
}

void create_guest_invitation(pqxx::connection_base& conn, const std::string& room_id,
                             std::int64_t created_by, const std::string& invitation_hash,
                             std::chrono::seconds lifetime) {
    pqxx::work tx(conn);
    tx.exec_params0("INSERT INTO guest_invitations (invitation_hash, room_id, created_by, "
                    "expires_at) VALUES ($1, $2, $3, now() + $4 * interval '1 second')",
                    invitation_hash, room_id, created_by, static_cast<long long>(lifetime.count()));
    tx.commit();
}

redeemed_invitation check_guest_invitation(pqxx::connection_base& conn,
                                           const std::string& invitation_hash) {
    pqxx::read_transaction tx(conn);
    const auto rows = tx.exec_params(
        "SELECT room_id, used_at IS NOT NULL, expires_at <= now() FROM guest_invitations "
        "WHERE invitation_hash = $1",
        invitation_hash);
    if (rows.empty()) return {invitation_state::unknown, {}};
    const auto room_id = rows[0][0].as<std::string>();
    if (rows[0][1].as<bool>()) return {invitation_state::used, room_id};
    if (rows[0][2].as<bool>()) return {invitation_state::expired, room_id};
    return {invitation_state::valid, room_id};
}

std::optional<guest_invitation_info> describe_guest_invitation(pqxx::connection_base& conn,
                                                               const std::string& invitation_hash) {
    pqxx::read_transaction tx(conn);
    const auto rows =
        tx.exec_params("SELECT r.room_id, t.team_id, t.name, r.format, u.display_name, "
                       "(extract(epoch FROM g.expires_at) * 1000)::bigint FROM guest_invitations g "
                       "JOIN rooms r USING (room_id) JOIN teams t ON t.team_id = r.team_id "
                       "JOIN users u ON u.user_id = g.created_by WHERE g.invitation_hash = $1 "
                       "AND g.used_at IS NULL AND g.expires_at > now() AND r.closed_at IS NULL",
                       invitation_hash);
    if (rows.empty()) return std::nullopt;
    const auto& row = rows[0];
    return guest_invitation_info{row[0].as<std::string>(), row[1].as<std::int64_t>(),
                                 row[2].as<std::string>(), row[3].as<std::string>(),
                                 row[4].as<std::string>(), row[5].as<std::int64_t>()};
}

} // namespace casecircle::db
