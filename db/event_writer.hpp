#pragma once

#include "db/archive_record.hpp"
#include "db/lazy_connection.hpp"
#include "db/room_records.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <vector>

namespace casecircle::db {

enum class commit_result {
    committed,
    // Refused, or the connection broke and it may or may not have landed: the room reads back
    // what is stored.
    not_committed,
    // The room's lease epoch is over: another process serves the room now, and this one must
    // give it up without writing again.
    lease_lost,
};

// Whose rooms this writer's appends are: a room created here is leased to `node` in the commit
// that creates it.
struct lease_holder {
    std::string node;
    std::chrono::milliseconds ttl;
};

// Events of one room that must become durable together, with what else belongs to the same
// commit: the room itself when it is created, the credentials of newcomers, refused commands.
struct append_request {
    std::string room_id;
    // The epoch of the room's lease that this process holds (1 for a room it creates); the
    // transaction is refused when the lease has been taken over since.
    std::int64_t lease_epoch = 0;
    std::optional<room_record> new_room;
    std::vector<member_record> new_members;
    std::vector<event_row> rows;
    std::vector<rejection_row> rejections;
    bool ends_room = false;
    std::optional<room_closure> closes;
    // Participants removed from the room in this commit: their tokens stop working with it.
    std::vector<std::string> revoked;
    // Approved minutes, archived in the same commit as the event that approves them.
    std::optional<archived_minutes> archive;
    // Called on the writer thread with the result. It must only hand it on, never block.
    std::function<void(commit_result)> done;
};

struct batch_observation {
    std::size_t requests;
    std::size_t events;
    std::chrono::microseconds latency;
    std::size_t failed; // requests not committed
    bool split;         // the batch failed as a whole and was committed room by room
    std::size_t fenced; // requests refused because their room's lease was taken over
};

// The group-commit writer: a thread with its own connection that takes every request waiting
// when it wakes and commits them in one transaction, so that many rooms' events share one round
// trip and one flush. When that transaction is refused (one room's seq clashes with a stored
// one), every room is committed on its own, so that one bad room never fails the others.
class event_writer {
  public:
    using error_sink = std::function<void(const char* what, const std::string& detail)>;

    // `durable` false (benchmarks only): batches are formed and acknowledged on the same thread
    // as always, but no event is written, so that a comparison shows the cost of the database.
    // Rooms and credentials are still written: entering a room looks them up.
    event_writer(connection_settings settings, lease_holder leases,
                 std::function<void(const batch_observation&)> observe, error_sink report,
                 bool durable = true);

    // Requests waiting for the writer (not the batch it is committing).
    std::size_t waiting() const;
    // Whether its last batch was committed whole (lease losses aside): false while PostgreSQL
    // cannot be written.
    bool last_batch_ok() const { return last_batch_ok_.load(std::memory_order_relaxed); }
    ~event_writer();
    event_writer(const event_writer&) = delete;
    event_writer& operator=(const event_writer&) = delete;

    void append(append_request request);
    void stop();

  private:
    void run();
    // One result per request.
    std::vector<commit_result> commit(const std::vector<append_request>& batch, bool& split);
    enum class attempt { committed, refused, fenced, connection_lost };
    // The requests in one transaction; connection_lost also when the outcome is unknown.
    attempt try_commit(std::span<const append_request> requests);

    lazy_connection conn_;
    lease_holder leases_;
    std::function<void(const batch_observation&)> observe_;
    error_sink report_;
    bool durable_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::vector<append_request> queue_;
    bool stopping_ = false;
    std::atomic<bool> last_batch_ok_{true};
    std::thread thread_;
};

} // namespace casecircle::db
