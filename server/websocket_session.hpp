#pragma once

#include "protocol/identifying_data.hpp"
#include "protocol/wire.hpp"
#include "server/corked_stream.hpp"
#include "server/entry_lookup.hpp"
#include "server/frame_queue.hpp"
#include "server/server_context.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <chrono>
#include <memory>
#include <string>

namespace casecircle::server {

class room;

// One client's WebSocket: reads and validates frames, hands commands to its room, and writes
// what the room sends, one write in flight, from a bounded queue.
class websocket_session : public std::enable_shared_from_this<websocket_session> {
  public:
    websocket_session(boost::asio::ip::tcp::socket&& socket, std::shared_ptr<server_context> ctx,
                      std::shared_ptr<connection_limits::slot> slot);
    ~websocket_session();

    void run(boost::beast::http::request<boost::beast::http::string_body> req);
    // Both may be called from any thread; they continue on this connection's strand.
    void send(std::shared_ptr<const std::string> frame);
    // Frames sent between these two wait and leave in one write (both continue on the strand,
    // in the order they are called, like send).
    void hold_writes();
    void release_writes();
    void joined(std::shared_ptr<room> r, std::string participant_id);
    // The room has unloaded meanwhile: look the entry up again.
    void retry_entry();
    // The room sends this connection away (removed, access revoked, session deleted): the
    // farewell error frame goes out, then the connection closes.
    void leave_room(std::shared_ptr<const std::string> farewell);
    // The welcome, preceded by the format's steps unless this client already holds them.
    void welcome(std::shared_ptr<const protocol::format_template> format,
                 std::shared_ptr<const std::string> frame);
    // Set by the entry frame, before the room sees this connection; read by the room.
    protocol::wire::state_updates state_updates() const { return state_updates_; }

  private:
    void on_accept(boost::beast::error_code ec);
    // Every error of this connection ends here: counted, logged at a bounded rate.
    void fail(boost::beast::error_code ec, const char* what);
    void on_entry_deadline(boost::beast::error_code ec);
    void do_read();
    void on_read(std::size_t bytes); // a whole message is in buffer_
    void handle(const std::string& text);
    void handle_entry(protocol::wire::client_message& message);
    void look_up_entry();
    void enter(protocol::wire::client_message& message, const entry_facts& facts);
    void enter_create(protocol::wire::create_message& create, const entry_facts& facts);
    void refuse_entry(const std::string& code,
                      std::chrono::milliseconds retry_after = std::chrono::milliseconds(0));
    void reply_error(const std::string& code, const std::string& id = {});
    void refuse_identifying(const std::vector<protocol::identifying_finding>& found);
    bool within_rate_limit();
    void enqueue(std::shared_ptr<const std::string> frame);
    void do_write();
    void on_write(boost::beast::error_code ec, std::size_t bytes);
    // Whether the queue may take one more frame of this size.
    bool queue_has_room(std::size_t frame_bytes);
    void drop();
    void close_now();

    boost::beast::websocket::stream<corked_stream<boost::beast::tcp_stream>> ws_;
    boost::beast::flat_buffer buffer_;
    std::shared_ptr<server_context> ctx_;
    std::shared_ptr<connection_limits::slot> slot_;
    boost::asio::steady_timer entry_deadline_;
    frame_queue queue_;
    std::size_t queued_bytes_ = 0;
    bool writing_ = false;
    int holds_ = 0;          // hold_writes() not yet released
    bool flush_due_ = false; // a write is posted to start after the frames queued meanwhile
    bool dropped_ = false;
    bool entering_ = false; // a create, join or resume is on its way
    bool closing_ = false;  // closes once the queue is written (leave_room)
    std::shared_ptr<protocol::wire::client_message> entry_message_; // while entering
    int entry_attempts_ = 0;
    std::shared_ptr<room> room_;
    std::string participant_id_;
    protocol::wire::entry_fields known_; // the formats this client holds (see welcome)
    protocol::wire::state_updates state_updates_ = protocol::wire::state_updates::request;
    std::string login_token_; // the login cookie sent with the upgrade, "" without
    double rate_tokens_;
    std::chrono::steady_clock::time_point rate_refilled_;
};

} // namespace casecircle::server
