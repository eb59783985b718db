#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <string>
#include <string_view>

namespace casecircle::load {

// One WebSocket connection driven by coroutines. Errors come back as codes, never as exceptions:
// a dropped connection is a result to count, not a failure of the generator.
// At most one send and one read may be pending at a time (Beast's rule).
class ws_client {
  public:
    explicit ws_client(boost::asio::any_io_executor ex);

    boost::asio::awaitable<boost::system::error_code>
    connect(const boost::asio::ip::tcp::endpoint& server);
    boost::asio::awaitable<boost::system::error_code> send(std::string text);
    // The frame stays valid until the next read.
    boost::asio::awaitable<boost::system::error_code> read();
    std::string_view frame() const { return frame_; }
    // Closes the socket at once, without a closing handshake, as a crashing client would.
    void drop();
    // Gives back the read buffer that the large welcome frame grew.
    void trim() { buffer_.shrink_to_fit(); }
    bool is_open() const { return ws_.is_open(); }

  private:
    boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
    boost::beast::flat_buffer buffer_;
    std::string_view frame_;
};

} // namespace casecircle::load
