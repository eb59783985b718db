#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace pqxx {
class connection_base;
}

namespace casecircle::db {

// A team's circle: when it meets (rhythm, first date, time of day in the team's time zone), for
// how long, who usually moderates, where, and how early cases must be registered.
struct series_plan {
    std::int64_t team_id = 0;
    std::string title;
    std::string format;
    std::string rhythm;     // weekly | biweekly | monthly | bimonthly | single
    std::string first_date; // YYYY-MM-DD
    std::string start_time; // HH:MM
    int planned_minutes = 90;
    std::optional<std::int64_t> moderator_id;
    std::string place;
    int cutoff_days = 2;
    int warn_days = 7;
    std::int64_t created_by = 0;
};

inline constexpr const char* rhythms[] = {"weekly", "biweekly", "monthly", "bimonthly", "single"};
// How far ahead a series' dates exist.
inline constexpr int series_horizon_days = 400;

// The new series' id; its dates are made at once.
std::int64_t create_series(pqxx::connection_base& conn, const series_plan& plan);
// Makes the dates of the team's running series up to the horizon (idempotent).
void make_dates_ahead(pqxx::connection_base& conn, std::int64_t team_id);
// Stops a series: its dates from now on are cancelled with the reason "other" and the note
// given. False when the team has no such running series.
bool end_series(pqxx::connection_base& conn, std::int64_t team_id, std::int64_t series_id,
                std::int64_t by);
nlohmann::json list_series(pqxx::connection_base& conn, std::int64_t team_id);

} // namespace casecircle::db
