#pragma once

#include "server/server_context.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>

namespace casecircle::server {

// Accepts connections and hands each socket, on a strand of its own, to an HTTP session. When
// accepting fails (out of descriptors), it waits before the next try, longer while the failures
// go on: a busy loop of failed accepts would take a core and fill the log.
class listener : public std::enable_shared_from_this<listener> {
  public:
    listener(boost::asio::io_context& ioc, std::shared_ptr<server_context> ctx);

    // Binds and listens; throws boost::system::system_error with what failed.
    void open(const boost::asio::ip::tcp::endpoint& endpoint);
    boost::asio::ip::tcp::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }
    void run();
    void close();

  private:
    void do_accept();
    void on_accept(boost::system::error_code ec, boost::asio::ip::tcp::socket socket);
    void fail(boost::system::error_code ec, const char* what);
    void admit(boost::asio::ip::tcp::socket socket);

    boost::asio::io_context& ioc_;
    boost::asio::ip::tcp::acceptor acceptor_;
    boost::asio::steady_timer backoff_timer_;
    std::chrono::milliseconds backoff_{0};
    std::shared_ptr<server_context> ctx_;
};

} // namespace casecircle::server
