// How a room leaves memory and how people lose their place in it: unloading, closing for
// idleness, revoked accounts, removed participants, deletion.
#include "server/room.hpp"

#include "db/room_leases.hpp"
#include "server/metrics.hpp"
#include "server/room_events.hpp"
#include "server/room_registry.hpp"
#include "server/websocket_session.hpp"

#include <boost/asio/post.hpp>

namespace casecircle::server {

namespace asio = boost::asio;
namespace wire = protocol::wire;
using json = nlohmann::json;

void room::unload_if_idle(std::chrono::steady_clock::duration idle_after) {
    asio::post(strand_, [self = shared_from_this(), idle_after] {
        if (self->unloaded_ || !self->members_.empty() || self->in_flight_ ||
            !self->waiting_.empty())
            return;
        // An ended session waits for its moderator in PostgreSQL, not in memory.
        const bool done = self->state_.ended();
        if (!done && std::chrono::steady_clock::now() - self->last_active_ < idle_after) return;
        self->leave_memory();
    });
}

void room::close_if_idle(protocol::millis before, protocol::millis written_before) {
    asio::post(strand_, [self = shared_from_this(), before, written_before] {
        const auto& d = self->state_.data();
        if (self->unloaded_ || self->state_.ended() ||
            d.last_at >= (d.written() ? written_before : before))
            return;
        pending p;
        p.decide = [](const protocol::session_state& state, protocol::millis now) {
            return protocol::decide(state, std::string(protocol::system_actor),
                                    {"end", {{"reason", "idle"}}}, now);
        };
        p.complete = [self](const protocol::outcome& out, bool committed) {
            if (committed)
                self->services_.stats.sessions_closed_idle.fetch_add(1);
            else if (const auto* why = std::get_if<protocol::rejection>(&out))
                self->services_.stats.report_error("idle_close_refused",
                                                   self->room_id_ + ": " + why->code);
        };
        self->enqueue(std::move(p));
    });
}

void room::revoke_account(std::int64_t user_id) {
    asio::post(strand_, [self = shared_from_this(), user_id] {
        const auto it = self->accounts_.find(user_id);
        if (it != self->accounts_.end()) self->send_away({it->second}, "access_revoked");
    });
}

void room::vanish() {
    asio::post(strand_, [self = shared_from_this()] { self->move_out("session_deleted"); });
}

void room::hand_over() {
    asio::post(strand_, [self = shared_from_this()] {
        self->when_committed([self] {
            if (self->unloaded_) return;
            self->services_.stats.rooms_handed_over.fetch_add(1, std::memory_order_relaxed);
            self->move_out("room_moved");
        });
    });
}

void room::lease_lost() {
    asio::post(strand_, [self = shared_from_this()] {
        if (self->unloaded_) return;
        self->services_.stats.rooms_fenced.fetch_add(1, std::memory_order_relaxed);
        // A commit in flight meets the new epoch and is refused; its commands are answered then.
        self->move_out("room_moved");
    });
}

void room::move_out(const char* code) {
    if (unloaded_) return;
    std::set<std::string> everyone;
    for (const auto& m : members_)
        everyone.insert(m.participant_id);
    send_away(everyone, code);
    leave_memory();
}

void room::leave_memory() {
    // Entries that already hold this instance find it unloaded and look the room up again.
    unloaded_ = true;
    services_.registry.remove(*this);
    services_.stats.rooms_unloaded.fetch_add(1, std::memory_order_relaxed);
    // Another process may take the room at once. Only this epoch is released: a lease taken
    // over meanwhile stays with its new holder.
    [[maybe_unused]] const bool queued = services_.storage.post(
        db::storage_pool::lane::normal,
        [room_id = room_id_, epoch = lease_epoch_](pqxx::connection_base* conn) {
            if (conn == nullptr) return;
            try {
                db::release_room_lease(*conn, room_id, epoch);
            } catch (const std::exception&) {
                // It runs out by itself after --lease-ttl.
            }
        });
}

void room::send_away(const std::set<std::string>& participant_ids, const char* code) {
    if (participant_ids.empty()) return;
    const auto farewell = shared_frame(wire::error_frame(wire::make_error(code)));
    std::erase_if(members_, [&](const member& m) {
        if (!participant_ids.contains(m.participant_id)) return false;
        if (auto s = m.session.lock()) s->leave_room(farewell);
        return true;
    });
    announce_presence();
}

} // namespace casecircle::server
