#include "db/retention.hpp"

#include "db/notice_listener.hpp"

#include <pqxx/pqxx>

namespace casecircle::db {
namespace {

// Both functions come from migration 010: what has expired is decided in the database, and only
// delete_expired_sessions, run as casecircle_retention, may delete locked rows.
std::vector<expired_session> sessions_of(const pqxx::result& rows) {
    std::vector<expired_session> out;
    for (const auto& row : rows) {
        expired_session s{row[0].as<std::string>(), std::nullopt,
                          row[2].as<std::string>(), row[3].as<std::string>(),
                          row[4].as<std::string>(), std::nullopt};
        if (!row[1].is_null()) s.team_id = row[1].as<std::int64_t>();
        if (!row[5].is_null()) s.retention_days = row[5].as<int>();
        out.push_back(std::move(s));
    }
    return out;
}

int hours(std::chrono::hours h) {
    return static_cast<int>(h.count());
}

} // namespace

std::vector<expired_session> expired_sessions(pqxx::connection_base& conn,
                                              std::chrono::hours closed_grace) {
    pqxx::read_transaction tx(conn);
    return sessions_of(tx.exec_params("SELECT * FROM expired_sessions($1)", hours(closed_grace)));
}

std::vector<expired_session> delete_expired_sessions(pqxx::connection_base& conn, bool dry_run,
                                                     const std::string& actor,
                                                     std::chrono::hours closed_grace) {
    if (dry_run) return expired_sessions(conn, closed_grace);
    pqxx::work tx(conn);
    auto deleted = sessions_of(tx.exec_params("SELECT * FROM delete_expired_sessions($1, $2)",
                                              hours(closed_grace), actor));
    // Delivered with the commit: every server process empties the room if it has it loaded.
    for (const auto& s : deleted)
        tx.exec_params("SELECT pg_notify($1, $2)", std::string(notice_channel),
                       "deleted " + s.room_id);
    tx.commit();
    return deleted;
}

} // namespace casecircle::db
