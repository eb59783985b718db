#pragma once

#include "db/lazy_connection.hpp"

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace pqxx {
class connection_base;
}

namespace casecircle::db {

// Database work off the network threads: a few threads, each owning one PostgreSQL connection,
// take jobs from two bounded queues. The fast lane (entering a room, reading a room back after
// a failed commit, /healthz) is served first by every thread, and one thread serves nothing
// else, so that a burst of slow work (logins, exports) never holds a session up. A job receives
// the connection, or nullptr while the database cannot be reached (the next job reconnects).
class storage_pool {
  public:
    using job = std::function<void(pqxx::connection_base*)>;
    // Told of every job that failed outside its own error handling (what, detail).
    using error_sink = std::function<void(const char* what, const std::string& detail)>;
    enum class lane { fast, normal };

    struct limits {
        std::size_t threads = 4;        // at least 2: one for the fast lane alone
        std::size_t queue_limit = 1000; // jobs waiting per lane
    };

    storage_pool(connection_settings settings, limits l, error_sink report);
    ~storage_pool();
    storage_pool(const storage_pool&) = delete;
    storage_pool& operator=(const storage_pool&) = delete;

    // False when the lane's queue is full: the caller answers "server busy".
    [[nodiscard]] bool post(lane l, job j);
    // For work that must not be refused (a room reading itself back; there is at most one per
    // room): fast lane, past the queue limit.
    void post_always(job j);
    // Runs the jobs already posted, then joins the threads.
    void stop();
    std::size_t waiting(lane l) const;

  private:
    struct worker;
    void run(worker& w, bool fast_only);
    bool next_job(bool fast_only, job& j);

    error_sink report_;
    limits limits_;
    // Bumped when a thread finds its connection broken: the others' connections (opened before)
    // are most likely broken too (a restart of PostgreSQL), so they open new ones before their
    // next job instead of each failing one job first.
    std::atomic<std::uint64_t> broken_epoch_{0};
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<job> fast_;
    std::deque<job> normal_;
    bool stopping_ = false;
    std::vector<std::unique_ptr<worker>> workers_;
};

} // namespace casecircle::db
