#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pqxx {
class connection_base;
}

namespace casecircle::db {

// A room is served by the process that holds its lease (migration 012). Appends name the lease's
// epoch (append_request::lease_epoch) and PostgreSQL refuses those of an epoch that is over.

struct lease_take {
    std::optional<std::int64_t> epoch; // taken: the epoch every append must name
    std::string holder;                // not taken: who holds it ("" : the room does not exist)
    std::chrono::milliseconds wait{0}; // not taken: when the holder's lease runs out at the latest
};

// Takes the room's lease for `node` unless another process holds a live one; that process is
// then asked over NOTIFY to hand the room over.
lease_take take_room_lease(pqxx::connection_base& conn, const std::string& room_id,
                           const std::string& node, std::chrono::milliseconds ttl);

// Renews the leases `node` holds; returns those of `rooms` that are no longer its (taken over).
std::vector<std::pair<std::string, std::int64_t>>
renew_room_leases(pqxx::connection_base& conn, const std::string& node,
                  const std::vector<std::pair<std::string, std::int64_t>>& rooms,
                  std::chrono::milliseconds ttl);

// The room left memory: another process may take it at once.
void release_room_lease(pqxx::connection_base& conn, const std::string& room_id,
                        std::int64_t epoch);

// Leases `node` holds that are still live (for /healthz).
std::int64_t live_leases(pqxx::connection_base& conn, const std::string& node);

} // namespace casecircle::db
