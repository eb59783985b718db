#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

namespace casecircle::db {

// libpqxx 6.4 blocks in libpq until an answer comes. A PostgreSQL backend that is stopped, or a
// connection whose peer vanished, answers never: TCP keepalives and statement_timeout do not
// help when the kernel still acknowledges our bytes. The guard watches one call at a time and,
// when it outlives its deadline, shuts the socket down, so that libpq returns with an error
// (a broken connection) and the caller can tell its rooms in seconds instead of never.
class stall_guard {
  public:
    explicit stall_guard(std::chrono::milliseconds deadline);
    ~stall_guard();
    stall_guard(const stall_guard&) = delete;
    stall_guard& operator=(const stall_guard&) = delete;

    // Watches `socket` until disarm(); returns false when it already fired for this arming.
    void arm(int socket);
    bool disarm();

  private:
    void run();

    const std::chrono::milliseconds deadline_;
    std::mutex mutex_;
    std::condition_variable wake_;
    int socket_ = -1;
    std::chrono::steady_clock::time_point until_;
    bool fired_ = false;
    bool stopping_ = false;
    std::thread thread_;
};

} // namespace casecircle::db
