#pragma once

#include "db/lazy_connection.hpp"
#include "db/room_records.hpp"

#include <string>
#include <vector>

namespace pqxx {
class connection_base;
}

namespace casecircle::db {

// Every room that has not ended, with its log, in seq order; for rebuilding after a restart.
std::vector<stored_room> load_live_rooms(pqxx::connection_base& conn);
// Bounded by the settings' timeout as a whole: a backend that holds a lock the reading waits for
// (a stopped writer of an earlier process) must not hang the start.
std::vector<stored_room> load_live_rooms(const connection_settings& settings);

// What is really stored for one room after `after_seq`: after a commit whose outcome is unknown
// or that clashed with a stored seq, the room continues from this.
room_tail read_room_tail(pqxx::connection_base& conn, const std::string& room_id,
                         std::uint64_t after_seq);

} // namespace casecircle::db
