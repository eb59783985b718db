#pragma once

#include "server/server_context.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <memory>

namespace casecircle::server {

// Accepts connections and hands each socket, on a strand of its own, to an HTTP session.
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

    boost::asio::io_context& ioc_;
    boost::asio::ip::tcp::acceptor acceptor_;
    std::shared_ptr<server_context> ctx_;
};

} // namespace casecircle::server
