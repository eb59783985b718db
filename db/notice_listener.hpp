#pragma once

#include "db/lazy_connection.hpp"

#include <atomic>
#include <functional>
#include <future>
#include <string>
#include <thread>

namespace pqxx {
class connection_base;
}

namespace casecircle::db {

// What must reach the other processes on the same database (issue #18): a room asked for, a
// person's access revoked, a session deleted. NOTIFY only wakes; what happened is in the tables.
constexpr const char* notice_channel = "casecircle_notices";

// Sends one notice (delivered when the surrounding transaction commits, at once without one).
void send_notice(pqxx::connection_base& conn, const std::string& payload);

// A thread with its own connection that LISTENs on notice_channel and hands every payload to
// `on_notice` (on that thread: it must only hand it on). After a broken connection it listens
// again once the database is back; notices sent meanwhile are lost, which the periodic checks
// (lease renewal, housekeeping) make up for.
class notice_listener {
  public:
    using error_sink = std::function<void(const char* what, const std::string& detail)>;
    // Returns once the first LISTEN has been tried (at most the settings' timeout): a server
    // starts to listen after that, never while it still has to open its listening connection.
    notice_listener(connection_settings settings, std::function<void(const std::string&)> on_notice,
                    error_sink report);
    ~notice_listener();
    notice_listener(const notice_listener&) = delete;
    notice_listener& operator=(const notice_listener&) = delete;
    void stop();
    // Whether it is listening now (for /healthz).
    bool listening() const { return listening_.load(std::memory_order_relaxed); }

  private:
    void run();

    connection_settings settings_;
    std::function<void(const std::string&)> on_notice_;
    error_sink report_;
    std::atomic<bool> stopping_{false};
    std::atomic<bool> listening_{false};
    std::promise<void> first_attempt_;
    std::thread thread_;
};

} // namespace casecircle::db
