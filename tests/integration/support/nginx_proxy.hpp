#pragma once

#include "tests/integration/support/child_process.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace casecircle::testing {

// Debian's nginx on loopback in front of casecircle processes, configured from the files the
// project ships (deploy/nginx/local.conf.in with deploy/nginx/casecircle-proxy.conf): routing by
// the room in the WebSocket URL, retries on the next node when one is down.
class nginx_proxy {
  public:
    explicit nginx_proxy(const std::vector<std::uint16_t>& node_ports);
    ~nginx_proxy();
    nginx_proxy(const nginx_proxy&) = delete;
    nginx_proxy& operator=(const nginx_proxy&) = delete;
    std::uint16_t port() const { return port_; }

  private:
    std::string prefix_;
    std::uint16_t port_ = 0;
    std::unique_ptr<child_process> process_;
};

} // namespace casecircle::testing
