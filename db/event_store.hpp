#pragma once

#include "db/archive_record.hpp"
#include "db/lazy_connection.hpp"
#include "protocol/event.hpp"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace pqxx {
class connection_base;
}

namespace casecircle::db {

struct room_record {
    std::string room_id;
    std::string format;
    std::string case_code;
    std::string title;
    std::string invite_hash;
    std::optional<std::int64_t> team_id;    // none for an open (training) room
    std::optional<std::int64_t> created_by; // the moderator's account
};

struct member_record {
    std::string participant_id;
    std::string token_hash;
    std::optional<std::int64_t> user_id; // none for guests and in open rooms
    bool guest = false;
};

struct event_row {
    protocol::event event;
    std::string command_id; // the client's id for the command that produced it, or ""
};

// Events of one room that must become durable together, with what else belongs to the same
// commit: the room itself when it is created, the credentials of newcomers.
struct append_request {
    std::string room_id;
    std::optional<room_record> new_room;
    std::vector<member_record> new_members;
    std::vector<event_row> rows;
    bool ends_room = false;
    // Approved minutes, archived in the same commit as the event that approves them.
    std::optional<archived_minutes> archive;
    // Called on the writer thread once the batch holding this request committed (true) or failed
    // (false); it must only hand the result on, never block.
    std::function<void(bool committed)> done;
};

struct batch_observation {
    std::size_t requests;
    std::size_t events;
    std::chrono::microseconds latency;
    bool committed;
};

// The group-commit writer: a thread with its own connection that takes every request waiting
// when it wakes and commits them in one transaction, so that many rooms' events share one round
// trip and one flush.
class event_writer {
  public:
    // `durable` false (benchmarks only): batches are formed and acknowledged on the same thread
    // as always, but nothing is written, so that a comparison shows the cost of the database.
    event_writer(std::string database_url, std::function<void(const batch_observation&)> observe,
                 bool durable = true);
    ~event_writer();
    event_writer(const event_writer&) = delete;
    event_writer& operator=(const event_writer&) = delete;

    void append(append_request request);
    void stop();

  private:
    void run();
    bool commit(std::vector<append_request>& batch);

    lazy_connection conn_;
    std::function<void(const batch_observation&)> observe_;
    bool durable_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::vector<append_request> queue_;
    bool stopping_ = false;
    std::thread thread_;
};

struct stored_room {
    room_record room;
    std::vector<member_record> members;
    std::vector<event_row> rows;
};

// Every room that has not ended, with its log, in seq order; for rebuilding after a restart.
std::vector<stored_room> load_live_rooms(pqxx::connection_base& conn);
std::vector<stored_room> load_live_rooms(const std::string& database_url);

} // namespace casecircle::db
