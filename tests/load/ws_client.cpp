#include "tests/load/ws_client.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/websocket.hpp>

namespace casecircle::load {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using boost::system::error_code;

ws_client::ws_client(asio::any_io_executor ex) : ws_(std::move(ex)) {}

asio::awaitable<error_code> ws_client::connect(const asio::ip::tcp::endpoint& server) {
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
    co_await ws_.async_handshake(host, "/ws", asio::redirect_error(asio::use_awaitable, ec));
    co_return ec;
}

asio::awaitable<error_code> ws_client::send(std::string text) {
    error_code ec;
    co_await ws_.async_write(asio::buffer(text), asio::redirect_error(asio::use_awaitable, ec));
    co_return ec;
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
