#pragma once

#include "db/lazy_connection.hpp"

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace pqxx {
class connection_base;
}

namespace casecircle::db {

// Owns one PostgreSQL connection on a thread of its own, so that no database call ever blocks a
// network thread. Jobs run in the order posted; a job receives the connection, or nullptr while
// the database cannot be reached (the next job tries to reconnect).
class storage_thread {
  public:
    using job = std::function<void(pqxx::connection_base*)>;

    explicit storage_thread(std::string database_url);
    ~storage_thread();
    storage_thread(const storage_thread&) = delete;
    storage_thread& operator=(const storage_thread&) = delete;

    void post(job j);
    // Runs the jobs already posted, then joins the thread.
    void stop();

  private:
    void run();
    void run_one(job& j);

    lazy_connection conn_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<job> jobs_;
    bool stopping_ = false;
    std::thread thread_;
};

} // namespace casecircle::db
