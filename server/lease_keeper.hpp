#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>

namespace casecircle::server {

struct server_context;

// Renews the leases of the rooms in memory every third of --lease-ttl, so that they stay this
// process's while it lives; a room whose lease turns out to be another's is given up at once.
class lease_keeper : public std::enable_shared_from_this<lease_keeper> {
  public:
    lease_keeper(boost::asio::io_context& ioc, std::shared_ptr<server_context> ctx);
    void run();
    void stop();

  private:
    void renew();

    std::shared_ptr<server_context> ctx_;
    boost::asio::steady_timer timer_;
};

} // namespace casecircle::server
