#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace casecircle::server {

// Counts open connections in total and per client address, so that one host cannot take every
// descriptor the server has. A connection holds its slot (a shared handle) for as long as it is
// open, through the switch from HTTP to WebSocket.
class connection_limits {
  public:
    class slot {
      public:
        slot(connection_limits& owner, std::string address);
        ~slot();
        slot(const slot&) = delete;
        slot& operator=(const slot&) = delete;

      private:
        connection_limits& owner_;
        std::string address_;
    };

    // Connections from `proxy` (the trusted proxy, if any) count only toward the total: every
    // client behind it shares its address.
    connection_limits(std::size_t total, std::size_t per_address, std::string proxy = "");

    // A slot, or nullptr with the limit that refused it ("total" or "per_address").
    std::shared_ptr<slot> acquire(const std::string& address, std::string& refused_by);

  private:
    void release(const std::string& address);

    const std::size_t total_limit_;
    const std::size_t per_address_limit_;
    const std::string proxy_;
    std::mutex mutex_;
    std::size_t total_ = 0;
    std::map<std::string, std::size_t> by_address_;
};

} // namespace casecircle::server
