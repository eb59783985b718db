#pragma once

#include "db/room_records.hpp"

#include <string>
#include <vector>

namespace pqxx {
class connection_base;
}

namespace casecircle::db {

// Every room that has not ended, with its log, in seq order; for rebuilding after a restart.
std::vector<stored_room> load_live_rooms(pqxx::connection_base& conn);
std::vector<stored_room> load_live_rooms(const std::string& database_url);

// What is really stored for one room after `after_seq`: after a commit whose outcome is unknown
// or that clashed with a stored seq, the room continues from this.
room_tail read_room_tail(pqxx::connection_base& conn, const std::string& room_id,
                         std::uint64_t after_seq);

} // namespace casecircle::db
