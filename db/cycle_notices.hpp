#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>

namespace pqxx {
class connection_base;
}

namespace casecircle::db {

// What is due in a team, for its area's notices: dates within their warning period without a
// registered case (`date_without_case`, for those who plan), and the open written consultations
// with the step they are in and its deadline (`written_step`). Shape in PROTOCOL.md.
nlohmann::json cycle_notices(pqxx::connection_base& conn, std::int64_t team_id, bool planner);

} // namespace casecircle::db
