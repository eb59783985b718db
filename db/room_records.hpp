#pragma once

#include "protocol/event.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace casecircle::db {

struct room_record {
    std::string room_id;
    std::string format;
    std::string case_code;
    std::string title;
    std::string invite_hash;
    std::optional<std::int64_t> team_id;    // none for an open (training) room
    std::optional<std::int64_t> created_by; // the moderator's account
    // Opened from a case registered for a circle date (the database allows one live session
    // per registration).
    std::optional<std::int64_t> registration_id;
    std::string mode = "meeting"; // or "written"
};

struct member_record {
    std::string participant_id;
    std::string token_hash;
    std::optional<std::int64_t> user_id; // none for guests and in open rooms
    bool guest = false;
    std::string invitation_hash; // a guest's link, used up in the commit that admits them
};

// How a session closed for good: `approved` (the minutes are archived), `discarded` (the
// moderator threw the draft away) or `cancelled` (no minutes at all). Discarded and cancelled
// sessions leave a row for the team's statistics that outlives the room.
struct room_closure {
    std::string closed_as;
    std::string reason; // cancelled: no_case | too_few_present | case_withdrawn | other
    std::string note;
    std::optional<std::int64_t> team_id;
    std::string format;
};

struct event_row {
    protocol::event event;
    std::string command_id; // the client's id for the command that produced it, or ""
};

// A command the engine refused, kept so that a resend is refused the same way after a restart.
struct rejection_row {
    std::string actor;
    std::string command_id;
    std::string code;
    std::string message_de;
    std::string message_en;
};

// What a room's stored log holds beyond a point: the events and every refused command.
struct room_tail {
    std::vector<event_row> rows;
    std::vector<rejection_row> rejections;
};

struct stored_room {
    room_record room;
    std::vector<member_record> members;
    room_tail log;
    std::string time_zone; // the team's; empty for an open room
};

} // namespace casecircle::db
