#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace pqxx {
class connection_base;
}

namespace casecircle::db {

// Why a circle date did not take place; the team's overview counts each.
inline constexpr const char* date_cancel_reasons[] = {"no_case", "too_few_present",
                                                      "moderator_absent", "holiday", "other"};

// {from, to, dates}: a team's circle dates from `from` to `to` (YYYY-MM-DD in the team's time
// zone, inclusive; "" for today and 120 days after `from`), each
// with its state (planned | held | closed | cancelled | missed), its agenda and what it needs:
// see PROTOCOL.md, "Circle dates". Throws invalid_filter for malformed dates.
nlohmann::json list_dates(pqxx::connection_base& conn, std::int64_t team_id,
                          const std::string& from, const std::string& to);
// One date of the team with its agenda; null when the team has no such date.
nlohmann::json one_date(pqxx::connection_base& conn, std::int64_t team_id, std::int64_t date_id);

enum class date_change { done, unknown_date, date_cancelled, date_past };

// Moves a planned, future date to another local day and time ("YYYY-MM-DD", "HH:MM").
date_change move_date(pqxx::connection_base& conn, std::int64_t team_id, std::int64_t date_id,
                      const std::string& day, const std::string& time);
// Cancels a date that has not been held; its registered cases move on to the next date.
date_change cancel_date(pqxx::connection_base& conn, std::int64_t team_id, std::int64_t date_id,
                        const std::string& reason, const std::string& note, std::int64_t by);
// The moderator says the circle is over: the cases not discussed move on to the next date now.
date_change close_date(pqxx::connection_base& conn, std::int64_t team_id, std::int64_t date_id);

} // namespace casecircle::db
