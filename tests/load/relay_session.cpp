#include "tests/load/relay_session.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <nlohmann/json.hpp>

namespace casecircle::load {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using json = nlohmann::json;

namespace {
// The same bound as casecircle's default: a client that stops reading is dropped.
constexpr std::size_t queue_limit = 1024;
} // namespace

relay_session::relay_session(asio::ip::tcp::socket socket, unsigned loop, relay_registry& registry)
    : ws_(nullptr, std::move(socket)), loop_(loop), registry_(registry) {}

asio::awaitable<void> relay_session::run() {
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws_.read_message_max(1024 * 1024);
    // One frame per message, so that Beast writes header and payload together without copying
    // (permessage-deflate is off by default; the write buffer then serves no purpose).
    ws_.auto_fragment(false);
    ws_.text(true);
    boost::system::error_code ec;
    co_await ws_.async_accept(asio::redirect_error(asio::use_awaitable, ec));
    while (!ec) {
        co_await ws_.async_read(buffer_, asio::redirect_error(asio::use_awaitable, ec));
        if (ec) break;
        handle({static_cast<const char*>(buffer_.cdata().data()), buffer_.size()});
        buffer_.consume(buffer_.size());
    }
    dropped_ = true;
    if (room_) room_->leave(this);
}

void relay_session::handle(std::string_view text) {
    const auto message = json::parse(text, nullptr, false);
    if (!message.is_object()) return reply_error("invalid_json");
    const auto type = message.value("type", "");
    if (type == "command") {
        if (!room_) return reply_error("not_joined");
        const auto fields = message.contains("fields") ? message["fields"].dump() : "{}";
        return room_->command(shared_from_this(), participant_id_, message.value("id", ""),
                              message.value("command", ""), fields);
    }
    // The browser's other frames (loadgen --traffic browser*): a pong as casecircle's, and an
    // empty state for a snapshot, an empty patch for state_updates "patch"; known_templates on
    // entry is ignored.
    if (type == "ping") {
        const json pong = {{"type", "pong"},
                           {"t", message.contains("t") ? message["t"] : json()},
                           {"server_time", std::chrono::duration_cast<std::chrono::milliseconds>(
                                               std::chrono::system_clock::now().time_since_epoch())
                                               .count()}};
        return send(std::make_shared<const std::string>(pong.dump()));
    }
    if (type == "snapshot") {
        if (!room_) return reply_error("not_joined");
        return room_->snapshot(shared_from_this());
    }
    if (room_) return reply_error("already_joined");
    if (type == "create" || type == "join") {
        room_ = type == "create" ? registry_.create()
                                 : registry_.by_invite(message.value("invite", ""));
        if (!room_) return reply_error("unknown_invite");
        if (message.value("state_updates", "") == "patch") room_->send_patches();
        const auto token = new_relay_token();
        participant_id_ = room_->admit_new(shared_from_this(), message.value("name", ""), token,
                                           type == "create");
        return registry_.add_token(token, room_, participant_id_);
    }
    if (type == "resume") {
        auto [room, pid] = registry_.by_token(message.value("token", ""));
        if (!room) return reply_error("unknown_token");
        room_ = std::move(room);
        participant_id_ = pid;
        if (message.value("state_updates", "") == "patch") room_->send_patches();
        return room_->readmit(shared_from_this(), pid, message.value("last_seq", std::uint64_t{0}));
    }
    reply_error("unknown_type");
}

void relay_session::reply_error(const char* code) {
    send(std::make_shared<const std::string>(json{{"type", "error"}, {"code", code}}.dump()));
}

void relay_session::enqueue(frame_ptr frame) {
    if (dropped_) return;
    if (queue_.size() >= queue_limit) {
        dropped_ = true;
        beast::error_code ignored;
        beast::get_lowest_layer(ws_).close(ignored);
        return;
    }
    queue_.push_back(std::move(frame));
}

void relay_session::flush() {
    if (!writing_ && !dropped_ && !queue_.empty()) do_write();
}

void relay_session::send(frame_ptr frame) {
    enqueue(std::move(frame));
    flush();
}

void relay_session::do_write() {
    writing_ = true;
    // Every frame but the last of the queue is kept back by the layer below Beast, and leaves
    // with the last in one gather write.
    if (queue_.size() > 1)
        ws_.next_layer().cork();
    else
        ws_.next_layer().uncork();
    ws_.async_write(asio::buffer(*queue_.front()),
                    [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                        self->writing_ = false;
                        if (ec) return void(self->dropped_ = true);
                        self->queue_.pop_front();
                        if (!self->queue_.empty() && !self->dropped_) self->do_write();
                    });
}

} // namespace casecircle::load
