#include "db/room_leases.hpp"

#include <pqxx/pqxx>
#include <set>

namespace casecircle::db {

lease_take take_room_lease(pqxx::connection_base& conn, const std::string& room_id,
                           const std::string& node, std::chrono::milliseconds ttl) {
    pqxx::work tx(conn);
    const auto row = tx.exec_params1("SELECT epoch, coalesce(holder, ''), coalesce(wait_ms, 0) "
                                     "FROM take_room_lease($1, $2, $3)",
                                     room_id, node, static_cast<int>(ttl.count()));
    tx.commit(); // the hand-over notice too
    lease_take take;
    if (!row[0].is_null()) take.epoch = row[0].as<std::int64_t>();
    take.holder = row[1].as<std::string>();
    take.wait = std::chrono::milliseconds(row[2].as<int>());
    return take;
}

std::vector<std::pair<std::string, std::int64_t>>
renew_room_leases(pqxx::connection_base& conn, const std::string& node,
                  const std::vector<std::pair<std::string, std::int64_t>>& rooms,
                  std::chrono::milliseconds ttl) {
    if (rooms.empty()) return {};
    std::string ids, epochs;
    for (const auto& [id, epoch] : rooms) {
        ids += (ids.empty() ? "" : ",") + conn.quote(id);
        epochs += (epochs.empty() ? "" : ",") + std::to_string(epoch);
    }
    pqxx::nontransaction tx(conn);
    const auto renewed = tx.exec_params(
        "UPDATE room_leases l SET expires_at = now() + $2 * interval '1 ms' "
        "FROM unnest(ARRAY[" +
            ids + "]::text[], ARRAY[" + epochs +
            "]::bigint[]) AS h(room_id, epoch) "
            "WHERE l.room_id = h.room_id AND l.epoch = h.epoch AND l.node = $1 RETURNING l.room_id",
        node, static_cast<int>(ttl.count()));
    std::set<std::string> kept;
    for (const auto& r : renewed)
        kept.insert(r[0].as<std::string>());
    std::vector<std::pair<std::string, std::int64_t>> lost;
    for (const auto& room : rooms)
        if (!kept.contains(room.first)) lost.push_back(room);
    return lost;
}

void release_room_lease(pqxx::connection_base& conn, const std::string& room_id,
                        std::int64_t epoch) {
    pqxx::nontransaction tx(conn);
    tx.exec_params("UPDATE room_leases SET expires_at = '-infinity' "
                   "WHERE room_id = $1 AND epoch = $2",
                   room_id, epoch);
}

std::int64_t live_leases(pqxx::connection_base& conn, const std::string& node) {
    pqxx::nontransaction tx(conn);
    return tx
        .exec_params1("SELECT count(*) FROM room_leases WHERE node = $1 AND expires_at > now()",
                      node)[0]
        .as<std::int64_t>();
}

} // namespace casecircle::db
