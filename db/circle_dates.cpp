#include "db/circle_dates.hpp"

#include "db/archive_queries.hpp"
#include "db/circle_upkeep.hpp"
#include "db/registration_rows.hpp"
#include "db/row_values.hpp"

#include <map>
#include <pqxx/pqxx>
#include <vector>

namespace casecircle::db {
namespace {

using json = nlohmann::json;

constexpr const char* date_columns =
    "d.date_id, d.series_id, s.title, s.format, "
    "(extract(epoch FROM d.starts_at) * 1000)::bigint, "
    "to_char(d.starts_at AT TIME ZONE t.time_zone, 'YYYY-MM-DD'), "
    "to_char(d.starts_at AT TIME ZONE t.time_zone, 'HH24:MI'), d.planned_minutes, s.place, "
    "s.moderator_id, coalesce(u.display_name, ''), ds.state, "
    "coalesce(d.cancel_reason, ''), d.cancel_note, "
    "(extract(epoch FROM d.moved_from) * 1000)::bigint, "
    "(extract(epoch FROM d.starts_at - s.cutoff_days * interval '1 day') * 1000)::bigint, "
    "d.starts_at - s.warn_days * interval '1 day' <= now(), d.closed_at IS NOT NULL, "
    "to_char(d.slot, 'YYYY-MM-DD') "
    "FROM circle_dates d JOIN circle_series s USING (series_id) "
    "JOIN circle_date_states ds USING (date_id) JOIN teams t ON t.team_id = d.team_id "
    "LEFT JOIN users u ON u.user_id = s.moderator_id ";

json date_of(const pqxx::row& r) {
    return {{"date_id", r[0].as<std::int64_t>()},
            {"series_id", r[1].as<std::int64_t>()},
            {"series_title", r[2].as<std::string>()},
            {"format", r[3].as<std::string>()},
            {"starts_at", r[4].as<std::int64_t>()},
            {"day", r[5].as<std::string>()},
            {"time", r[6].as<std::string>()},
            {"planned_minutes", r[7].as<int>()},
            {"place", r[8].as<std::string>()},
            {"moderator_id", integer_or_null(r[9])},
            {"moderator_name", r[10].as<std::string>()},
            {"state", r[11].as<std::string>()},
            {"cancel_reason", text_or_null(r[12])},
            {"cancel_note", r[13].as<std::string>()},
            {"moved_from", integer_or_null(r[14])},
            {"registration_until", r[15].as<std::int64_t>()},
            {"within_warning", r[16].as<bool>()},
            {"closed", r[17].as<bool>()},
            {"slot", r[18].as<std::string>()},
            {"agenda", json::array()}};
}

} // namespace

namespace {

json with_agendas(pqxx::transaction_base& tx, json dates) {
    if (dates.empty()) return dates;
    std::map<std::int64_t, json*> by_id;
    std::string ids = "{";
    for (auto& d : dates) {
        const auto id = d["date_id"].get<std::int64_t>();
        by_id[id] = &d;
        if (ids.size() > 1) ids += ',';
        ids += std::to_string(id);
    }
    ids += '}';
    for (const auto& r :
         tx.exec_params(registration_select() +
                            "WHERE c.date_id = ANY($1::bigint[]) AND c.withdrawn_at IS NULL "
                            "ORDER BY c.date_id, c.position, c.registration_id",
                        ids)) {
        auto& date = *by_id.at(r[1].as<std::int64_t>());
        date["agenda"].push_back(registration_of(r));
    }
    for (auto& d : dates) {
        int needed = 0;
        for (const auto& c : d["agenda"])
            needed += c["minutes_needed"].get<int>();
        d["minutes_needed"] = needed;
        const bool future = d["state"] == "planned";
        d["warning"] = future && d["within_warning"].get<bool>() && d["agenda"].empty()
                           ? json("no_case")
                           : json(nullptr);
        d.erase("within_warning");
    }
    return dates;
}

} // namespace

json list_dates(pqxx::connection_base& conn, std::int64_t team_id, const std::string& from,
                const std::string& to) {
    if (!from.empty()) checked_date(from, "from");
    if (!to.empty()) checked_date(to, "to");
    bring_cycle_up_to_date(conn, team_id);
    pqxx::read_transaction tx(conn);
    json out;
    try {
        const auto range = tx.exec_params1(
            "SELECT coalesce($2::date, (now() AT TIME ZONE time_zone)::date)::text, "
            "coalesce($3::date, coalesce($2::date, (now() AT TIME ZONE time_zone)::date) + 120)"
            "::text FROM teams WHERE team_id = $1",
            team_id, from.empty() ? std::nullopt : std::optional<std::string>(from),
            to.empty() ? std::nullopt : std::optional<std::string>(to));
        out = {{"from", range[0].as<std::string>()}, {"to", range[1].as<std::string>()}};
    } catch (const pqxx::data_exception&) {
        throw invalid_filter("from and to must be dates YYYY-MM-DD");
    }
    json dates = json::array();
    for (const auto& r :
         tx.exec_params(std::string("SELECT ") + date_columns +
                            "WHERE d.team_id = $1 AND ds.day BETWEEN $2::date "
                            "AND $3::date ORDER BY d.starts_at",
                        team_id, out["from"].get<std::string>(), out["to"].get<std::string>()))
        dates.push_back(date_of(r));
    out["dates"] = with_agendas(tx, std::move(dates));
    return out;
}

json one_date(pqxx::connection_base& conn, std::int64_t team_id, std::int64_t date_id) {
    bring_cycle_up_to_date(conn, team_id);
    pqxx::read_transaction tx(conn);
    json dates = json::array();
    for (const auto& r : tx.exec_params(std::string("SELECT ") + date_columns +
                                            "WHERE d.team_id = $1 AND d.date_id = $2",
                                        team_id, date_id))
        dates.push_back(date_of(r));
    dates = with_agendas(tx, std::move(dates));
    return dates.empty() ? json(nullptr) : dates[0];
}

namespace {

// The date's row locked, or why it cannot change.
date_change lock_changeable(pqxx::work& tx, std::int64_t team_id, std::int64_t date_id) {
    const auto rows = tx.exec_params(
        "SELECT d.cancelled_at IS NOT NULL, d.starts_at < now() OR d.closed_at IS NOT NULL "
        "FROM circle_dates d WHERE d.team_id = $1 AND d.date_id = $2 FOR UPDATE",
        team_id, date_id);
    if (rows.empty()) return date_change::unknown_date;
    if (rows[0][0].as<bool>()) return date_change::date_cancelled;
    if (rows[0][1].as<bool>()) return date_change::date_past;
    return date_change::done;
}

} // namespace

date_change move_date(pqxx::connection_base& conn, std::int64_t team_id, std::int64_t date_id,
                      const std::string& day, const std::string& time) {
    pqxx::work tx(conn);
    if (const auto why = lock_changeable(tx, team_id, date_id); why != date_change::done)
        return why;
    const auto moved = tx.exec_params(
        "UPDATE circle_dates d SET moved_from = coalesce(d.moved_from, d.starts_at), "
        "starts_at = ($3::date + $4::time) AT TIME ZONE t.time_zone FROM teams t "
        "WHERE t.team_id = d.team_id AND d.team_id = $1 AND d.date_id = $2 "
        "AND ($3::date + $4::time) AT TIME ZONE t.time_zone > now()",
        team_id, date_id, day, time);
    if (moved.affected_rows() == 0) return date_change::date_past;
    tx.commit();
    return date_change::done;
}

date_change cancel_date(pqxx::connection_base& conn, std::int64_t team_id, std::int64_t date_id,
                        const std::string& reason, const std::string& note, std::int64_t by) {
    {
        pqxx::work tx(conn);
        // Held (a session opened from its agenda, or closed): nothing left to cancel.
        const auto rows = tx.exec_params(
            "SELECT d.cancelled_at IS NOT NULL, ds.state = 'held' FROM circle_dates d "
            "JOIN circle_date_states ds USING (date_id) "
            "WHERE d.team_id = $1 AND d.date_id = $2 FOR UPDATE OF d",
            team_id, date_id);
        if (rows.empty()) return date_change::unknown_date;
        if (rows[0][0].as<bool>()) return date_change::date_cancelled;
        if (rows[0][1].as<bool>()) return date_change::date_past;
        tx.exec_params("UPDATE circle_dates SET cancelled_at = now(), cancel_reason = $2, "
                       "cancel_note = $3, cancelled_by = $4 WHERE date_id = $1",
                       date_id, reason, note, by);
        tx.commit();
    }
    bring_cycle_up_to_date(conn, team_id);
    return date_change::done;
}

date_change close_date(pqxx::connection_base& conn, std::int64_t team_id, std::int64_t date_id) {
    {
        pqxx::work tx(conn);
        const auto rows = tx.exec_params("SELECT cancelled_at IS NOT NULL, closed_at IS NOT NULL "
                                         "FROM circle_dates WHERE team_id = $1 AND date_id = $2 "
                                         "FOR UPDATE",
                                         team_id, date_id);
        if (rows.empty()) return date_change::unknown_date;
        if (rows[0][0].as<bool>()) return date_change::date_cancelled;
        if (!rows[0][1].as<bool>())
            tx.exec_params("UPDATE circle_dates SET closed_at = now() WHERE date_id = $1", date_id);
        tx.commit();
    }
    bring_cycle_up_to_date(conn, team_id);
    return date_change::done;
}

} // namespace casecircle::db
