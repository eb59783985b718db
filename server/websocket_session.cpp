#include "server/websocket_session.hpp"

#include "db/archive_queries.hpp"
#include "db/guests.hpp"
#include "server/access.hpp"
#include "server/api.hpp"
#include "server/credentials.hpp"
#include "server/network_errors.hpp"
#include "server/room.hpp"
#include "server/time_zones.hpp"

#include "protocol/text_rules.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/websocket.hpp>
#include <type_traits>
#include <variant>

namespace casecircle::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace wire = protocol::wire;

namespace {

// Frames up to this size are read and then refused with an error frame, so that the connection
// stays usable; anything larger closes it (Beast answers with close code 1009).
constexpr std::size_t frame_limit = 64 * 1024;
constexpr std::size_t hard_frame_limit = 1024 * 1024;
constexpr std::size_t read_piece_bytes = 384;

std::shared_ptr<const std::string> shared_frame(std::string frame) {
    return std::make_shared<const std::string>(std::move(frame));
}

const wire::entry_fields* entry_fields_of(const wire::client_message& m) {
    return std::visit(
        [](const auto& message) -> const wire::entry_fields* {
            if constexpr (std::is_base_of_v<wire::entry_fields, std::decay_t<decltype(message)>>)
                return &message;
            else
                return nullptr;
        },
        m);
}

// A room unloaded between the lookup and the entry is looked up again; more often than this
// means something is wrong.
constexpr int max_entry_attempts = 3;

} // namespace

websocket_session::websocket_session(asio::ip::tcp::socket&& socket,
                                     std::shared_ptr<server_context> ctx,
                                     std::shared_ptr<connection_limits::slot> slot)
    : ws_(&ctx->stats.websocket_writes, std::move(socket)), ctx_(std::move(ctx)),
      slot_(std::move(slot)), entry_deadline_(ws_.get_executor()),
      rate_tokens_(2.0 * ctx_->cfg.rate_limit), rate_refilled_(std::chrono::steady_clock::now()) {
    ctx_->stats.connections.fetch_add(1, std::memory_order_relaxed);
}

websocket_session::~websocket_session() {
    ctx_->stats.connections.fetch_sub(1, std::memory_order_relaxed);
}

void websocket_session::run(beast::http::request<beast::http::string_body> req) {
    login_token_ = cookie_value(req[beast::http::field::cookie], session_cookie);
    beast::get_lowest_layer(ws_).expires_never();
    // A silent connection is pinged at half the idle time and closed at the full one: a browser
    // answers pings by itself, a vanished peer does not.
    auto timeouts = websocket::stream_base::timeout::suggested(beast::role_type::server);
    timeouts.idle_timeout = std::chrono::seconds(ctx_->cfg.idle_timeout_s);
    timeouts.keep_alive_pings = true;
    ws_.set_option(timeouts);
    // One frame per message: Beast then writes header and payload together, in one write.
    ws_.auto_fragment(false);
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& res) { res.set(beast::http::field::server, "casecircle"); }));
    // Until it has entered a session, a connection may hold little: a few KiB per frame and a
    // deadline, so that unjoined sockets cannot pin memory or descriptors.
    ws_.read_message_max(ctx_->cfg.entry_frame_limit);
    entry_deadline_.expires_after(std::chrono::seconds(ctx_->cfg.entry_timeout_s));
    entry_deadline_.async_wait(
        [self = shared_from_this()](beast::error_code ec) { self->on_entry_deadline(ec); });
    ws_.async_accept(req, [self = shared_from_this()](auto ec) { self->on_accept(ec); });
}

void websocket_session::on_accept(beast::error_code ec) {
    if (ec) {
        entry_deadline_.cancel();
        return fail(ec, "websocket_accept");
    }
    do_read();
}

void websocket_session::on_entry_deadline(beast::error_code ec) {
    if (ec || room_ || dropped_) return; // cancelled: it entered, or it is gone
    ctx_->stats.entry_timeouts.fetch_add(1, std::memory_order_relaxed);
    drop();
}

void websocket_session::fail(beast::error_code ec, const char* what) {
    if (ec == beast::error::timeout) {
        // Beast's idle timeout: no frame and no answer to our pings.
        ctx_->stats.idle_disconnects.fetch_add(1, std::memory_order_relaxed);
    } else if (dropped_ || ec == websocket::error::closed || ec == asio::error::operation_aborted ||
               ec == asio::error::bad_descriptor) {
        // Closed by us or by the client as agreed: nothing went wrong.
    } else if (is_routine_disconnect(ec)) {
        ctx_->stats.count_error(what);
    } else {
        ctx_->stats.report_error(what, ec.message());
    }
    drop();
}

// A whole message, read in small pieces: Beast prepares the buffer for a read before anything
// arrives, 1.5 KB for async_read, in every idle connection; most frames fit in the first piece.
// read_message_max still bounds the message as a whole.
void websocket_session::do_read() {
    ws_.async_read_some(buffer_, read_piece_bytes, [self = shared_from_this()](auto ec, auto) {
        if (ec) return self->fail(ec, "websocket_read");
        if (!self->ws_.is_message_done()) return self->do_read();
        self->on_read(self->buffer_.size());
    });
}

void websocket_session::on_read(std::size_t bytes) {
    const auto text = beast::buffers_to_string(buffer_.data());
    buffer_.consume(buffer_.size());
    // An idle connection holds only the small buffer the next read prepares.
    buffer_.shrink_to_fit();
    if (!within_rate_limit()) {
        ctx_->stats.frames_rate_limited.fetch_add(1, std::memory_order_relaxed);
        reply_error("rate_limited");
    } else if (bytes > frame_limit) {
        reply_error("frame_too_large");
    } else {
        handle(text);
    }
    do_read();
}

bool websocket_session::within_rate_limit() {
    const auto now = std::chrono::steady_clock::now();
    const double per_second = ctx_->cfg.rate_limit;
    rate_tokens_ = std::min(
        2.0 * per_second,
        rate_tokens_ + per_second * std::chrono::duration<double>(now - rate_refilled_).count());
    rate_refilled_ = now;
    if (rate_tokens_ < 1.0) return false;
    rate_tokens_ -= 1.0;
    return true;
}

void websocket_session::handle(const std::string& text) {
    auto parsed = wire::parse_client_message(text);
    if (auto* error = std::get_if<wire::wire_error>(&parsed)) {
        ctx_->stats.count_rejection(error->code);
        return enqueue(shared_frame(wire::error_frame(*error)));
    }
    auto& message = std::get<wire::client_message>(parsed);
    if (auto* ping = std::get_if<wire::ping_message>(&message))
        return enqueue(shared_frame(wire::pong_frame(ping->t, now_ms())));
    if (std::holds_alternative<wire::command_message>(message) ||
        std::holds_alternative<wire::snapshot_message>(message) ||
        std::holds_alternative<wire::minutes_message>(message)) {
        if (!room_) {
            const auto* cmd = std::get_if<wire::command_message>(&message);
            return reply_error("not_joined", cmd ? cmd->id : std::string());
        }
        if (auto* cmd = std::get_if<wire::command_message>(&message))
            return room_->command(shared_from_this(), participant_id_, std::move(*cmd));
        if (std::holds_alternative<wire::minutes_message>(message))
            return room_->minutes(shared_from_this(), participant_id_);
        return room_->snapshot(shared_from_this());
    }
    if (room_ || entering_) return reply_error("already_joined");
    handle_entry(message);
}

void websocket_session::handle_entry(wire::client_message& message) {
    if (const auto* entry = entry_fields_of(message)) {
        known_ = *entry;
        state_updates_ = entry->updates;
    }
    entering_ = true;
    entry_attempts_ = 0;
    entry_message_ = std::make_shared<wire::client_message>(std::move(message));
    look_up_entry();
}

void websocket_session::retry_entry() {
    asio::dispatch(ws_.get_executor(), [self = shared_from_this()] {
        if (self->dropped_ || !self->entry_message_) return;
        if (self->entry_attempts_ >= max_entry_attempts)
            return self->refuse_entry("room_unavailable");
        self->look_up_entry();
    });
}

void websocket_session::look_up_entry() {
    ++entry_attempts_;
    const bool queued = ctx_->storage.post(
        db::storage_pool::lane::fast, [self = shared_from_this(), message = entry_message_,
                                       token = login_token_](pqxx::connection_base* conn) {
            entry_facts facts;
            try {
                if (conn == nullptr) throw std::runtime_error("no database");
                facts = server::look_up_entry(*self->ctx_, *conn, *message, token);
            } catch (const std::exception&) {
                facts = entry_facts{};
                facts.storage_ok = false;
            }
            asio::post(self->ws_.get_executor(),
                       [self, message, facts = std::move(facts)] { self->enter(*message, facts); });
        });
    if (!queued) refuse_entry("server_busy");
}

void websocket_session::refuse_entry(const std::string& code,
                                     std::chrono::milliseconds retry_after) {
    entering_ = false;
    entry_message_.reset();
    if (retry_after.count() == 0) return reply_error(code);
    ctx_->stats.count_rejection(code);
    auto error = wire::make_error(code);
    error.retry_after_ms = retry_after.count();
    enqueue(shared_frame(wire::error_frame(error)));
}

void websocket_session::enter(wire::client_message& message, const entry_facts& facts) {
    if (!facts.storage_ok) return refuse_entry("storage_unavailable");
    if (!facts.refusal.empty()) return refuse_entry(facts.refusal, facts.retry_after);
    if (auto* create = std::get_if<wire::create_message>(&message))
        return enter_create(*create, facts);
    if (std::holds_alternative<wire::resume_message>(message)) {
        const auto& resume = std::get<wire::resume_message>(message);
        return facts.in->resume(shared_from_this(), facts.participant_id, resume.last_seq);
    }
    if (auto* join = std::get_if<wire::join_message>(&message)) {
        std::optional<std::int64_t> user_id;
        if (facts.in->team_id()) {
            // A team's session admits the team's members only (guests come by guest link).
            if (!facts.account) return refuse_entry("login_required");
            const auto* m = facts.account->in_team(*facts.in->team_id());
            if (!m || !team_role_may(m->role, team_action::join_session))
                return refuse_entry("not_in_team");
            user_id = facts.account->user_id;
            join->name = facts.account->display_name; // a member's name is the account's
        }
        return facts.in->join(shared_from_this(), join->name, user_id, {}, join->invite);
    }
    if (auto* guest = std::get_if<wire::guest_join_message>(&message))
        return facts.in->join(shared_from_this(), guest->name, std::nullopt,
                              facts.guest_invitation);
}

void websocket_session::enter_create(wire::create_message& create, const entry_facts& facts) {
    if (facts.registration) {
        create.format = facts.registration->format;
        create.case_code = facts.registration->case_code;
    }
    auto format = ctx_->templates.find(create.format);
    if (!format) format = facts.team_format;
    if (!format) return refuse_entry("unknown_format");
    // An invalid case code gets the engine's own refusal (invalid_case_code) first.
    if (!create.confirm_identifying && !facts.registration &&
        protocol::clean_case_code(create.case_code)) {
        auto found = protocol::find_identifying(create.case_code + "\n" + create.title,
                                                protocol::date_of(now_ms()));
        if (!found.empty()) return refuse_identifying(found);
    }
    std::optional<std::int64_t> team_id, user_id;
    if (facts.account) {
        team_id = team_of_new_session(*facts.account, create.team_id);
        if (!team_id) return refuse_entry("not_in_team");
        user_id = facts.account->user_id;
        create.name = facts.account->display_name; // a member's name is the account's
    } else if (!ctx_->cfg.open_rooms) {
        return refuse_entry("login_required");
    }
    auto r = std::make_shared<room>(asio::make_strand(ctx_->ioc), new_room_id(), ctx_->services(),
                                    team_id);
    const auto* team = team_id ? facts.account->in_team(*team_id) : nullptr;
    r->use_time_zone(team_time_zone(team ? team->time_zone : std::string()));
    r->create(shared_from_this(), std::move(format), create, user_id, facts.previous,
              facts.registration ? std::optional(facts.registration->preparation) : std::nullopt);
}

// The warning in words with what was found; the person changes the code or title, or confirms.
void websocket_session::refuse_identifying(
    const std::vector<protocol::identifying_finding>& found) {
    entering_ = false;
    entry_message_.reset();
    ctx_->stats.count_rejection("looks_identifying");
    auto error = wire::make_error("looks_identifying");
    error.message_de = "Das sieht nach Angaben aus, die eine Person erkennbar machen: " +
                       protocol::describe_findings(found, true) +
                       ". Bitte verwenden Sie einen Fallcode (Pseudonym) und einen Titel ohne "
                       "persönliche Angaben – oder bestätigen Sie, dass keine echte Person "
                       "gemeint ist.";
    error.message_en = "This looks like details that identify a person: " +
                       protocol::describe_findings(found, false) +
                       ". Please use a case code (pseudonym) and a title without personal "
                       "details – or confirm that no real person is meant.";
    error.findings = nlohmann::json::array();
    for (const auto& f : found)
        error.findings.push_back({{"kind", f.kind}, {"text", f.text}});
    enqueue(shared_frame(wire::error_frame(error)));
}

void websocket_session::reply_error(const std::string& code, const std::string& id) {
    if (code != "rate_limited") ctx_->stats.count_rejection(code);
    enqueue(shared_frame(wire::error_frame(wire::make_error(code, id))));
}

void websocket_session::joined(std::shared_ptr<room> r, std::string participant_id) {
    asio::dispatch(ws_.get_executor(), [self = shared_from_this(), r = std::move(r),
                                        pid = std::move(participant_id)]() mutable {
        self->room_ = std::move(r);
        self->participant_id_ = std::move(pid);
        self->entering_ = false;
        self->entry_message_.reset();
        self->entry_deadline_.cancel();
        self->ws_.read_message_max(hard_frame_limit);
        // The connection may have closed while the room was admitting it.
        if (self->dropped_) self->room_->detach(self.get());
    });
}

void websocket_session::welcome(std::shared_ptr<const protocol::format_template> format,
                                std::shared_ptr<const std::string> frame) {
    asio::dispatch(ws_.get_executor(), [self = shared_from_this(), format = std::move(format),
                                        frame = std::move(frame)]() mutable {
        if (format && !self->known_.knows(format->client_key)) {
            self->known_.known_templates.push_back(format->client_key);
            // Shares the template's own text: thousands of welcomes need no copy of it.
            self->enqueue(std::shared_ptr<const std::string>(format, &format->client_frame));
        }
        self->enqueue(std::move(frame));
    });
}

void websocket_session::leave_room(std::shared_ptr<const std::string> farewell) {
    asio::dispatch(ws_.get_executor(),
                   [self = shared_from_this(), farewell = std::move(farewell)]() mutable {
                       // The room has let go of this connection already; it says why, then closes.
                       self->room_.reset();
                       self->participant_id_.clear();
                       self->enqueue(std::move(farewell));
                       self->closing_ = true;
                       if (!self->writing_ && !self->flush_due_ && self->holds_ == 0)
                           self->close_now();
                   });
}

void websocket_session::close_now() {
    if (dropped_) return;
    ws_.async_close(websocket::close_code::policy_error,
                    [self = shared_from_this()](beast::error_code) { self->drop(); });
}

void websocket_session::send(std::shared_ptr<const std::string> frame) {
    asio::dispatch(ws_.get_executor(),
                   [self = shared_from_this(), frame = std::move(frame)]() mutable {
                       // A failed create, join or resume ends the attempt: the client may try
                       // again.
                       if (!self->room_) self->entering_ = false;
                       self->enqueue(std::move(frame));
                   });
}

void websocket_session::hold_writes() {
    asio::dispatch(ws_.get_executor(), [self = shared_from_this()] { ++self->holds_; });
}

void websocket_session::release_writes() {
    asio::dispatch(ws_.get_executor(), [self = shared_from_this()] {
        if (--self->holds_ > 0 || self->writing_ || self->flush_due_ || self->dropped_) return;
        if (!self->queue_.empty()) return self->do_write();
        if (self->closing_) self->close_now();
    });
}

void websocket_session::enqueue(std::shared_ptr<const std::string> frame) {
    if (dropped_) return;
    // A client that does not read must not make the server's memory grow; it can resume.
    if (!queue_has_room(frame->size())) return drop();
    queued_bytes_ += frame->size();
    queue_.push_back(std::move(frame));
    if (writing_ || flush_due_ || holds_ > 0) return;
    // Not at once: frames handed over right after this one (the format and the welcome; a
    // batch's events and the sender's ack) then leave with it, in one socket write.
    flush_due_ = true;
    asio::post(ws_.get_executor(), [self = shared_from_this()] {
        self->flush_due_ = false;
        if (!self->writing_ && !self->dropped_ && self->holds_ == 0 && !self->queue_.empty())
            self->do_write();
    });
}

bool websocket_session::queue_has_room(std::size_t frame_bytes) {
    if (queue_.size() >= ctx_->cfg.client_queue_limit) {
        ctx_->stats.queue_overflow_disconnects.fetch_add(1, std::memory_order_relaxed);
        return false;
    }
    // One frame larger than the limit (the missed events of a long session) still goes out
    // when nothing else waits.
    if (!queue_.empty() && queued_bytes_ + frame_bytes > ctx_->cfg.client_queue_bytes) {
        ctx_->stats.queue_bytes_disconnects.fetch_add(1, std::memory_order_relaxed);
        return false;
    }
    return true;
}

void websocket_session::do_write() {
    writing_ = true;
    ws_.text(true);
    // A burst (a batch's events, the sender's ack, a presence) leaves in one socket write: the
    // frames before the last are kept back by the layer below Beast until the last one goes.
    if (queue_.size() > 1)
        ws_.next_layer().cork();
    else
        ws_.next_layer().uncork();
    ctx_->stats.websocket_frames_written.fetch_add(1, std::memory_order_relaxed);
    // The handler holds the frame: a drop() that empties the queue meanwhile must not free the
    // bytes Beast is still writing.
    auto frame = queue_.front();
    ws_.async_write(asio::buffer(*frame),
                    [self = shared_from_this(), frame](auto ec, auto n) { self->on_write(ec, n); });
}

void websocket_session::on_write(beast::error_code ec, std::size_t) {
    writing_ = false;
    if (ec) return fail(ec, "websocket_write");
    if (dropped_) return;
    queued_bytes_ -= queue_.front()->size();
    queue_.pop_front();
    if (!queue_.empty()) return do_write();
    if (closing_) close_now();
}

void websocket_session::drop() {
    if (dropped_) return;
    dropped_ = true;
    entry_deadline_.cancel();
    queue_.clear();
    queued_bytes_ = 0;
    if (room_) room_->detach(this);
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    beast::get_lowest_layer(ws_).socket().close(ignored);
}

} // namespace casecircle::server
