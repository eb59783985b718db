#include "db/room_log.hpp"

#include <map>
#include <pqxx/pqxx>
#include <stdexcept>

namespace casecircle::db {
namespace {

std::optional<std::int64_t> optional_id(const pqxx::field& f) {
    return f.is_null() ? std::nullopt : std::optional<std::int64_t>(f.as<std::int64_t>());
}

// Columns: seq, at_ms, actor, type, data, command_id.
event_row event_of(const pqxx::row& row, int first) {
    return {{row[first].as<std::uint64_t>(), row[first + 1].as<std::int64_t>(),
             row[first + 2].as<std::string>(), row[first + 3].as<std::string>(),
             nlohmann::json::parse(row[first + 4].as<std::string>())},
            row[first + 5].as<std::string>()};
}

// Columns: actor, command_id, code, message_de, message_en.
rejection_row rejection_of(const pqxx::row& row, int first) {
    return {row[first].as<std::string>(), row[first + 1].as<std::string>(),
            row[first + 2].as<std::string>(), row[first + 3].as<std::string>(),
            row[first + 4].as<std::string>()};
}

constexpr const char* event_columns =
    "e.seq, e.at_ms, e.actor, e.type, e.data::text, coalesce(e.command_id, '')";
constexpr const char* rejection_columns = "j.actor, j.command_id, j.code, j.message_de, "
                                          "j.message_en";

} // namespace

std::vector<stored_room> load_live_rooms(pqxx::connection_base& conn) {
    pqxx::read_transaction tx(conn);
    std::vector<stored_room> rooms;
    std::map<std::string, std::size_t> index;
    for (const auto& row :
         tx.exec("SELECT room_id, format, case_code, title, invite_hash, team_id, created_by "
                 "FROM rooms WHERE ended_at IS NULL ORDER BY created_at, room_id")) {
        index[row[0].as<std::string>()] = rooms.size();
        rooms.push_back({{row[0].as<std::string>(), row[1].as<std::string>(),
                          row[2].as<std::string>(), row[3].as<std::string>(),
                          row[4].as<std::string>(), optional_id(row[5]), optional_id(row[6])},
                         {},
                         {}});
    }
    const auto room_of = [&](const pqxx::row& row) -> stored_room* {
        const auto it = index.find(row[0].as<std::string>());
        return it == index.end() ? nullptr : &rooms[it->second];
    };
    for (const auto& row :
         tx.exec("SELECT m.room_id, m.participant_id, m.token_hash FROM room_members m "
                 "JOIN rooms r USING (room_id) WHERE r.ended_at IS NULL"))
        if (auto* room = room_of(row))
            room->members.push_back(
                {row[1].as<std::string>(), row[2].as<std::string>(), std::nullopt, false, {}});
    for (const auto& row : tx.exec(std::string("SELECT e.room_id, ") + event_columns +
                                   " FROM room_events e JOIN rooms r USING (room_id) "
                                   "WHERE r.ended_at IS NULL ORDER BY e.room_id, e.seq"))
        if (auto* room = room_of(row)) room->log.rows.push_back(event_of(row, 1));
    for (const auto& row : tx.exec(std::string("SELECT j.room_id, ") + rejection_columns +
                                   " FROM room_rejections j JOIN rooms r USING (room_id) "
                                   "WHERE r.ended_at IS NULL"))
        if (auto* room = room_of(row)) room->log.rejections.push_back(rejection_of(row, 1));
    return rooms;
}

std::vector<stored_room> load_live_rooms(const connection_settings& settings) {
    lazy_connection conn(settings);
    auto* open = conn.get();
    if (open == nullptr) throw std::runtime_error("cannot connect to PostgreSQL");
    try {
        lazy_connection::guarded_call bounded(conn);
        return load_live_rooms(*open);
    } catch (const pqxx::broken_connection&) {
        throw std::runtime_error("PostgreSQL did not answer within " +
                                 std::to_string(settings.timeout.count() / 1000) + " s");
    }
}

room_tail read_room_tail(pqxx::connection_base& conn, const std::string& room_id,
                         std::uint64_t after_seq) {
    pqxx::read_transaction tx(conn);
    room_tail tail;
    for (const auto& row : tx.exec(std::string("SELECT ") + event_columns +
                                   " FROM room_events e WHERE e.room_id = " + tx.quote(room_id) +
                                   " AND e.seq > " + std::to_string(after_seq) + " ORDER BY e.seq"))
        tail.rows.push_back(event_of(row, 0));
    for (const auto& row :
         tx.exec(std::string("SELECT ") + rejection_columns +
                 " FROM room_rejections j WHERE j.room_id = " + tx.quote(room_id)))
        tail.rejections.push_back(rejection_of(row, 0));
    return tail;
}

} // namespace casecircle::db
