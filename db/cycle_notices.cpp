#include "db/cycle_notices.hpp"

#include "db/circle_upkeep.hpp"
#include "db/row_values.hpp"

#include <pqxx/pqxx>

namespace casecircle::db {
namespace {

using json = nlohmann::json;

void dates_without_case(pqxx::transaction_base& tx, std::int64_t team_id, json& out) {
    for (const auto& r : tx.exec_params(
             "SELECT d.date_id, (extract(epoch FROM d.starts_at) * 1000)::bigint, "
             "to_char(ds.day, 'YYYY-MM-DD'), s.title "
             "FROM circle_dates d JOIN circle_series s USING (series_id) "
             "JOIN circle_date_states ds USING (date_id) "
             "WHERE d.team_id = $1 AND ds.state = 'planned' AND d.starts_at > now() "
             "AND d.starts_at - s.warn_days * interval '1 day' <= now() "
             "AND NOT EXISTS (SELECT FROM case_registrations c WHERE c.date_id = d.date_id "
             "                AND c.withdrawn_at IS NULL) ORDER BY d.starts_at",
             team_id))
        out.push_back({{"kind", "date_without_case"},
                       {"date_id", r[0].as<std::int64_t>()},
                       {"starts_at", r[1].as<std::int64_t>()},
                       {"day", r[2].as<std::string>()},
                       {"series_title", r[3].as<std::string>()}});
}

void written_steps(pqxx::transaction_base& tx, std::int64_t team_id, json& out) {
    for (const auto& r : tx.exec_params(
             "WITH w AS (SELECT r.room_id, r.case_code, "
             "  (SELECT (e.data->>'step')::int FROM room_events e WHERE e.room_id = r.room_id "
             "   AND e.type = 'step_started' ORDER BY e.seq DESC LIMIT 1) AS step "
             "  FROM rooms r WHERE r.team_id = $1 AND r.closed_at IS NULL "
             "    AND r.ended_at IS NULL AND r.mode = 'written') "
             "SELECT w.room_id, w.case_code, coalesce(w.step, 0), "
             "  (SELECT (e.data->>'deadline')::bigint FROM room_events e "
             "   WHERE e.room_id = w.room_id AND e.type = 'step_deadline_set' "
             // Before the start, step 1's deadline is the one that comes first.
             "     AND (e.data->>'step')::int = greatest(w.step, 1) "
             "   ORDER BY e.seq DESC LIMIT 1) "
             "FROM w ORDER BY w.room_id",
             team_id))
        out.push_back({{"kind", "written_step"},
                       {"room_id", r[0].as<std::string>()},
                       {"case_code", r[1].as<std::string>()},
                       {"step", r[2].as<int>()},
                       {"deadline", integer_or_null(r[3])}});
}

} // namespace

json cycle_notices(pqxx::connection_base& conn, std::int64_t team_id, bool planner) {
    bring_cycle_up_to_date(conn, team_id);
    pqxx::read_transaction tx(conn);
    json out = json::array();
    if (planner) dates_without_case(tx, team_id, out);
    written_steps(tx, team_id, out);
    return {{"notices", out}};
}

} // namespace casecircle::db
