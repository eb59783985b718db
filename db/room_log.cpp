#include "db/room_log.hpp"

#include <pqxx/pqxx>
#include <set>

namespace casecircle::db {
namespace {

std::optional<std::int64_t> optional_id(const pqxx::field& f) {
    return f.is_null() ? std::nullopt : std::optional<std::int64_t>(f.as<std::int64_t>());
}

// Columns: seq, at_ms, actor, type, data, command_id.
event_row event_of(const pqxx::row& row) {
    return {{row[0].as<std::uint64_t>(), row[1].as<std::int64_t>(), row[2].as<std::string>(),
             row[3].as<std::string>(), nlohmann::json::parse(row[4].as<std::string>())},
            row[5].as<std::string>()};
}

// Columns: actor, command_id, code, message_de, message_en.
rejection_row rejection_of(const pqxx::row& row) {
    return {row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::string>(),
            row[3].as<std::string>(), row[4].as<std::string>()};
}

room_tail read_tail(pqxx::transaction_base& tx, const std::string& room_id,
                    std::uint64_t after_seq) {
    room_tail tail;
    for (const auto& row :
         tx.exec_params("SELECT seq, at_ms, actor, type, data::text, coalesce(command_id, '') "
                        "FROM room_events WHERE room_id = $1 AND seq > $2 ORDER BY seq",
                        room_id, after_seq))
        tail.rows.push_back(event_of(row));
    for (const auto& row : tx.exec_params("SELECT actor, command_id, code, message_de, message_en "
                                          "FROM room_rejections WHERE room_id = $1",
                                          room_id))
        tail.rejections.push_back(rejection_of(row));
    return tail;
}

std::string array_literal(pqxx::transaction_base& tx, const std::vector<std::string>& items) {
    std::string list;
    for (const auto& item : items)
        list += (list.empty() ? "" : ",") + tx.quote(item);
    return "ARRAY[" + list + "]::text[]";
}

} // namespace

std::optional<std::string> room_by_invite(pqxx::connection_base& conn,
                                          const std::string& invite_hash) {
    // One statement: no BEGIN and COMMIT round trips around it (a storm of resumes waits on these).
    pqxx::nontransaction tx(conn);
    const auto rows = tx.exec_params(
        "SELECT room_id FROM rooms WHERE invite_hash = $1 AND closed_at IS NULL", invite_hash);
    if (rows.empty()) return std::nullopt;
    return rows[0][0].as<std::string>();
}

std::optional<room_credential> credential_by_token(pqxx::connection_base& conn,
                                                   const std::string& token_hash,
                                                   std::chrono::seconds grace) {
    // Prepared once per connection and one statement without BEGIN and COMMIT: in a storm of
    // resumes (everyone back after a network outage) every resume waits on this lookup.
    conn.prepare("credential_by_token",
                 "SELECT m.room_id, m.participant_id, m.user_id FROM room_members m "
                 "JOIN rooms r USING (room_id) WHERE m.token_hash = $1 AND m.revoked_at IS NULL "
                 "AND (r.closed_at IS NULL OR r.closed_at > now() - $2 * interval '1 second')");
    pqxx::nontransaction tx(conn);
    const auto rows =
        tx.exec_prepared("credential_by_token", token_hash, static_cast<long long>(grace.count()));
    if (rows.empty()) return std::nullopt;
    return room_credential{rows[0][0].as<std::string>(), rows[0][1].as<std::string>(),
                           optional_id(rows[0][2])};
}

std::optional<stored_room> load_room(pqxx::connection_base& conn, const std::string& room_id) {
    pqxx::read_transaction tx(conn);
    const auto found = tx.exec_params(
        "SELECT room_id, format, case_code, title, invite_hash, team_id, created_by, "
        "registration_id, mode, "
        "(SELECT t.time_zone FROM teams t WHERE t.team_id = rooms.team_id) "
        "FROM rooms WHERE room_id = $1",
        room_id);
    if (found.empty()) return std::nullopt;
    const auto& row = found[0];
    stored_room room{{row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::string>(),
                      row[3].as<std::string>(), row[4].as<std::string>(), optional_id(row[5]),
                      optional_id(row[6]), optional_id(row[7]), row[8].as<std::string>()},
                     {},
                     read_tail(tx, room_id, 0),
                     row[9].is_null() ? std::string() : row[9].as<std::string>()};
    for (const auto& m : tx.exec_params("SELECT participant_id, token_hash, user_id, guest "
                                        "FROM room_members WHERE room_id = $1",
                                        room_id))
        room.members.push_back({m[0].as<std::string>(),
                                m[1].as<std::string>(),
                                optional_id(m[2]),
                                m[3].as<bool>(),
                                {}});
    return room;
}

room_tail read_room_tail(pqxx::connection_base& conn, const std::string& room_id,
                         std::uint64_t after_seq) {
    pqxx::read_transaction tx(conn);
    return read_tail(tx, room_id, after_seq);
}

std::vector<std::string> idle_rooms(pqxx::connection_base& conn, std::int64_t before_ms,
                                    std::int64_t written_before_ms, std::size_t limit) {
    pqxx::read_transaction tx(conn);
    std::vector<std::string> ids;
    // The last event of each open room through the primary key, newest first: one index probe
    // per room, also with tens of thousands of old rooms.
    for (const auto& row : tx.exec_params(
             "SELECT r.room_id FROM rooms r CROSS JOIN LATERAL (SELECT e.at_ms FROM room_events e "
             "WHERE e.room_id = r.room_id ORDER BY e.seq DESC LIMIT 1) last "
             "WHERE r.ended_at IS NULL AND r.closed_at IS NULL "
             "AND last.at_ms < CASE r.mode WHEN 'written' THEN $3::bigint ELSE $1::bigint END "
             "ORDER BY last.at_ms LIMIT $2",
             before_ms, static_cast<long long>(limit), written_before_ms))
        ids.push_back(row[0].as<std::string>());
    return ids;
}

std::vector<std::string> gone_rooms(pqxx::connection_base& conn,
                                    const std::vector<std::string>& room_ids) {
    if (room_ids.empty()) return {};
    pqxx::read_transaction tx(conn);
    std::set<std::string> present;
    for (const auto& row : tx.exec("SELECT room_id FROM rooms WHERE room_id = ANY(" +
                                   array_literal(tx, room_ids) + ")"))
        present.insert(row[0].as<std::string>());
    std::vector<std::string> gone;
    for (const auto& id : room_ids)
        if (!present.contains(id)) gone.push_back(id);
    return gone;
}

} // namespace casecircle::db
