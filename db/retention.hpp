#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace pqxx {
class connection_base;
}

namespace casecircle::db {

struct expired_session {
    std::string room_id;
    std::int64_t team_id = 0;
    std::string case_code;
    std::string session_date;
    int retention_days = 0;
};

// Approved sessions older than their team's retention period.
std::vector<expired_session> expired_sessions(pqxx::connection_base& conn);

// Deletes every trace of the expired sessions – minutes, cards, addenda, search index, events,
// credentials, invitations – in one transaction, and leaves one audit entry per session.
// With dry_run nothing is changed; the result says what would go.
std::vector<expired_session> delete_expired_sessions(pqxx::connection_base& conn, bool dry_run,
                                                     const std::string& actor);

} // namespace casecircle::db
