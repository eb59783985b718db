#include "db/retention.hpp"

#include "db/audit.hpp"

#include <pqxx/pqxx>

namespace casecircle::db {
namespace {

// One kind per room (an approved session is one with minutes, as before closed_as existed), then
// that kind's period. $1: the grace period for cancelled and discarded sessions, in hours.
constexpr const char* expired_query =
    "SELECT room_id, team_id, kind, case_code, session_date, retention_days FROM ("
    "  SELECT r.room_id, r.team_id, r.case_code, t.retention_days, r.created_at, r.closed_at,"
    "         m.approved_at, coalesce(m.session_date, r.created_at::date)::text AS session_date,"
    "         CASE WHEN r.team_id IS NULL THEN 'open'"
    "              WHEN m.room_id IS NOT NULL THEN 'approved'"
    "              WHEN r.closed_as IN ('cancelled', 'discarded') THEN r.closed_as"
    "              WHEN r.closed_at IS NULL THEN 'unapproved' END AS kind"
    "  FROM rooms r LEFT JOIN teams t USING (team_id) LEFT JOIN minutes m USING (room_id)"
    ") s WHERE CASE"
    "  WHEN kind = 'open' THEN created_at < now() - interval '1 day'"
    "  WHEN kind = 'approved' THEN approved_at < now() - retention_days * interval '1 day'"
    "  WHEN kind = 'unapproved' THEN created_at < now() - retention_days * interval '1 day'"
    "  WHEN kind IN ('cancelled', 'discarded') THEN closed_at < now() - $1::int * interval '1 hour'"
    "  END "
    "ORDER BY created_at, room_id";

std::vector<expired_session> read_expired(pqxx::transaction_base& tx,
                                          std::chrono::hours closed_grace) {
    std::vector<expired_session> out;
    for (const auto& row : tx.exec_params(expired_query, closed_grace.count())) {
        expired_session s{row[0].as<std::string>(), std::nullopt,
                          row[2].as<std::string>(), row[3].as<std::string>(),
                          row[4].as<std::string>(), std::nullopt};
        if (!row[1].is_null()) s.team_id = row[1].as<std::int64_t>();
        if (!row[5].is_null() && (s.kind == "approved" || s.kind == "unapproved"))
            s.retention_days = row[5].as<int>();
        out.push_back(std::move(s));
    }
    return out;
}

} // namespace

std::vector<expired_session> expired_sessions(pqxx::connection_base& conn,
                                              std::chrono::hours closed_grace) {
    pqxx::read_transaction tx(conn);
    return read_expired(tx, closed_grace);
}

std::vector<expired_session> delete_expired_sessions(pqxx::connection_base& conn, bool dry_run,
                                                     const std::string& actor,
                                                     std::chrono::hours closed_grace) {
    pqxx::work tx(conn);
    const auto expired = read_expired(tx, closed_grace);
    if (dry_run || expired.empty()) return expired;
    // The lock triggers let only this transaction delete approved minutes.
    tx.exec0("SET LOCAL casecircle.retention_delete = 'on'");
    for (const auto& s : expired) {
        const auto id = tx.quote(s.room_id);
        for (const char* table : {"minutes_addenda", "minutes_cards", "minutes", "room_events",
                                  "room_members", "guest_invitations", "room_rejections", "rooms"})
            tx.exec0(std::string("DELETE FROM ") + table + " WHERE room_id = " + id);
        nlohmann::json detail = {
            {"kind", s.kind}, {"case_code", s.case_code}, {"session_date", s.session_date}};
        if (s.retention_days) detail["retention_days"] = *s.retention_days;
        if (s.kind == "cancelled" || s.kind == "discarded")
            detail["closed_grace_hours"] = closed_grace.count();
        record_audit(tx, {s.team_id, actor, "session_deleted", s.room_id, "", detail});
    }
    tx.commit();
    return expired;
}

} // namespace casecircle::db
