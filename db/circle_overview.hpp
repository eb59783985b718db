#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace pqxx {
class connection_base;
}

namespace casecircle::db {

// A team's cycle over a period (YYYY-MM-DD, inclusive, in the team's time zone): circles held,
// cancelled by reason and missed; cases per circle; planned against actual minutes per step of
// the approved sessions; follow-ups held on time or late; registered cases that rolled over.
// Shape in PROTOCOL.md ("The circle's overview"). Throws invalid_filter for malformed dates.
nlohmann::json circle_overview(pqxx::connection_base& conn, std::int64_t team_id,
                               const std::string& from, const std::string& to);

} // namespace casecircle::db
