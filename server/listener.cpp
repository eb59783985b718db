#include "server/listener.hpp"

#include "server/http_session.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>

namespace casecircle::server {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

listener::listener(asio::io_context& ioc, std::shared_ptr<server_context> ctx)
    : ioc_(ioc), acceptor_(asio::make_strand(ioc)), backoff_timer_(acceptor_.get_executor()),
      ctx_(std::move(ctx)) {}

namespace {

constexpr std::chrono::milliseconds first_backoff{10};
constexpr std::chrono::milliseconds longest_backoff{1000};

} // namespace

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
        self->backoff_timer_.cancel();
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
    if (ec) return fail(ec, "accept");
    backoff_ = std::chrono::milliseconds(0);
    admit(std::move(socket));
    if (acceptor_.is_open()) do_accept();
}

void listener::fail(boost::system::error_code ec, const char* what) {
    ctx_->stats.report_error(what, ec.message());
    // The connection waits in the kernel's backlog; try again once descriptors may be free.
    backoff_ = std::min(longest_backoff, std::max(first_backoff, backoff_ * 2));
    backoff_timer_.expires_after(backoff_);
    backoff_timer_.async_wait([self = shared_from_this()](boost::system::error_code wait_ec) {
        if (!wait_ec && self->acceptor_.is_open()) self->do_accept();
    });
}

void listener::admit(tcp::socket socket) {
    boost::system::error_code ec;
    const auto peer = socket.remote_endpoint(ec);
    if (ec) return; // gone already
    std::string refused_by;
    auto slot = ctx_->connections.acquire(peer.address().to_string(), refused_by);
    if (!slot) {
        ctx_->stats.count_refused_connection(refused_by);
        socket.close(ec);
        return;
    }
    // An ack is a small write right after the events frame; Nagle would hold it back.
    socket.set_option(tcp::no_delay(true), ec);
    std::make_shared<http_session>(std::move(socket), ctx_, std::move(slot))->run();
}

} // namespace casecircle::server
