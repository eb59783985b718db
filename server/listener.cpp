#include "server/listener.hpp"

#include "server/http_session.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <iostream>

namespace casecircle::server {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

listener::listener(asio::io_context& ioc, std::shared_ptr<server_context> ctx)
    : ioc_(ioc), acceptor_(asio::make_strand(ioc)), ctx_(std::move(ctx)) {}

void listener::open(const tcp::endpoint& endpoint) {
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(asio::socket_base::max_listen_connections);
}

void listener::run() {
    do_accept();
}

void listener::close() {
    asio::post(acceptor_.get_executor(), [self = shared_from_this()] {
        boost::system::error_code ignored;
        self->acceptor_.close(ignored);
    });
}

void listener::do_accept() {
    acceptor_.async_accept(asio::make_strand(ioc_),
                           [self = shared_from_this()](auto ec, tcp::socket socket) {
                               self->on_accept(ec, std::move(socket));
                           });
}

void listener::on_accept(boost::system::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted) return;
    if (ec) {
        // Running out of descriptors must not stop the server from accepting later.
        std::cerr << "casecircle: accept: " << ec.message() << '\n';
    } else {
        // An ack is a small write right after the events frame; Nagle would hold it back.
        boost::system::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);
        std::make_shared<http_session>(std::move(socket), ctx_)->run();
    }
    if (acceptor_.is_open()) do_accept();
}

} // namespace casecircle::server
