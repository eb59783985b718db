#include "db/retention.hpp"

#include "db/audit.hpp"

#include <pqxx/pqxx>

namespace casecircle::db {
namespace {

constexpr const char* expired_query =
    "SELECT m.room_id, r.team_id, m.case_code, m.session_date::text, t.retention_days "
    "FROM minutes m JOIN rooms r USING (room_id) JOIN teams t USING (team_id) "
    "WHERE m.approved_at < now() - t.retention_days * interval '1 day' "
    "ORDER BY m.approved_at, m.room_id";

std::vector<expired_session> read_expired(pqxx::transaction_base& tx) {
    std::vector<expired_session> out;
    for (const auto& row : tx.exec(expired_query))
        out.push_back({row[0].as<std::string>(), row[1].as<std::int64_t>(),
                       row[2].as<std::string>(), row[3].as<std::string>(), row[4].as<int>()});
    return out;
}

} // namespace

std::vector<expired_session> expired_sessions(pqxx::connection_base& conn) {
    pqxx::read_transaction tx(conn);
    return read_expired(tx);
}

std::vector<expired_session> delete_expired_sessions(pqxx::connection_base& conn, bool dry_run,
                                                     const std::string& actor) {
    pqxx::work tx(conn);
    const auto expired = read_expired(tx);
    if (dry_run || expired.empty()) return expired;
    // The lock triggers let only this transaction delete approved minutes.
    tx.exec0("SET LOCAL casecircle.retention_delete = 'on'");
    for (const auto& s : expired) {
        const auto id = tx.quote(s.room_id);
        for (const char* table : {"minutes_addenda", "minutes_cards", "minutes", "room_events",
                                  "room_members", "guest_invitations", "rooms"})
            tx.exec0(std::string("DELETE FROM ") + table + " WHERE room_id = " + id);
        record_audit(tx, {s.team_id,
                          actor,
                          "session_deleted",
                          s.room_id,
                          "",
                          {{"case_code", s.case_code},
                           {"session_date", s.session_date},
                           {"retention_days", s.retention_days}}});
    }
    tx.commit();
    return expired;
}

} // namespace casecircle::db
