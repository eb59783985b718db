#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pqxx {
class connection_base;
}

namespace casecircle::db {

// How long a cancelled or discarded session stays after it was closed, unless the operator
// passes --closed-grace-hours to the retention command.
inline constexpr std::chrono::hours default_closed_grace{24};

struct expired_session {
    std::string room_id;
    std::optional<std::int64_t> team_id; // none for an open room
    // approved: retention_days after approval; unapproved (a team session never approved, ended
    // or not): retention_days after creation; cancelled, discarded: the grace period after
    // closing; open (a training room without a team): one day after creation.
    std::string kind;
    std::string case_code;
    std::string session_date;          // approved: the minutes' date; else the creation day
    std::optional<int> retention_days; // the team's, for approved and unapproved sessions
};

// Sessions past their period, of every kind, oldest first.
std::vector<expired_session>
expired_sessions(pqxx::connection_base& conn,
                 std::chrono::hours closed_grace = default_closed_grace);

// Deletes every trace of the expired sessions – minutes, cards, addenda, search index, events,
// credentials, invitations, refused commands, the room – in one transaction, and leaves one audit
// entry per session. session_closures rows stay (the team's statistics). With dry_run nothing is
// changed; the result says what would go.
std::vector<expired_session>
delete_expired_sessions(pqxx::connection_base& conn, bool dry_run, const std::string& actor,
                        std::chrono::hours closed_grace = default_closed_grace);

} // namespace casecircle::db
