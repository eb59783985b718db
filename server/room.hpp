#pragma once

#include "db/event_writer.hpp"
#include "db/room_log.hpp"
#include "db/storage_pool.hpp"
#include "protocol/decide.hpp"
#include "protocol/local_time.hpp"
#include "protocol/session_state.hpp"
#include "protocol/state_fingerprint.hpp"
#include "protocol/wire.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/strand.hpp>
#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <variant>
#include <vector>

namespace casecircle::server {

class websocket_session;
class room_registry;
class metrics;

// How large one session may grow: a room cannot take on events or commands without end.
struct room_limits {
    std::size_t max_events = 20000;
    std::size_t max_participant_commands = 5000;
};

struct room_services {
    const protocol::template_library& templates;
    db::event_writer& writer;
    db::storage_pool& storage; // reads back a room's stored log after a failed commit
    room_registry& registry;
    metrics& stats;
    room_limits limits;
};

// One live session: its state, its log and the connections in it. Everything happens on the
// room's strand. A command is decided against the state and its events are applied to it, but
// nobody sees them before they are committed to PostgreSQL: only then are they logged,
// broadcast and acknowledged, and readers (resume, snapshot, minutes) wait for the commit. A
// failed commit reads back what PostgreSQL really holds for the room (off the network threads)
// and continues from that: commands whose events landed are acknowledged, the others are told
// storage_unavailable. While one batch is being committed, new commands wait and are then
// decided together, against the state the batch left, and committed as the next batch: one
// commit in flight per room, many rooms per commit. (The pipeline is in room_commits.cpp.)
class room : public std::enable_shared_from_this<room> {
  public:
    using executor = boost::asio::strand<boost::asio::io_context::executor_type>;
    using session_ptr = std::shared_ptr<websocket_session>;

    // `lease_epoch`: of the room's lease in PostgreSQL, which this process holds (a room it
    // creates is leased to it with epoch 1 in the commit that creates it).
    room(executor ex, std::string room_id, room_services services,
         std::optional<std::int64_t> team_id, std::int64_t lease_epoch = 1);
    ~room();
    room(const room&) = delete;
    room& operator=(const room&) = delete;
    // Room objects alive in this process, unloaded ones that something still holds included:
    // when it stays above the rooms in memory, a room is leaking.
    static std::int64_t objects();

    // Rebuilds a room from its stored log; nothing when the log does not fold.
    static std::shared_ptr<room> restore(executor ex, const db::stored_room& stored,
                                         room_services services, std::int64_t lease_epoch,
                                         std::string& error);

    const std::string& id() const { return room_id_; }
    std::int64_t lease_epoch() const { return lease_epoch_; }
    // The team that holds the session; none for an open room. Fixed for the room's life.
    std::optional<std::int64_t> team_id() const { return team_id_; }
    // The team's time zone, in which the minutes are dated; set before the room is used.
    void use_time_zone(std::shared_ptr<const protocol::local_zone> zone) {
        zone_ = std::move(zone);
    }

    // `preparation`: the prepare_case fields of the registered case it is opened from.
    // `previous`: the link_previous_session fields of the case's last session, carried in by
    // the system actor in the same commit as the creation.
    void create(session_ptr s, std::shared_ptr<const protocol::format_template> format,
                protocol::wire::create_message m, std::optional<std::int64_t> created_by,
                std::optional<nlohmann::json> previous,
                std::optional<nlohmann::json> preparation = std::nullopt);
    // user_id: the member's account; guest_invitation: the hash of the one-time guest link a
    // guest entered with ("" for members), used up in the commit that admits them.
    // invite_code: the code a member entered with ("" for guests); a moderator who comes back
    // on another device gets it again in the welcome, to share it.
    void join(session_ptr s, std::string name, std::optional<std::int64_t> user_id,
              std::string guest_invitation, std::string invite_code = {});
    void resume(session_ptr s, std::string participant_id, std::uint64_t last_seq);
    void command(session_ptr s, std::string participant_id, protocol::wire::command_message m);
    void snapshot(session_ptr s);
    // The draft for the moderator after the end; for everyone once approved.
    void minutes(session_ptr s, std::string participant_id);
    void detach(const websocket_session* s);

    // Housekeeping; any thread. A room without connections unloads once it is closed or ended,
    // or after `idle_after` without anyone in it; entries that meet an unloaded room look it up
    // again (websocket_session::retry_entry).
    void unload_if_idle(std::chrono::steady_clock::duration idle_after);
    // Ends a session whose last event is older than `before` (system `end`, reason `idle`):
    // its state is kept for the moderator to approve or discard.
    void close_if_idle(protocol::millis before, protocol::millis written_before);
    // The account lost its access (removed from the team, disabled): its connections close.
    void revoke_account(std::int64_t user_id);
    // Deleted from the database (retention): everyone out, and the room leaves memory.
    void vanish();
    // Another process asks for the room (nginx sends its people there now): once the batch in
    // flight is committed, everyone is sent away with room_moved, to resume there, and the lease
    // is released.
    void hand_over();
    // The lease was taken over (a renewal found it gone, or PostgreSQL refused an append): this
    // process must not write the room again; everyone is sent away with room_moved.
    void lease_lost();

  private:
    using done_result = std::variant<std::vector<std::uint64_t>, protocol::rejection>;
    using completion = std::function<void(const protocol::outcome&, bool committed)>;
    struct pending {
        std::function<protocol::outcome(const protocol::session_state&, protocol::millis)> decide;
        std::string actor;
        std::string command_id;
        std::string command_key; // actor + command id, for answering resends
        std::optional<db::room_record> new_room;
        std::optional<db::member_record> new_member;
        // On the strand, after the commit; `committed` false with no rejection means
        // storage_unavailable.
        completion complete;
        // Whose answer `complete` sends: its events and its ack leave in one write.
        std::shared_ptr<websocket_session> sender;
    };
    // A pending command with its decision, and the resends of the same id that arrived before
    // it was committed: they get the same answer.
    struct decided {
        pending p;
        protocol::outcome out;
        std::vector<completion> resends;
        bool stored = false; // its events (or a newcomer's credential) are committed
    };
    struct synced_log;

    void enqueue(pending p);
    void flush();
    // A limit's refusal, or nothing when the command may be decided.
    std::optional<protocol::rejection> over_limit(const pending& p,
                                                  std::size_t events_in_batch) const;
    void on_committed(std::vector<decided> batch, db::commit_result result);
    // Out of memory without another write, everyone sent away with `code` (room_moved: to the
    // room's new process; session_deleted).
    void move_out(const char* code);
    void remember(const std::string& command_key, done_result result);
    void finish(std::vector<decided>& batch);
    // After a failed commit: the state as PostgreSQL has it (read and folded on the storage
    // thread), then the batch answered from what landed.
    void sync_with_storage(std::vector<decided> batch);
    void on_synced(std::vector<decided> batch, std::shared_ptr<synced_log> synced);
    // Runs `read` now, or after the batch in flight when there is one.
    void when_committed(std::function<void()> read);
    // The same account entering again (another device): the same participant, a new token.
    void rejoin(const session_ptr& s, const std::string& participant_id, std::int64_t user_id,
                const std::string& invite_code);
    // Closes the connections of these participants with `code` (an error frame first).
    void send_away(const std::set<std::string>& participant_ids, const char* code);
    // Out of the registry; on the strand, with nobody in the room.
    void leave_memory();
    void touch() { last_active_ = std::chrono::steady_clock::now(); }
    void resume_now(const session_ptr& s, const std::string& participant_id,
                    std::uint64_t last_seq);
    void send_minutes(const session_ptr& s, const std::string& participant_id);
    void attach(const session_ptr& s, const std::string& participant_id);
    void send_welcome(const session_ptr& s, const std::string& participant_id,
                      nlohmann::json extra);
    void broadcast(const std::shared_ptr<const std::string>& frame);
    // The events from log_[first_new] on, to every member in the form it asked for (state_updates).
    void broadcast_events(std::size_t first_new);
    void announce_presence();
    std::vector<std::string> online() const;
    std::shared_ptr<const std::string> snapshot_frame();
    // to_json(state_) serialised, once per state: welcomes and snapshots share it (the frames
    // themselves are not kept: an idle room holds one copy of its state's text).
    const std::string& state_json();
    // The patch from the patch clients' state to the room's, as the events frame's fields; empty
    // when their state is not known.
    std::string patch_fields_since(std::uint64_t previous_seq);
    std::shared_ptr<const std::string> minutes_frame();
    void audit_minutes_read(const std::string& pid);

    executor strand_;
    std::string room_id_;
    room_services services_;
    std::optional<std::int64_t> team_id_;
    std::shared_ptr<const protocol::local_zone> zone_ = std::make_shared<protocol::local_zone>();
    std::int64_t lease_epoch_;
    protocol::session_state state_;
    // Each event as its JSON text (seq = index + 1): what resumes send, at a fraction of the
    // memory of the parsed events.
    std::vector<std::string> log_;
    std::map<std::string, done_result> done_commands_;
    std::map<std::string, std::size_t> commands_by_actor_; // committed commands per participant
    std::deque<pending> waiting_;
    bool in_flight_ = false; // state_ then holds the batch's events, not yet committed
    // Resumes, snapshots and minutes asked for while a batch is in flight: they must not see
    // events that may yet fail to commit, so they run after it (a few milliseconds).
    std::vector<std::function<void()>> after_commit_;
    struct member {
        std::weak_ptr<websocket_session> session;
        const websocket_session* key;
        std::string participant_id;
        protocol::wire::state_updates updates;
    };
    std::vector<member> members_;
    std::map<std::int64_t, std::string> accounts_; // account -> its participant in this room
    bool unloaded_ = false;
    std::chrono::steady_clock::time_point last_active_ = std::chrono::steady_clock::now();
    bool presence_due_ = false;
    std::string state_json_;
    std::uint64_t state_json_seq_ = 0;
    protocol::state_fingerprint patch_base_; // what the patch clients hold, at patch_base_seq_
    std::uint64_t patch_base_seq_ = 0;
    std::shared_ptr<const std::string> minutes_;
    std::uint64_t minutes_seq_ = 0;
};

protocol::millis now_ms();

} // namespace casecircle::server
