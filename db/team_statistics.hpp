#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace pqxx {
class connection_base;
}

namespace casecircle::db {

// Why a session was cancelled, as the moderator chose it; other stored reasons count as "other".
inline constexpr const char* cancellation_reasons[] = {"no_case", "too_few_present",
                                                       "case_withdrawn", "other"};

struct cancellation_count {
    std::string reason;
    std::int64_t count = 0;
};

// How a team's sessions ended within a date range: approved minutes (from the archive), and the
// discarded and cancelled ones (from session_closures, which outlive their rooms).
struct team_statistics {
    std::string from; // YYYY-MM-DD, inclusive
    std::string to;
    std::int64_t approved = 0;
    std::int64_t discarded = 0;
    std::int64_t cancelled = 0;
    std::vector<cancellation_count> cancellations; // every reason, in the order above
};

// `from`/`to` as YYYY-MM-DD; "" means the last 365 days up to today. Throws invalid_filter
// (db/archive_queries.hpp) for malformed dates.
team_statistics session_statistics(pqxx::connection_base& conn, std::int64_t team_id,
                                   const std::string& from, const std::string& to);

} // namespace casecircle::db
