#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace casecircle::testing {

// A WebSocket client over a real socket. Every wait is for a frame, bounded by a deadline.
class ws_client {
  public:
    using json = nlohmann::json;

    // cookie: a Cookie header for the upgrade request (a logged-in browser sends its login);
    // origin: an Origin header, as a browser sends for the page that opens the socket.
    // target: the upgrade's path, e.g. /ws?room=… (nginx routes by it).
    explicit ws_client(std::uint16_t port, const std::string& cookie = {},
                       const std::string& origin = {}, const std::string& target = "/ws");

    void send(const json& message);
    void send_text(const std::string& text);
    // The next frame; nothing when the deadline passes or the connection closes.
    std::optional<json> next(std::chrono::milliseconds deadline = std::chrono::seconds(20));
    // Reads until a frame matches; earlier frames are kept in seen(). Fails the test on timeout.
    json wait_for(const std::function<bool(const json&)>& match,
                  std::chrono::milliseconds deadline = std::chrono::seconds(20));
    json wait_type(const std::string& type);
    // Until the client has seen the event with this sequence number (perhaps already).
    void wait_seq(std::uint64_t seq);
    // Sends a command and returns its answer (ack, rejected or error with the same id).
    json command(const std::string& type, const json& fields = json::object());
    json command_with_id(const std::string& id, const std::string& type, const json& fields);
    bool closed() const { return closed_; }

    // Session entry: the welcome frame, or whatever came instead.
    json wait_entry();
    json create(const std::string& format, const std::string& case_code, const std::string& name);
    json join(const std::string& invite, const std::string& name);
    // known_templates: the format keys to declare as already held (as a browser does).
    json resume(const std::string& token, std::uint64_t last_seq,
                const std::vector<std::string>& known_templates = {});

    // Every events frame's events seen so far, in arrival order.
    const std::vector<json>& events() const { return events_; }
    std::uint64_t last_seq() const {
        return events_.empty() ? welcome_seq_ : events_.back()["seq"].get<std::uint64_t>();
    }
    const std::vector<json>& seen() const { return seen_; }

  private:
    void record(const json& frame);

    boost::asio::io_context ioc_;
    boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
    boost::beast::flat_buffer buffer_;
    std::vector<json> seen_;
    std::vector<json> events_;
    std::uint64_t welcome_seq_ = 0;
    int next_id_ = 1;
    bool closed_ = false;
};

} // namespace casecircle::testing
