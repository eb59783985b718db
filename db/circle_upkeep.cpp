#include "db/circle_upkeep.hpp"

#include "db/circle_series.hpp"

#include <pqxx/pqxx>

namespace casecircle::db {
namespace {

void roll_over(pqxx::work& tx, std::int64_t team_id) {
    tx.exec_params(
        "WITH due AS ("
        "  SELECT c.registration_id, c.date_id, d.series_id, d.starts_at, "
        "         d.cancelled_at IS NOT NULL AS cancelled, t.time_zone "
        "  FROM case_registrations c JOIN circle_dates d USING (date_id) "
        "  JOIN teams t ON t.team_id = d.team_id "
        "  WHERE c.team_id = $1 AND c.withdrawn_at IS NULL "
        "    AND NOT EXISTS (SELECT FROM registration_sessions s "
        "                    WHERE s.registration_id = c.registration_id) "
        "    AND (d.cancelled_at IS NOT NULL OR d.closed_at IS NOT NULL "
        "         OR (d.starts_at AT TIME ZONE t.time_zone)::date "
        "            < (now() AT TIME ZONE t.time_zone)::date)) "
        "UPDATE case_registrations c SET date_id = n.date_id, rolled_over = c.rolled_over + 1, "
        "  rolled_from = due.starts_at, position = 0, updated_at = now(), "
        "  roll_reason = CASE WHEN due.cancelled THEN 'date_cancelled' ELSE 'not_discussed' END "
        "FROM due CROSS JOIN LATERAL ("
        "  SELECT n.date_id FROM circle_dates n "
        "  WHERE n.series_id = due.series_id AND n.cancelled_at IS NULL AND n.closed_at IS NULL "
        "    AND n.starts_at > due.starts_at "
        "    AND (n.starts_at AT TIME ZONE due.time_zone)::date "
        "        >= (now() AT TIME ZONE due.time_zone)::date "
        "  ORDER BY n.starts_at LIMIT 1) n "
        // A racing upkeep moved it already: the row's date is no longer the one read.
        "WHERE c.registration_id = due.registration_id AND c.date_id = due.date_id",
        team_id);
}

void place_follow_ups(pqxx::work& tx, std::int64_t team_id) {
    tx.exec_params(
        "INSERT INTO case_registrations (team_id, date_id, case_code, format, kind, "
        "  follows_room_id, minutes_needed, position) "
        "SELECT r.team_id, nd.date_id, m.case_code, m.format, 'follow_up', m.room_id, "
        "  least(480, greatest(5, coalesce((m.content->'timing'->>'planned_minutes')::int, 60))), "
        "  1000 "
        "FROM minutes m JOIN rooms r USING (room_id) JOIN teams t ON t.team_id = r.team_id "
        "CROSS JOIN LATERAL ("
        "  SELECT d.date_id FROM circle_dates d "
        "  WHERE d.team_id = r.team_id AND d.cancelled_at IS NULL AND d.closed_at IS NULL "
        "    AND (d.starts_at AT TIME ZONE t.time_zone)::date "
        "        >= greatest(m.review_date, (now() AT TIME ZONE t.time_zone)::date) "
        "  ORDER BY d.starts_at LIMIT 1) nd "
        "WHERE r.team_id = $1 AND m.review_date IS NOT NULL "
        "  AND m.review_date <= (now() AT TIME ZONE t.time_zone)::date + $2::int "
        // Followed up already, or superseded by a later session of the case.
        "  AND NOT EXISTS (SELECT FROM minutes later JOIN rooms lr USING (room_id) "
        "                  WHERE lr.team_id = r.team_id AND later.case_key = m.case_key "
        "                    AND (later.previous_room_id = m.room_id "
        "                         OR later.session_date > m.session_date)) "
        // The case is on an agenda already, waiting for its session.
        "  AND NOT EXISTS (SELECT FROM case_registrations x "
        "                  WHERE x.team_id = r.team_id AND x.case_key = m.case_key "
        "                    AND x.withdrawn_at IS NULL AND NOT EXISTS "
        "                    (SELECT FROM registration_sessions s "
        "                     WHERE s.registration_id = x.registration_id)) "
        "ON CONFLICT (follows_room_id) DO NOTHING",
        team_id, series_horizon_days);
}

void clear_used_drafts(pqxx::work& tx, std::int64_t team_id) {
    tx.exec_params("DELETE FROM prepared_cards p USING case_registrations c, "
                   "registration_sessions s WHERE p.registration_id = c.registration_id "
                   "AND s.registration_id = c.registration_id AND c.team_id = $1 "
                   "AND s.state <> 'open'",
                   team_id);
    tx.exec_params("UPDATE case_registrations c SET report = '{}', question = '' "
                   "FROM registration_sessions s WHERE s.registration_id = c.registration_id "
                   "AND c.team_id = $1 AND s.state <> 'open' "
                   "AND (c.report <> '{}' OR c.question <> '')",
                   team_id);
}

} // namespace

void bring_cycle_up_to_date(pqxx::connection_base& conn, std::int64_t team_id) {
    make_dates_ahead(conn, team_id);
    pqxx::work tx(conn);
    // One upkeep per team at a time: two readers racing would update the same rows in no
    // particular order, and could deadlock.
    tx.exec_params("SELECT pg_advisory_xact_lock(20, $1::int)", static_cast<int>(team_id));
    roll_over(tx, team_id);
    place_follow_ups(tx, team_id);
    clear_used_drafts(tx, team_id);
    tx.commit();
}

} // namespace casecircle::db
