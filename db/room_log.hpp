#pragma once

#include "db/room_records.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace pqxx {
class connection_base;
}

namespace casecircle::db {

// Rooms are loaded when someone enters them, found by the hashes of their credentials: a start
// reads no room, and nothing in memory outlives what the database says exists.

// The session that an invitation code opens; none when unknown or closed for good.
std::optional<std::string> room_by_invite(pqxx::connection_base& conn,
                                          const std::string& invite_hash);

// Who a room token lets back in, while it is valid: not revoked (removed from the room or the
// team, account disabled), and its session not closed (approved, discarded, cancelled) for more
// than `grace`.
struct room_credential {
    std::string room_id;
    std::string participant_id;
    std::optional<std::int64_t> user_id; // none for guests and in open rooms
};
std::optional<room_credential> credential_by_token(pqxx::connection_base& conn,
                                                   const std::string& token_hash,
                                                   std::chrono::seconds grace);

// One room with its members and whole log, in seq order; none when it does not exist.
std::optional<stored_room> load_room(pqxx::connection_base& conn, const std::string& room_id);

// What is really stored for one room after `after_seq`: after a commit whose outcome is unknown
// or that clashed with a stored seq, the room continues from this.
room_tail read_room_tail(pqxx::connection_base& conn, const std::string& room_id,
                         std::uint64_t after_seq);

// Sessions that have not ended and whose last event is older than `before_ms` (a written
// consultation: `written_before_ms`): closed for idleness. At most `limit`, oldest first.
std::vector<std::string> idle_rooms(pqxx::connection_base& conn, std::int64_t before_ms,
                                    std::int64_t written_before_ms, std::size_t limit);

// Of `room_ids`, those that no longer exist (deleted by retention).
std::vector<std::string> gone_rooms(pqxx::connection_base& conn,
                                    const std::vector<std::string>& room_ids);

} // namespace casecircle::db
