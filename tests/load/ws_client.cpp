#include "tests/load/ws_client.hpp"

#include "tests/load/spawn.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/websocket.hpp>

namespace casecircle::load {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using boost::system::error_code;

ws_client::ws_client(asio::any_io_executor ex) : ws_(std::move(ex)) {}

asio::awaitable<error_code> ws_client::connect(const asio::ip::tcp::endpoint& server,
                                               const std::string& target) {
    error_code ec;
    auto& tcp = beast::get_lowest_layer(ws_);
    tcp.expires_after(std::chrono::seconds(30));
    co_await tcp.async_connect(server, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return ec;
    tcp.socket().set_option(asio::ip::tcp::no_delay(true), ec);
    tcp.expires_never();
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
    ws_.read_message_max(16 * 1024 * 1024);
    ws_.text(true);
    const auto host = server.address().to_string() + ":" + std::to_string(server.port());
    co_await ws_.async_handshake(host, target, asio::redirect_error(asio::use_awaitable, ec));
    co_return ec;
}

asio::awaitable<error_code> ws_client::send(std::string text) {
    if (write_error_) co_return write_error_;
    if (writing_) {
        queue_.push_back(std::move(text));
        co_return error_code{};
    }
    writing_ = true;
    error_code ec;
    co_await ws_.async_write(asio::buffer(text), asio::redirect_error(asio::use_awaitable, ec));
    // Whatever was queued meanwhile goes out now, in order.
    while (!ec && !queue_.empty()) {
        const auto next = std::move(queue_.front());
        queue_.pop_front();
        co_await ws_.async_write(asio::buffer(next), asio::redirect_error(asio::use_awaitable, ec));
    }
    writing_ = false;
    if (ec) write_error_ = ec, queue_.clear();
    co_return ec;
}

void ws_client::post(std::string text) {
    if (write_error_) return;
    if (writing_) return queue_.push_back(std::move(text));
    spawn(ws_.get_executor(),
          [](std::shared_ptr<ws_client> self, std::string text) -> asio::awaitable<void> {
              co_await self->send(std::move(text));
          }(shared_from_this(), std::move(text)));
}

asio::awaitable<error_code> ws_client::read() {
    buffer_.consume(buffer_.size());
    frame_ = {};
    error_code ec;
    co_await ws_.async_read(buffer_, asio::redirect_error(asio::use_awaitable, ec));
    if (!ec)
        frame_ = std::string_view(static_cast<const char*>(buffer_.cdata().data()),
                                  buffer_.cdata().size());
    co_return ec;
}

void ws_client::drop() {
    error_code ignored;
    beast::get_lowest_layer(ws_).socket().close(ignored);
}

} // namespace casecircle::load
