#pragma once

#include "tests/load/relay_loops.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace casecircle::load {

class relay_session;
using frame_ptr = std::shared_ptr<const std::string>;

// One room of the Beast relay baseline: membership, a sequence counter and an in-memory log.
// Its members sit on any loop (a connection's loop is chosen before its room is known). A
// command runs on the sender's loop under the room's lock, which serialises it once and queues
// it in one inbox per loop, in seq order; the sender's loop empties its inbox at once, every
// other loop on one post per inbox that was empty. So each member receives its frames in seq
// order, and an event costs one post per other loop, not one per member.
class relay_room : public std::enable_shared_from_this<relay_room> {
  public:
    relay_room(std::string invite, relay_loops& loops)
        : invite_(std::move(invite)), loops_(loops), inbox_(loops.size()), reached_(loops.size()),
          draining_(loops.size()), local_(loops.size()) {}
    const std::string& invite() const { return invite_; }

    // All on the session's loop. A new participant: the welcome, then its join event to all.
    std::string admit_new(const std::shared_ptr<relay_session>& s, const std::string& name,
                          const std::string& token, bool creator);
    // A participant back: the welcome and the events it missed.
    void readmit(const std::shared_ptr<relay_session>& s, const std::string& participant_id,
                 std::uint64_t last_seq);
    // The command as one event to everyone, then the ack to the sender.
    void command(const std::shared_ptr<relay_session>& s, const std::string& participant_id,
                 const std::string& id, const std::string& type, const std::string& fields_json);
    // A relay keeps no state: a snapshot is an empty state at the room's last seq, queued behind
    // the events already sent to the session (loadgen's browser traffic asks for these).
    void snapshot(const std::shared_ptr<relay_session>& s);
    // A member asked for state patches (state_updates "patch", the browser): from now on every
    // events frame carries an empty one, so that such a client never needs a snapshot.
    void send_patches();
    void leave(const relay_session* s);

  private:
    // A frame for every member on the loop (`to` null), or for one session, which `enters` the
    // loop's members with it.
    struct delivery {
        frame_ptr frame;
        std::shared_ptr<relay_session> to;
        bool enters = false;
    };

    std::uint64_t append_locked(const std::string& actor, const std::string& type,
                                const std::string& data_json);
    frame_ptr events_frame_locked(std::uint64_t first_seq) const;
    frame_ptr welcome_locked(const std::string& participant_id, const std::string& extra) const;
    // Queues d for `loop`; marks the loop in `wake` when its inbox was empty.
    void queue_locked(unsigned loop, delivery d, std::uint64_t& wake);
    void broadcast_locked(const frame_ptr& frame, std::uint64_t& wake);
    // After the lock is let go (a loop woken while it is held would wait for it): posts a drain
    // to every other loop in `wake`, and drains the caller's own loop at once.
    void hand_out(unsigned from, std::uint64_t wake);
    // On `loop`: hands what its inbox holds to the sessions there.
    void drain(unsigned loop);

    std::string invite_;
    relay_loops& loops_;
    std::mutex mutex_;
    bool patches_ = false;                     // under mutex_
    std::vector<std::vector<delivery>> inbox_; // per loop, under mutex_
    std::vector<std::string> log_;             // one event's JSON per seq, under mutex_
    std::vector<bool> reached_; // per loop: a member entered there, so events go there
    unsigned next_participant_ = 1;
    // Touched only on their loop: the inbox being handed out (kept for its capacity), and the
    // members there.
    std::vector<std::vector<delivery>> draining_;
    std::vector<std::vector<std::shared_ptr<relay_session>>> local_;
};

// Invitation codes and tokens of all rooms.
class relay_registry {
  public:
    explicit relay_registry(relay_loops& loops) : loops_(loops) {}
    std::shared_ptr<relay_room> create();
    std::shared_ptr<relay_room> by_invite(const std::string& invite);
    void add_token(const std::string& token, std::shared_ptr<relay_room> room,
                   const std::string& participant_id);
    std::pair<std::shared_ptr<relay_room>, std::string> by_token(const std::string& token);

  private:
    relay_loops& loops_;
    std::mutex mutex_;
    std::map<std::string, std::shared_ptr<relay_room>> rooms_;
    std::map<std::string, std::pair<std::shared_ptr<relay_room>, std::string>> tokens_;
    std::uint64_t counter_ = 0;
};

std::string new_relay_token();

} // namespace casecircle::load
