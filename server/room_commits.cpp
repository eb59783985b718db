// The room's commit pipeline: decide, write, and answer once the database has spoken.
#include "server/room.hpp"
#include "server/websocket_session.hpp"

#include "server/metrics.hpp"
#include "server/room_events.hpp"

#include "protocol/minutes.hpp"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <set>

namespace casecircle::server {

namespace asio = boost::asio;
namespace wire = protocol::wire;
using json = nlohmann::json;

namespace {

// What an acknowledgement needs of events: their seqs.
protocol::outcome outcome_of(const std::vector<std::uint64_t>& seqs) {
    std::vector<protocol::event> events;
    for (const auto seq : seqs)
        events.push_back(protocol::event{seq, 0, {}, {}, {}});
    return events;
}

// `committed` false and no rejection: the answer is storage_unavailable.
const protocol::outcome not_stored = std::vector<protocol::event>{};

protocol::rejection limit_refusal(const char* code) {
    const auto e = wire::make_error(code);
    return {e.code, e.message_de, e.message_en};
}

// A participant removed by this event: their connections go once it is committed.
void note_removal(const protocol::event& e, std::set<std::string>& removed) {
    if (e.type == "participant_removed") removed.insert(e.data.value("participant_id", ""));
}

// How the session has closed for good, if it has (see db::room_closure).
std::optional<db::room_closure> closure_of(const protocol::session_data& d,
                                           std::optional<std::int64_t> team_id) {
    const std::string format = d.format ? d.format->id : std::string();
    if (d.cancellation)
        return db::room_closure{"cancelled", d.cancellation->reason, d.cancellation->note, team_id,
                                format};
    if (d.discard)
        return db::room_closure{"discarded", "discarded", d.discard->reason, team_id, format};
    if (d.approval) return db::room_closure{"approved", "", "", team_id, format};
    return std::nullopt;
}

} // namespace

// The state and log as PostgreSQL holds them, made in the storage pool.
struct room::synced_log {
    protocol::session_state state;
    std::vector<std::string> new_texts; // stored events the room did not know, as event text
    db::room_tail tail;
    bool read = false; // false: the database could not be read; the log alone was folded
    std::string fold_error;
};

void room::enqueue(pending p) {
    waiting_.push_back(std::move(p));
    if (!in_flight_) flush();
}

std::optional<protocol::rejection> room::over_limit(const pending& p,
                                                    std::size_t events_in_batch) const {
    if (log_.size() + events_in_batch >= services_.limits.max_events)
        return limit_refusal("room_event_limit");
    if (!p.actor.empty()) {
        const auto it = commands_by_actor_.find(p.actor);
        if (it != commands_by_actor_.end() &&
            it->second >= services_.limits.max_participant_commands)
            return limit_refusal("participant_command_limit");
    }
    return std::nullopt;
}

void room::flush() {
    if (waiting_.empty()) return;
    if (unloaded_) {
        // Handed over, taken over or deleted: nothing more is written here. The commands are
        // sent again after the resume, where the room is now.
        for (auto& p : std::exchange(waiting_, {}))
            p.complete(not_stored, false);
        return;
    }
    const auto now = now_ms();
    // Decided and applied in place, without copying the state (with hundreds of cards the copy
    // was a tenth of the server's CPU); until the commit, readers wait (after_commit_) and a
    // failed commit reads the state back from PostgreSQL (sync_with_storage).
    const bool closed_before = closure_of(state_.data(), team_id_).has_value();
    const bool ended_before = state_.ended();
    std::vector<decided> batch;
    db::append_request request;
    request.room_id = room_id_;
    request.lease_epoch = lease_epoch_;
    while (!waiting_.empty()) {
        auto p = std::move(waiting_.front());
        waiting_.pop_front();
        if (!p.command_key.empty()) {
            // A resend: answer with what the first one got, never apply it twice.
            if (const auto done = done_commands_.find(p.command_key);
                done != done_commands_.end()) {
                if (const auto* why = std::get_if<protocol::rejection>(&done->second))
                    p.complete(*why, false);
                else
                    p.complete(outcome_of(std::get<std::vector<std::uint64_t>>(done->second)),
                               true);
                continue;
            }
            // Sent twice before the first was committed (a client that resends on a timeout).
            // (A batch is what arrived during one commit: a few commands, searched in place.)
            const auto first = std::find_if(batch.begin(), batch.end(), [&](const decided& d) {
                return d.p.command_key == p.command_key;
            });
            if (first != batch.end()) {
                first->resends.push_back(std::move(p.complete));
                continue;
            }
        }
        if (auto refusal = over_limit(p, request.rows.size())) {
            p.complete(*refusal, false);
            continue;
        }
        auto out = p.decide(state_, now);
        if (const auto* why = std::get_if<protocol::rejection>(&out)) {
            // Stored with the batch, so that a resend is refused the same way after a restart.
            if (!p.command_key.empty())
                request.rejections.push_back(
                    {p.actor, p.command_id, why->code, why->message_de, why->message_en});
        } else {
            const auto& events = std::get<std::vector<protocol::event>>(out);
            for (const auto& e : events) {
                state_.apply(e);
                request.rows.push_back({e, p.command_id});
                if (e.type == "participant_removed")
                    request.revoked.push_back(e.data.value("participant_id", ""));
            }
            request.ends_room = state_.ended() && !ended_before;
            // A session closes for good once: approved minutes go to the archive in the same
            // commit as the approval; discarded and cancelled ones leave their reason.
            if (!closed_before && !request.closes)
                if ((request.closes = closure_of(state_.data(), team_id_)) &&
                    state_.data().approval) {
                    auto minutes = protocol::build_minutes(state_, *zone_);
                    auto markdown = protocol::render_minutes_markdown(minutes, *zone_);
                    request.archive =
                        db::archive_of(room_id_, std::move(minutes), std::move(markdown));
                }
            if (p.new_room) request.new_room = p.new_room;
            if (p.new_member) {
                auto member = *p.new_member;
                if (member.participant_id.empty())
                    member.participant_id = joined_participant(events);
                request.new_members.push_back(std::move(member));
            }
        }
        batch.push_back({std::move(p), std::move(out), {}});
    }
    if (batch.empty()) return;
    if (request.rows.empty() && request.rejections.empty() && request.new_members.empty()) {
        // Only refused entries (a join the engine refused): nothing to make durable.
        return finish(batch);
    }
    in_flight_ = true;
    auto shared = std::make_shared<std::vector<decided>>(std::move(batch));
    request.done = [self = shared_from_this(), shared](db::commit_result result) {
        asio::post(self->strand_,
                   [self, shared, result] { self->on_committed(std::move(*shared), result); });
    };
    services_.writer.append(std::move(request));
}

void room::remember(const std::string& command_key, done_result result) {
    auto& slot = done_commands_[command_key];
    if (auto* seqs = std::get_if<std::vector<std::uint64_t>>(&result)) {
        // One command's events may be remembered one at a time (restore, read-back).
        if (auto* known = std::get_if<std::vector<std::uint64_t>>(&slot);
            known && !known->empty()) {
            known->insert(known->end(), seqs->begin(), seqs->end());
            return;
        }
        ++commands_by_actor_[command_key.substr(0, command_key.find('\x1f'))];
    }
    slot = std::move(result);
}

void room::on_committed(std::vector<decided> batch, db::commit_result result) {
    if (result == db::commit_result::lease_lost) {
        // Nothing of the batch is stored: its commands are told so, and resent where the room
        // is now.
        if (!unloaded_) services_.stats.rooms_fenced.fetch_add(1, std::memory_order_relaxed);
        move_out("room_moved");
        for (auto& d : batch)
            d.out = not_stored;
        return finish(batch);
    }
    if (result != db::commit_result::committed) return sync_with_storage(std::move(batch));
    const auto first_new = log_.size();
    std::set<std::string> removed;
    for (auto& d : batch) {
        if (const auto* why = std::get_if<protocol::rejection>(&d.out)) {
            if (!d.p.command_key.empty()) remember(d.p.command_key, *why);
            continue;
        }
        d.stored = true;
        const auto& events = std::get<std::vector<protocol::event>>(d.out);
        if (!d.p.command_key.empty()) remember(d.p.command_key, seqs_of(events));
        for (const auto& e : events) {
            log_.push_back(wire::event_text(e, *state_.data().format));
            note_removal(e, removed);
        }
    }
    // A sender's events frame and its ack are handed over separately; held, they leave together.
    for (const auto& d : batch)
        if (d.p.sender) d.p.sender->hold_writes();
    broadcast_events(first_new);
    send_away(removed, "removed_from_session");
    std::vector<session_ptr> senders;
    for (const auto& d : batch)
        if (d.p.sender) senders.push_back(d.p.sender);
    finish(batch);
    for (const auto& s : senders)
        s->release_writes();
}

void room::finish(std::vector<decided>& batch) {
    in_flight_ = false;
    touch();
    for (auto& d : batch) {
        d.p.complete(d.out, d.stored);
        for (auto& resend : d.resends)
            resend(d.out, d.stored);
    }
    // Before the next batch starts: under steady load a reader must not wait for ever.
    for (auto& read : std::exchange(after_commit_, {}))
        read();
    flush();
}

void room::sync_with_storage(std::vector<decided> batch) {
    services_.stats.room_syncs.fetch_add(1, std::memory_order_relaxed);
    // The room stays busy (in_flight_) until it knows: nothing is decided or read meanwhile.
    auto shared = std::make_shared<std::vector<decided>>(std::move(batch));
    services_.storage.post_always([self = shared_from_this(), shared, log = log_,
                                   format = state_.data().format](pqxx::connection_base* conn) {
        auto synced = std::make_shared<synced_log>(
            synced_log{protocol::session_state(&self->services_.templates), {}, {}, false, {}});
        if (conn != nullptr) {
            try {
                synced->tail = db::read_room_tail(*conn, self->room_id_, log.size());
                synced->read = true;
            } catch (const std::exception&) {
                // Unknown still: the next append's seq meets the stored one's primary key.
            }
        }
        for (const auto& text : log) {
            auto parsed = protocol::event_from_json(json::parse(text, nullptr, false));
            if (!parsed) break;
            // On the wire session_created names its template by key; the fold needs it.
            if (parsed->type == "session_created") parsed->data["template"] = format->source;
            if (synced->state.apply(*parsed)) break;
        }
        for (const auto& row : synced->tail.rows) {
            if (auto failed = synced->state.apply(row.event)) {
                synced->fold_error =
                    "event " + std::to_string(failed->seq) + " does not fold: " + failed->message;
                synced->tail.rows.resize(synced->new_texts.size());
                break;
            }
            synced->new_texts.push_back(wire::event_text(row.event, *synced->state.data().format));
        }
        asio::post(self->strand_,
                   [self, shared, synced] { self->on_synced(std::move(*shared), synced); });
    });
}

void room::on_synced(std::vector<decided> batch, std::shared_ptr<synced_log> synced) {
    if (!synced->fold_error.empty())
        services_.stats.report_error("room_log_does_not_fold",
                                     room_id_ + ": " + synced->fold_error);
    state_ = std::move(synced->state);
    state_json_.clear();
    patch_base_.forget();
    minutes_.reset();
    const auto first_new = log_.size();
    std::set<std::string> removed;
    for (std::size_t i = 0; i < synced->new_texts.size(); ++i) {
        const auto& row = synced->tail.rows[i];
        log_.push_back(std::move(synced->new_texts[i]));
        note_removal(row.event, removed);
        if (!row.command_id.empty())
            remember(row.event.actor + '\x1f' + row.command_id,
                     std::vector<std::uint64_t>{row.event.seq});
    }
    for (const auto& j : synced->tail.rejections)
        if (!done_commands_.contains(j.actor + '\x1f' + j.command_id))
            remember(j.actor + '\x1f' + j.command_id,
                     protocol::rejection{j.code, j.message_de, j.message_en});
    broadcast_events(first_new);
    // Each command is answered by what landed: its events (it was committed after all), its
    // stored refusal, or storage_unavailable (nothing of it is stored; the client resends).
    for (auto& d : batch) {
        const auto done =
            d.p.command_key.empty() ? done_commands_.end() : done_commands_.find(d.p.command_key);
        d.stored = false;
        if (done == done_commands_.end()) {
            d.out = not_stored;
        } else if (const auto* why = std::get_if<protocol::rejection>(&done->second)) {
            d.out = *why;
        } else {
            d.out = outcome_of(std::get<std::vector<std::uint64_t>>(done->second));
            d.stored = true;
        }
    }
    send_away(removed, "removed_from_session");
    finish(batch);
}

void room::when_committed(std::function<void()> read) {
    if (in_flight_)
        after_commit_.push_back(std::move(read));
    else
        read();
}

} // namespace casecircle::server
