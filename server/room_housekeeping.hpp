#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <memory>

namespace casecircle::server {

struct server_context;

// Every room has an end: on a timer, rooms nobody is in leave memory, sessions without events
// for --session-idle-close are ended by the server, and rooms that retention deleted from
// PostgreSQL are emptied and unloaded.
class room_housekeeping : public std::enable_shared_from_this<room_housekeeping> {
  public:
    room_housekeeping(boost::asio::io_context& ioc, std::shared_ptr<server_context> ctx);
    void run();
    void stop();
    // A quarter of the shortest period it serves, between one second and a minute.
    std::chrono::seconds interval() const;

  private:
    void tick();
    void check_storage();

    std::shared_ptr<server_context> ctx_;
    boost::asio::steady_timer timer_;
    std::uint64_t unloaded_at_last_trim_ = 0;
};

} // namespace casecircle::server
