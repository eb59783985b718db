#pragma once

#include "server/corked_stream.hpp"
#include "tests/load/relay_room.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <deque>

namespace casecircle::load {

// One WebSocket client of the Beast relay, wholly on one loop (no strand: nothing else runs
// there at the same time): a read loop, and a bounded queue whose frames leave in as few socket
// writes as possible, as in casecircle's shell but with no application logic behind it.
class relay_session : public std::enable_shared_from_this<relay_session> {
  public:
    relay_session(boost::asio::ip::tcp::socket socket, unsigned loop, relay_registry& registry);
    // Reads until the connection ends; the caller keeps the session alive meanwhile.
    boost::asio::awaitable<void> run();
    unsigned loop() const { return loop_; }

    // On this session's loop.
    bool dropped() const { return dropped_; }
    // Queues a frame; flush() then writes what is queued. The room hands out a batch of frames
    // before it flushes, so that one connection's frames of a batch (the events and the
    // sender's ack, a welcome and the missed events) leave in one socket write.
    void enqueue(frame_ptr frame);
    void flush();

  private:
    void handle(std::string_view text);
    void send(frame_ptr frame);
    void do_write();
    void reply_error(const char* code);

    using socket_stream = server::corked_stream<boost::asio::ip::tcp::socket>;
    boost::beast::websocket::stream<socket_stream> ws_;
    boost::beast::flat_buffer buffer_;
    unsigned loop_;
    relay_registry& registry_;
    std::shared_ptr<relay_room> room_;
    std::string participant_id_;
    std::deque<frame_ptr> queue_;
    bool writing_ = false;
    bool dropped_ = false;
};

} // namespace casecircle::load
