#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <deque>
#include <memory>
#include <string>
#include <string_view>

namespace casecircle::load {

// One WebSocket connection driven by coroutines. Errors come back as codes, never as exceptions:
// a dropped connection is a result to count, not a failure of the generator.
// At most one read may be pending at a time (Beast's rule); sends queue behind the write in
// flight, so that a card, a snapshot request and a ping may be sent from different coroutines.
class ws_client : public std::enable_shared_from_this<ws_client> {
  public:
    explicit ws_client(boost::asio::any_io_executor ex);

    boost::asio::awaitable<boost::system::error_code>
    connect(const boost::asio::ip::tcp::endpoint& server, const std::string& target = "/ws");
    // Writes the frame after those queued before it. When another write is in flight the frame
    // is queued and the call returns at once (with the error of an earlier failed write, if any):
    // the writer in flight writes it, and a broken connection shows in the next read.
    boost::asio::awaitable<boost::system::error_code> send(std::string text);
    // The same without waiting (held by a shared_ptr): for frames sent from a frame handler.
    void post(std::string text);
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
    std::deque<std::string> queue_; // frames waiting behind the write in flight
    bool writing_ = false;
    boost::system::error_code write_error_;
};

} // namespace casecircle::load
