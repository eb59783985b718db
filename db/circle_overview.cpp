#include "db/circle_overview.hpp"

#include "db/archive_queries.hpp"
#include "db/circle_dates.hpp"
#include "db/circle_upkeep.hpp"

#include <map>
#include <pqxx/pqxx>

namespace casecircle::db {
namespace {

using json = nlohmann::json;

// The period's dates as CTE `period`, with their local day and state.
constexpr const char* period_dates =
    "WITH period AS (SELECT d.*, ds.day, ds.state FROM circle_dates d "
    "  JOIN circle_date_states ds USING (date_id) "
    "  WHERE d.team_id = $1 AND ds.day BETWEEN $2::date AND $3::date) ";

json date_figures(pqxx::transaction_base& tx, std::int64_t team_id, const std::string& from,
                  const std::string& to) {
    json counts{{"planned", 0}, {"held", 0}, {"cancelled", 0}, {"missed", 0}};
    std::map<std::string, std::int64_t> reasons;
    for (const auto& r : tx.exec_params(std::string(period_dates) +
                                            "SELECT state, coalesce(cancel_reason, ''), count(*) "
                                            "FROM period GROUP BY 1, 2",
                                        team_id, from, to)) {
        const auto n = r[2].as<std::int64_t>();
        counts[r[0].as<std::string>()] = counts[r[0].as<std::string>()].get<std::int64_t>() + n;
        if (!r[1].as<std::string>().empty()) reasons[r[1].as<std::string>()] += n;
    }
    json by_reason = json::array();
    for (const auto* reason : date_cancel_reasons)
        by_reason.push_back({{"reason", reason}, {"count", reasons[reason]}});
    counts["cancellations"] = by_reason;
    return counts;
}

json circles_held(pqxx::transaction_base& tx, std::int64_t team_id, const std::string& from,
                  const std::string& to) {
    json out = json::array();
    for (const auto& r : tx.exec_params(
             std::string(period_dates) +
                 "SELECT p.date_id, p.day::text, p.planned_minutes, "
                 "(SELECT count(*) FROM registration_sessions s JOIN case_registrations c "
                 " USING (registration_id) WHERE c.date_id = p.date_id), "
                 "(SELECT count(*) FROM case_registrations c WHERE c.date_id = p.date_id "
                 " AND c.kind = 'follow_up' AND EXISTS (SELECT FROM registration_sessions s "
                 " WHERE s.registration_id = c.registration_id)) "
                 "FROM period p WHERE p.state = 'held' ORDER BY p.starts_at",
             team_id, from, to))
        out.push_back({{"date_id", r[0].as<std::int64_t>()},
                       {"day", r[1].as<std::string>()},
                       {"planned_minutes", r[2].as<int>()},
                       {"cases", r[3].as<std::int64_t>()},
                       {"follow_ups", r[4].as<std::int64_t>()}});
    return out;
}

// Planned against actual minutes per step, over the team's approved sessions of the period.
json step_minutes(pqxx::transaction_base& tx, std::int64_t team_id, const std::string& from,
                  const std::string& to) {
    json out = json::array();
    for (const auto& r :
         tx.exec_params("SELECT m.format, (s->>'number')::int, s->>'key', "
                        "coalesce(s->'title'->>'de', s->>'key'), count(*), "
                        "round(avg((s->>'planned_minutes')::numeric), 1)::float8, "
                        "round(avg((s->>'actual_seconds')::numeric) / 60, 1)::float8 "
                        "FROM minutes m JOIN rooms r USING (room_id), "
                        "jsonb_array_elements(m.content->'steps') s "
                        "WHERE r.team_id = $1 AND m.session_date BETWEEN $2::date AND $3::date "
                        "AND (s->>'reached')::boolean "
                        "GROUP BY 1, 2, 3, 4 ORDER BY 1, 2",
                        team_id, from, to))
        out.push_back({{"format", r[0].as<std::string>()},
                       {"step", r[1].as<int>()},
                       {"key", r[2].as<std::string>()},
                       {"title", r[3].as<std::string>()},
                       {"sessions", r[4].as<std::int64_t>()},
                       {"planned_minutes", r[5].as<double>()},
                       {"actual_minutes", r[6].as<double>()}});
    return out;
}

// A follow-up is on time when its session was held on the first date after the review date it
// was placed on (it never rolled over); late when it rolled over or is still waiting after the
// review date.
json follow_up_figures(pqxx::transaction_base& tx, std::int64_t team_id, const std::string& from,
                       const std::string& to) {
    const auto r = tx.exec_params1(
        std::string(period_dates) +
            "SELECT count(*) FILTER (WHERE s.room_id IS NOT NULL AND c.rolled_over = 0), "
            "count(*) FILTER (WHERE s.room_id IS NOT NULL AND c.rolled_over > 0), "
            "count(*) FILTER (WHERE s.room_id IS NULL AND m.review_date < "
            "  (SELECT (now() AT TIME ZONE t.time_zone)::date FROM teams t WHERE t.team_id = $1)) "
            "FROM case_registrations c JOIN period p USING (date_id) "
            "LEFT JOIN registration_sessions s USING (registration_id) "
            "LEFT JOIN minutes m ON m.room_id = c.follows_room_id "
            "WHERE c.kind = 'follow_up' AND c.withdrawn_at IS NULL",
        team_id, from, to);
    return {{"on_time", r[0].as<std::int64_t>()},
            {"late", r[1].as<std::int64_t>()},
            {"waiting_overdue", r[2].as<std::int64_t>()}};
}

std::int64_t rolled_over(pqxx::transaction_base& tx, std::int64_t team_id, const std::string& from,
                         const std::string& to) {
    return tx
        .exec_params1(std::string(period_dates) +
                          "SELECT count(*) FROM case_registrations c JOIN period p "
                          "USING (date_id) WHERE c.rolled_over > 0",
                      team_id, from, to)[0]
        .as<std::int64_t>();
}

} // namespace

json circle_overview(pqxx::connection_base& conn, std::int64_t team_id, const std::string& from,
                     const std::string& to) {
    const auto first = checked_date(from, "from");
    const auto last = checked_date(to, "to");
    bring_cycle_up_to_date(conn, team_id);
    pqxx::read_transaction tx(conn);
    auto circles = circles_held(tx, team_id, first, last);
    std::int64_t cases = 0;
    for (const auto& c : circles)
        cases += c["cases"].get<std::int64_t>();
    return {
        {"from", first},
        {"to", last},
        {"dates", date_figures(tx, team_id, first, last)},
        {"circles", circles},
        {"cases", cases},
        {"cases_per_circle",
         circles.empty() ? 0.0 : static_cast<double>(cases) / static_cast<double>(circles.size())},
        {"steps", step_minutes(tx, team_id, first, last)},
        {"follow_ups", follow_up_figures(tx, team_id, first, last)},
        {"rolled_over", rolled_over(tx, team_id, first, last)}};
}

} // namespace casecircle::db
