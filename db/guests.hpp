#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace pqxx {
class connection_base;
}

namespace casecircle::db {

// The team a session belongs to; nothing for unknown rooms or rooms without a team.
std::optional<std::int64_t> room_team(pqxx::connection_base& conn, const std::string& room_id);

void create_guest_invitation(pqxx::connection_base& conn, const std::string& room_id,
                             std::int64_t created_by, const std::string& invitation_hash,
                             std::chrono::seconds lifetime);

enum class invitation_state { valid, unknown, expired, used };

struct redeemed_invitation {
    invitation_state state = invitation_state::unknown;
    std::string room_id;
};

// Whether the invitation may still let a guest in, and into which room. It is used up only in
// the commit that admits the guest (member_record::invitation_hash), so that a refused join
// leaves it valid.
redeemed_invitation check_guest_invitation(pqxx::connection_base& conn,
                                           const std::string& invitation_hash);

// What a guest may read before entering: whose session it is and what kind, never the case.
struct guest_invitation_info {
    std::string room_id;
    std::int64_t team_id = 0;
    std::string team_name;
    std::string format;
    std::string invited_by; // the moderator's display name
    std::int64_t expires_at_ms = 0;
};

// Nothing unless the invitation is valid: known, unused, unexpired, its session not closed.
std::optional<guest_invitation_info> describe_guest_invitation(pqxx::connection_base& conn,
                                                               const std::string& invitation_hash);

} // namespace casecircle::db
