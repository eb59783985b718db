#include "db/circle_series.hpp"

#include <pqxx/pqxx>

namespace casecircle::db {
namespace {

using json = nlohmann::json;

void insert_dates(pqxx::work& tx, std::int64_t team_id, std::optional<std::int64_t> series_id) {
    tx.exec_params(
        "INSERT INTO circle_dates (series_id, team_id, slot, starts_at, planned_minutes) "
        "SELECT s.series_id, s.team_id, d, (d + s.start_time) AT TIME ZONE t.time_zone, "
        "       s.planned_minutes "
        "FROM circle_series s JOIN teams t USING (team_id), "
        "     circle_slots(s.rhythm, s.first_date, "
        "                  (now() AT TIME ZONE t.time_zone)::date + $3::int) AS d "
        "WHERE s.team_id = $1 AND s.ended_at IS NULL AND ($2::bigint IS NULL OR s.series_id = $2) "
        "ON CONFLICT (series_id, slot) DO NOTHING",
        team_id, series_id, series_horizon_days);
}

} // namespace

std::int64_t create_series(pqxx::connection_base& conn, const series_plan& p) {
    pqxx::work tx(conn);
    const auto id =
        tx.exec_params1(
              "INSERT INTO circle_series (team_id, title, format, rhythm, first_date, start_time, "
              "planned_minutes, moderator_id, place, cutoff_days, warn_days, created_by) "
              "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING series_id",
              p.team_id, p.title, p.format, p.rhythm, p.first_date, p.start_time, p.planned_minutes,
              p.moderator_id, p.place, p.cutoff_days, p.warn_days, p.created_by)[0]
            .as<std::int64_t>();
    insert_dates(tx, p.team_id, id);
    tx.commit();
    return id;
}

void make_dates_ahead(pqxx::connection_base& conn, std::int64_t team_id) {
    pqxx::work tx(conn);
    insert_dates(tx, team_id, std::nullopt);
    tx.commit();
}

bool end_series(pqxx::connection_base& conn, std::int64_t team_id, std::int64_t series_id,
                std::int64_t by) {
    pqxx::work tx(conn);
    const auto ended = tx.exec_params("UPDATE circle_series SET ended_at = now() "
                                      "WHERE series_id = $1 AND team_id = $2 AND ended_at IS NULL",
                                      series_id, team_id);
    if (ended.affected_rows() == 0) return false;
    tx.exec_params("UPDATE circle_dates SET cancelled_at = now(), cancel_reason = 'other', "
                   "cancel_note = 'Reihe beendet', cancelled_by = $2 "
                   "WHERE series_id = $1 AND starts_at > now() AND cancelled_at IS NULL",
                   series_id, by);
    tx.commit();
    return true;
}

json list_series(pqxx::connection_base& conn, std::int64_t team_id) {
    pqxx::read_transaction tx(conn);
    json out = json::array();
    for (const auto& r :
         tx.exec_params("SELECT s.series_id, s.title, s.format, s.rhythm, s.first_date::text, "
                        "to_char(s.start_time, 'HH24:MI'), s.planned_minutes, s.moderator_id, "
                        "coalesce(u.display_name, ''), s.place, s.cutoff_days, s.warn_days "
                        "FROM circle_series s LEFT JOIN users u ON u.user_id = s.moderator_id "
                        "WHERE s.team_id = $1 AND s.ended_at IS NULL ORDER BY s.series_id",
                        team_id))
        out.push_back(
            {{"series_id", r[0].as<std::int64_t>()},
             {"title", r[1].as<std::string>()},
             {"format", r[2].as<std::string>()},
             {"rhythm", r[3].as<std::string>()},
             {"first_date", r[4].as<std::string>()},
             {"start_time", r[5].as<std::string>()},
             {"planned_minutes", r[6].as<int>()},
             {"moderator_id", r[7].is_null() ? json(nullptr) : json(r[7].as<std::int64_t>())},
             {"moderator_name", r[8].as<std::string>()},
             {"place", r[9].as<std::string>()},
             {"cutoff_days", r[10].as<int>()},
             {"warn_days", r[11].as<int>()}});
    return out;
}

} // namespace casecircle::db
