#pragma once

#include "db/accounts.hpp"
#include "protocol/template.hpp"
#include "protocol/wire.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace pqxx {
class connection_base;
}

namespace casecircle::server {

struct server_context;
class room;

// What entering a session depends on that only the database knows: who is logged in, which
// room an invitation code, guest link or token opens (loaded into memory if it is not), and
// for a new session of a known case what it carries in.
struct entry_facts {
    bool storage_ok = true;
    std::string refusal; // a coded refusal ("unknown_invite", "room_unavailable", ...) or ""
    std::chrono::milliseconds retry_after{0}; // room_elsewhere: when to try again
    std::optional<db::account> account;
    std::shared_ptr<room> in;               // join, guest_join, resume
    std::string participant_id;             // resume: whose token it is
    std::string guest_invitation;           // guest_join: the link's hash, used up on admission
    std::optional<nlohmann::json> previous; // create: link_previous_session fields
    // create from a registered case: its format and case code, and the prepare_case fields.
    struct registered_case {
        std::int64_t registration_id = 0;
        std::string format;
        std::string case_code;
        nlohmann::json preparation;
    };
    std::optional<registered_case> registration;
    // create with one of the team's own formats: its latest version, parsed.
    std::shared_ptr<const protocol::format_template> team_format;
};

// On a storage thread. Throws on database errors.
entry_facts look_up_entry(server_context& ctx, pqxx::connection_base& conn,
                          const protocol::wire::client_message& message,
                          const std::string& login_token);

// A new session belongs to one of the moderator's teams: the one named, or the only one.
// Nothing when the account moderates none of them or the choice is ambiguous.
std::optional<std::int64_t> team_of_new_session(const db::account& account,
                                                std::optional<std::int64_t> named);

// The room in memory, or taken (its lease) and read from PostgreSQL and folded here (on a storage
// thread). No room: it does not exist, its log does not fold (then it is set aside, logged and
// counted: refusal room_unavailable), or another process holds it (room_elsewhere, with when
// to try again; that process is asked to hand it over).
struct room_lookup {
    std::shared_ptr<room> found;
    std::string refusal;
    std::chrono::milliseconds retry_after{0};
};
room_lookup find_or_load_room(server_context& ctx, pqxx::connection_base& conn,
                              const std::string& room_id);

} // namespace casecircle::server
