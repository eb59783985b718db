#pragma once

#include <cstdint>

namespace pqxx {
class connection_base;
}

namespace casecircle::db {

// Brings a team's cycle to the present before anyone reads it: dates are made up to the horizon;
// registered cases of a date that is over (its day passed, the moderator closed it, or it was
// cancelled) without having been opened move on to the series' next date, counted and with the
// reason; a decision whose review date has come and that no later session has followed up is
// placed on the first date on or after that day as a follow-up; the drafts of a case whose
// session ended with minutes (approved or discarded) are cleared, since the session holds them.
// Idempotent; callers for one team take turns (an advisory lock), and each move names the date
// it moves from besides.
void bring_cycle_up_to_date(pqxx::connection_base& conn, std::int64_t team_id);

} // namespace casecircle::db
