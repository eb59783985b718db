#pragma once

#include "tests/chaos/chaos_room.hpp"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace casecircle::chaos {

// One row of room_events, as much of it as the check compares.
struct stored_event {
    std::uint64_t seq = 0;
    std::string actor;
    std::string type;
    std::string command_id;
    std::string text; // data->>'text' (cards)
};

// room_id -> its events in seq order.
using stored_log = std::map<std::string, std::vector<stored_event>>;

// Throws when PostgreSQL cannot be read: no verdict without the log.
stored_log read_stored_log(const std::string& database_url);

// The final check of every acknowledgement and every client's view against the stored log.
struct verdict {
    std::uint64_t stored_events = 0;
    std::uint64_t commands_checked = 0; // acknowledged commands looked up
    std::uint64_t lost = 0;             // acknowledged, not stored
    std::uint64_t duplicated = 0;       // stored more than once
    std::uint64_t seq_mismatches = 0;   // stored under other seqs than the ack named
    std::uint64_t gaps = 0;             // seqs missing from a room's 1..N
    std::uint64_t view_mismatches = 0;  // events a client saw otherwise than stored
    std::uint64_t members_behind = 0;   // clients that could not catch up to the room's end
    std::uint64_t unresolved = 0;       // never answered by ack or refusal
    std::uint64_t unresolved_stored = 0;
    std::uint64_t refused_stored = 0; // refused, yet stored
    std::uint64_t foreign = 0;        // stored command ids no client sent
    std::vector<std::string> details;

    bool pass() const {
        return lost == 0 && duplicated == 0 && seq_mismatches == 0 && gaps == 0 &&
               view_mismatches == 0 && members_behind == 0 && unresolved == 0 &&
               refused_stored == 0 && foreign == 0;
    }
};

verdict check(const std::vector<std::unique_ptr<chaos_room>>& rooms, const stored_log& log);

} // namespace casecircle::chaos
