#include "db/event_store.hpp"

#include <iostream>
#include <map>
#include <pqxx/pqxx>

namespace casecircle::db {
namespace {

using steady = std::chrono::steady_clock;

std::string quoted_or_null(pqxx::transaction_base& tx, const std::string& text) {
    return text.empty() ? "NULL" : tx.quote(text);
}

std::string number_or_null(const std::optional<std::int64_t>& n) {
    return n ? std::to_string(*n) : "NULL";
}

// One multi-statement string, so that a whole batch costs a single round trip.
std::string batch_sql(pqxx::transaction_base& tx, const std::vector<append_request>& batch) {
    std::string rooms, members, events, ended, archive;
    for (const auto& req : batch) {
        if (req.new_room) {
            const auto& r = *req.new_room;
            rooms +=
                (rooms.empty() ? "" : ",") +
                ("(" + tx.quote(r.room_id) + "," + tx.quote(r.format) + "," +
                 tx.quote(r.case_code) + "," + tx.quote(r.title) + "," + tx.quote(r.invite_hash) +
                 "," + number_or_null(r.team_id) + "," + number_or_null(r.created_by) + ")");
        }
        for (const auto& m : req.new_members)
            members += (members.empty() ? "" : ",") +
                       ("(" + tx.quote(req.room_id) + "," + tx.quote(m.participant_id) + "," +
                        tx.quote(m.token_hash) + "," + number_or_null(m.user_id) + "," +
                        (m.guest ? "true" : "false") + ")");
        for (const auto& [e, command_id] : req.rows)
            events +=
                (events.empty() ? "" : ",") +
                ("(" + tx.quote(req.room_id) + "," + std::to_string(e.seq) + "," +
                 std::to_string(e.at) + "," + tx.quote(e.actor) + "," + tx.quote(e.type) + "," +
                 tx.quote(e.data.dump()) + "::jsonb," + quoted_or_null(tx, command_id) + ")");
        if (req.ends_room) ended += (ended.empty() ? "" : ",") + tx.quote(req.room_id);
        if (req.archive) archive += archive_insert_sql(tx, *req.archive);
    }
    std::string sql;
    if (!rooms.empty())
        sql += "INSERT INTO rooms (room_id, format, case_code, title, invite_hash, team_id, "
               "created_by) VALUES " +
               rooms + ";";
    if (!members.empty())
        sql += "INSERT INTO room_members (room_id, participant_id, token_hash, user_id, guest) "
               "VALUES " +
               members + ";";
    if (!events.empty())
        sql +=
            "INSERT INTO room_events (room_id, seq, at_ms, actor, type, data, command_id) VALUES " +
            events + ";";
    if (!ended.empty())
        sql += "UPDATE rooms SET ended_at = now() WHERE room_id IN (" + ended + ");";
    return sql + archive; // last: the minutes refer to a room that may be new in this batch
}

} // namespace

event_writer::event_writer(std::string database_url,
                           std::function<void(const batch_observation&)> observe, bool durable)
    : conn_(std::move(database_url)), observe_(std::move(observe)), durable_(durable),
      thread_([this] { run(); }) {}

event_writer::~event_writer() {
    stop();
}

void event_writer::append(append_request request) {
    {
        std::lock_guard lock(mutex_);
        queue_.push_back(std::move(request));
    }
    wake_.notify_one();
}

void event_writer::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable()) thread_.join();
}

void event_writer::run() {
    std::vector<append_request> batch;
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return;
            batch.swap(queue_);
        }
        const auto started = steady::now();
        const bool ok = commit(batch);
        std::size_t events = 0;
        for (const auto& req : batch)
            events += req.rows.size();
        if (observe_)
            observe_(
                {batch.size(), events,
                 std::chrono::duration_cast<std::chrono::microseconds>(steady::now() - started),
                 ok});
        for (auto& req : batch)
            if (req.done) req.done(ok);
        batch.clear();
    }
}

bool event_writer::commit(std::vector<append_request>& batch) {
    if (!durable_) return true;
    auto* conn = conn_.get();
    if (!conn) return false;
    try {
        pqxx::work tx(*conn);
        const auto sql = batch_sql(tx, batch);
        if (!sql.empty()) tx.exec0(sql);
        tx.commit();
        return true;
    } catch (const pqxx::broken_connection&) {
        conn_.reset();
    } catch (const pqxx::in_doubt_error&) {
        // The commit may or may not have landed; nothing is acknowledged that we cannot vouch
        // for, and the fresh connection's next append will tell by its primary key.
        conn_.reset();
    } catch (const std::exception& e) {
        std::cerr << "casecircle: event batch refused: " << e.what() << '\n';
    }
    conn_.reset_if_broken();
    return false;
}

std::vector<stored_room> load_live_rooms(pqxx::connection_base& conn) {
    pqxx::read_transaction tx(conn);
    std::vector<stored_room> rooms;
    std::map<std::string, std::size_t> index;
    for (const auto& row :
         tx.exec("SELECT room_id, format, case_code, title, invite_hash, team_id, created_by "
                 "FROM rooms WHERE ended_at IS NULL ORDER BY created_at, room_id")) {
        index[row[0].as<std::string>()] = rooms.size();
        const auto optional_id = [](const pqxx::field& f) {
            return f.is_null() ? std::nullopt : std::optional<std::int64_t>(f.as<std::int64_t>());
        };
        rooms.push_back({{row[0].as<std::string>(), row[1].as<std::string>(),
                          row[2].as<std::string>(), row[3].as<std::string>(),
                          row[4].as<std::string>(), optional_id(row[5]), optional_id(row[6])},
                         {},
                         {}});
    }
    for (const auto& row :
         tx.exec("SELECT m.room_id, m.participant_id, m.token_hash FROM room_members m "
                 "JOIN rooms r USING (room_id) WHERE r.ended_at IS NULL")) {
        const auto it = index.find(row[0].as<std::string>());
        if (it != index.end())
            rooms[it->second].members.push_back(
                {row[1].as<std::string>(), row[2].as<std::string>(), std::nullopt, false});
    }
    for (const auto& row :
         tx.exec("SELECT e.room_id, e.seq, e.at_ms, e.actor, e.type, e.data::text, "
                 "coalesce(e.command_id, '') FROM room_events e JOIN rooms r USING (room_id) "
                 "WHERE r.ended_at IS NULL ORDER BY e.room_id, e.seq")) {
        const auto it = index.find(row[0].as<std::string>());
        if (it == index.end()) continue;
        auto& room = rooms[it->second];
        room.rows.push_back(
            {{row[1].as<std::uint64_t>(), row[2].as<std::int64_t>(), row[3].as<std::string>(),
              row[4].as<std::string>(), nlohmann::json::parse(row[5].as<std::string>())},
             row[6].as<std::string>()});
    }
    return rooms;
}

std::vector<stored_room> load_live_rooms(const std::string& database_url) {
    pqxx::connection conn(database_url);
    return load_live_rooms(conn);
}

} // namespace casecircle::db
