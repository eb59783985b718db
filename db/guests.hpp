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

// Marks the invitation used if it is valid; one link lets one guest in, once.
redeemed_invitation redeem_guest_invitation(pqxx::connection_base& conn,
                                            const std::string& invitation_hash);

} // namespace casecircle::db
