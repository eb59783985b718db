#pragma once

#include "tests/load/relay_room.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <deque>

namespace casecircle::load {

// One WebSocket client of the Beast relay, on its own strand: a read loop, and a bounded queue
// with one write in flight, as in casecircle's shell but with no application logic behind it.
class relay_session : public std::enable_shared_from_this<relay_session> {
  public:
    relay_session(boost::asio::ip::tcp::socket socket, relay_registry& registry);
    boost::asio::awaitable<void> run();
    boost::asio::any_io_executor executor() { return ws_.get_executor(); }
    // Safe from any thread.
    void send(frame_ptr frame);

  private:
    void handle(const std::string& text);
    void enqueue(frame_ptr frame);
    void do_write();
    void reply_error(const char* code);

    boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
    boost::beast::flat_buffer buffer_;
    relay_registry& registry_;
    std::shared_ptr<relay_room> room_;
    std::string participant_id_;
    std::deque<frame_ptr> queue_;
    bool writing_ = false;
    bool dropped_ = false;
};

} // namespace casecircle::load
