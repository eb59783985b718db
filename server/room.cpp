#include "server/room.hpp"

#include "db/audit.hpp"
#include "db/storage_pool.hpp"
#include "server/credentials.hpp"
#include "server/metrics.hpp"
#include "server/room_events.hpp"
#include "server/room_registry.hpp"
#include "server/time_zones.hpp"
#include "server/websocket_session.hpp"

#include "protocol/draft_targets.hpp"
#include "protocol/minutes.hpp"

#include <algorithm>
#include <atomic>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <set>
#include <utility>

namespace casecircle::server {

namespace asio = boost::asio;
namespace wire = protocol::wire;
using json = nlohmann::json;

protocol::millis now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

namespace {

// The system's commands that follow a creation in the same commit: the case's previous session
// carried in, and what was prepared for a registered case.
struct carried_in {
    std::optional<json> previous;    // link_previous_session fields
    std::optional<json> preparation; // prepare_case fields
};

// A new session and what it carries in: one outcome, one commit.
protocol::outcome created_session(const protocol::template_library& templates,
                                  const protocol::format_template& format,
                                  const wire::create_message& m, const carried_in& carried,
                                  protocol::millis now) {
    auto created = protocol::create_session(format, m.case_code, m.title, m.name, now, m.mode);
    auto* events = std::get_if<std::vector<protocol::event>>(&created);
    if (events == nullptr) return created;
    protocol::session_state state(&templates);
    for (const auto& e : *events)
        state.apply(e);
    const std::pair<const char*, const std::optional<json>*> commands[] = {
        {"link_previous_session", &carried.previous}, {"prepare_case", &carried.preparation}};
    for (const auto& [type, fields] : commands) {
        if (!*fields) continue;
        const auto more = protocol::decide(state, protocol::system_actor, {type, **fields}, now);
        // The archive and the registration hold what the engine and the API checked; a refusal
        // here would be a bug, and the session is better started without it than not at all.
        if (const auto* added = std::get_if<std::vector<protocol::event>>(&more)) {
            for (const auto& e : *added)
                state.apply(e);
            events->insert(events->end(), added->begin(), added->end());
        }
    }
    return created;
}

} // namespace

namespace {
std::atomic<std::int64_t> room_objects{0};
} // namespace

room::room(executor ex, std::string room_id, room_services services,
           std::optional<std::int64_t> team_id, std::int64_t lease_epoch)
    : strand_(std::move(ex)), room_id_(std::move(room_id)), services_(services), team_id_(team_id),
      lease_epoch_(lease_epoch), state_(&services.templates) {
    room_objects.fetch_add(1, std::memory_order_relaxed);
}

room::~room() {
    room_objects.fetch_sub(1, std::memory_order_relaxed);
}

std::int64_t room::objects() {
    return room_objects.load(std::memory_order_relaxed);
}

std::shared_ptr<room> room::restore(executor ex, const db::stored_room& stored,
                                    room_services services, std::int64_t lease_epoch,
                                    std::string& error) {
    auto r = std::make_shared<room>(std::move(ex), stored.room.room_id, services,
                                    stored.room.team_id, lease_epoch);
    r->use_time_zone(team_time_zone(stored.time_zone));
    for (const auto& [event, command_id] : stored.log.rows) {
        if (auto failed = r->state_.apply(event)) {
            error = "room " + stored.room.room_id + ": event " + std::to_string(failed->seq) +
                    " does not fold: " + failed->message;
            return nullptr;
        }
        r->log_.push_back(wire::event_text(event, *r->state_.data().format));
        if (!command_id.empty())
            r->remember(event.actor + '\x1f' + command_id, std::vector<std::uint64_t>{event.seq});
    }
    for (const auto& j : stored.log.rejections)
        r->remember(j.actor + '\x1f' + j.command_id,
                    protocol::rejection{j.code, j.message_de, j.message_en});
    for (const auto& m : stored.members)
        if (m.user_id) r->accounts_[*m.user_id] = m.participant_id;
    return r;
}

void room::create(session_ptr s, std::shared_ptr<const protocol::format_template> format,
                  wire::create_message m, std::optional<std::int64_t> created_by,
                  std::optional<json> previous, std::optional<json> preparation) {
    const auto token = new_token();
    const auto invite = new_invite_code();
    const auto invite_hash = credential_hash(normalise_invite_code(invite));
    pending p;
    p.decide = [&templates = services_.templates, format, m,
                carried = carried_in{std::move(previous), std::move(preparation)}](
                   const protocol::session_state&, protocol::millis now) {
        return created_session(templates, *format, m, carried, now);
    };
    p.new_room =
        db::room_record{room_id_,   m.format,          m.case_code,
                        m.title,    invite_hash,       team_id_,
                        created_by, m.registration_id, std::string(protocol::to_string(m.mode))};
    p.new_member = db::member_record{"p1", credential_hash(token), created_by, false, {}};
    p.complete = [this, s, token, invite, created_by](const protocol::outcome& out,
                                                      bool committed) {
        if (const auto* why = std::get_if<protocol::rejection>(&out))
            return s->send(shared_frame(wire::rejected_frame("", *why)));
        if (!committed)
            return s->send(
                shared_frame(wire::error_frame(wire::make_error("storage_unavailable"))));
        services_.registry.adopt(shared_from_this());
        if (created_by) accounts_[*created_by] = "p1";
        attach(s, "p1");
        send_welcome(s, "p1", {{"token", token}, {"invite_code", invite}});
        announce_presence();
    };
    asio::post(strand_, [self = shared_from_this(), p = std::move(p)]() mutable {
        self->enqueue(std::move(p));
    });
}

void room::join(session_ptr s, std::string name, std::optional<std::int64_t> user_id,
                std::string guest_invitation, std::string invite_code) {
    asio::post(strand_, [self = shared_from_this(), s, name = std::move(name), user_id,
                         invitation = std::move(guest_invitation), code = std::move(invite_code)] {
        if (self->unloaded_) return s->retry_entry();
        if (user_id)
            if (const auto known = self->accounts_.find(*user_id); known != self->accounts_.end())
                return self->rejoin(s, known->second, *user_id, code);
        const bool guest = !invitation.empty();
        const auto token = new_token();
        pending p;
        p.decide = [name, guest](const protocol::session_state& state, protocol::millis now) {
            json fields{{"name", name}};
            // Guests come as experts from another organisation.
            if (guest) fields.update({{"role", "expert"}, {"guest", true}});
            return protocol::decide(state, "", {"join", fields}, now);
        };
        // The participant id is the engine's to choose; the credential is filed under it below.
        p.new_member = db::member_record{"", credential_hash(token), user_id, guest, invitation};
        p.complete = [self, s, token, user_id](const protocol::outcome& out, bool committed) {
            if (const auto* why = std::get_if<protocol::rejection>(&out))
                return s->send(shared_frame(wire::rejected_frame("", *why)));
            if (!committed)
                return s->send(
                    shared_frame(wire::error_frame(wire::make_error("storage_unavailable"))));
            const auto pid = joined_participant(std::get<std::vector<protocol::event>>(out));
            if (user_id) self->accounts_[*user_id] = pid;
            self->attach(s, pid);
            self->send_welcome(s, pid, {{"token", token}});
            self->announce_presence();
        };
        self->enqueue(std::move(p));
    });
}

void room::rejoin(const session_ptr& s, const std::string& pid, std::int64_t user_id,
                  const std::string& invite_code) {
    const auto token = new_token();
    pending p;
    // Present already (the other device is still connected): no event, only the new token.
    p.decide = [pid](const protocol::session_state& state, protocol::millis now) {
        return protocol::decide(state, pid, {"rejoin", json::object()}, now);
    };
    p.new_member = db::member_record{pid, credential_hash(token), user_id, false, {}};
    p.complete = [self = shared_from_this(), s, token, pid,
                  invite_code](const protocol::outcome& out, bool committed) {
        if (const auto* why = std::get_if<protocol::rejection>(&out))
            return s->send(shared_frame(wire::rejected_frame("", *why)));
        if (!committed)
            return s->send(
                shared_frame(wire::error_frame(wire::make_error("storage_unavailable"))));
        json extra{{"token", token}};
        const auto* moderator = self->state_.data().moderator();
        if (moderator != nullptr && moderator->id == pid && !invite_code.empty())
            extra["invite_code"] = displayed_invite_code(normalise_invite_code(invite_code));
        self->attach(s, pid);
        self->send_welcome(s, pid, std::move(extra));
        self->announce_presence();
    };
    enqueue(std::move(p));
}

void room::resume(session_ptr s, std::string participant_id, std::uint64_t last_seq) {
    asio::post(strand_, [self = shared_from_this(), s, pid = std::move(participant_id), last_seq] {
        if (self->unloaded_) return s->retry_entry();
        self->when_committed([self, s, pid, last_seq] { self->resume_now(s, pid, last_seq); });
    });
}

void room::resume_now(const session_ptr& s, const std::string& pid, std::uint64_t last_seq) {
    attach(s, pid);
    send_welcome(s, pid, json::object());
    // Exactly what the client has not seen, in order.
    if (last_seq < log_.size())
        s->send(shared_frame(
            wire::events_frame(log_.begin() + static_cast<std::ptrdiff_t>(last_seq), log_.end())));
    announce_presence();
}

void room::command(session_ptr s, std::string participant_id, wire::command_message m) {
    asio::post(strand_, [self = shared_from_this(), s, pid = std::move(participant_id),
                         m = std::move(m)]() mutable {
        pending p;
        p.actor = pid;
        p.command_id = m.id;
        p.command_key = pid + '\x1f' + m.id;
        p.decide = [pid, cmd = std::move(m.cmd)](const protocol::session_state& state,
                                                 protocol::millis now) {
            return protocol::decide(state, pid, cmd, now);
        };
        p.sender = s;
        p.complete = [self, s, id = m.id](const protocol::outcome& out, bool committed) {
            if (const auto* why = std::get_if<protocol::rejection>(&out)) {
                self->services_.stats.count_rejection(why->code);
                return s->send(shared_frame(wire::rejected_frame(id, *why)));
            }
            if (!committed) {
                self->services_.stats.count_rejection("storage_unavailable");
                return s->send(
                    shared_frame(wire::error_frame(wire::make_error("storage_unavailable", id))));
            }
            self->services_.stats.commands_accepted.fetch_add(1, std::memory_order_relaxed);
            s->send(shared_frame(
                wire::ack_frame(id, seqs_of(std::get<std::vector<protocol::event>>(out)))));
        };
        self->enqueue(std::move(p));
    });
}

void room::snapshot(session_ptr s) {
    asio::post(strand_, [self = shared_from_this(), s] {
        self->when_committed([self, s] { s->send(self->snapshot_frame()); });
    });
}

void room::minutes(session_ptr s, std::string participant_id) {
    asio::post(strand_, [self = shared_from_this(), s, pid = std::move(participant_id)] {
        self->when_committed([self, s, pid] { self->send_minutes(s, pid); });
    });
}

void room::send_minutes(const session_ptr& s, const std::string& pid) {
    const auto& d = state_.data();
    const auto* moderator = d.moderator();
    // A cancelled session has no minutes, and discarded ones are gone for everyone.
    const bool kept = !d.cancellation && !d.discard;
    const bool may_read =
        d.ended && kept && (d.approval || (moderator != nullptr && moderator->id == pid));
    if (!may_read)
        return s->send(shared_frame(wire::error_frame(wire::make_error("minutes_not_available"))));
    s->send(minutes_frame());
    audit_minutes_read(pid);
}

// Written off the strand, on a storage thread: the room never waits for the database to read.
void room::audit_minutes_read(const std::string& pid) {
    std::optional<std::int64_t> user_id;
    for (const auto& [account, participant] : accounts_)
        if (participant == pid) user_id = account;
    const auto* who = state_.data().find_participant(pid);
    db::audit_entry entry{team_id_,
                          "guest:" + (who ? who->name : pid),
                          "minutes_read",
                          room_id_,
                          "",
                          {{"via", "websocket"}}};
    const bool queued = services_.storage.post(
        db::storage_pool::lane::normal,
        [entry = std::move(entry), user_id, stats = &services_.stats](pqxx::connection_base* conn) {
            if (conn == nullptr) return stats->report_error("audit_lost", "minutes_read");
            if (user_id) return db::record_account_audit(*conn, *user_id, entry);
            db::record_audit(*conn, entry);
        });
    if (!queued) services_.stats.report_error("audit_lost", "minutes_read: storage queue full");
}

std::shared_ptr<const std::string> room::minutes_frame() {
    if (!minutes_ || minutes_seq_ != state_.last_seq()) {
        const auto minutes = protocol::build_minutes(state_, *zone_);
        // Only the moderator reads a draft: what in it looks like it names someone, before the
        // approval locks it.
        const auto identifying = minutes.value("approved", false)
                                     ? json()
                                     : protocol::draft_targets::identifying_findings(
                                           state_.data(), protocol::date_of(now_ms()));
        minutes_ = shared_frame(wire::minutes_frame(
            minutes, protocol::render_minutes_markdown(minutes, *zone_), identifying));
        minutes_seq_ = state_.last_seq();
    }
    return minutes_;
}

void room::detach(const websocket_session* s) {
    asio::post(strand_, [self = shared_from_this(), s] {
        std::erase_if(self->members_, [s](const member& m) { return m.key == s; });
        self->touch();
        self->announce_presence();
    });
}

void room::attach(const session_ptr& s, const std::string& participant_id) {
    touch();
    std::erase_if(members_, [&](const member& m) { return m.key == s.get(); });
    members_.push_back({s, s.get(), participant_id, s->state_updates()});
    s->joined(shared_from_this(), participant_id);
}

void room::send_welcome(const session_ptr& s, const std::string& participant_id, json extra) {
    extra["room_id"] = room_id_;
    extra["participant_id"] = participant_id;
    extra["server_time"] = now_ms();
    extra["last_seq"] = state_.last_seq();
    s->welcome(state_.data().format, shared_frame(wire::welcome_frame(extra, state_json())));
}

} // namespace casecircle::server
