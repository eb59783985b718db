#pragma once

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
// Frames are handed to members while the lock is held, so that every member's queue receives
// them in sequence order (the relay has no other way to keep its seqs gap-free per member).
class relay_room {
  public:
    explicit relay_room(std::string invite) : invite_(std::move(invite)) {}
    const std::string& invite() const { return invite_; }

    // Welcomes the session as the next participant and broadcasts its join event.
    std::string admit_new(const std::shared_ptr<relay_session>& s, const std::string& name,
                          const std::string& token, bool creator);
    void readmit(const std::shared_ptr<relay_session>& s, const std::string& participant_id,
                 std::uint64_t last_seq);
    // Echoes the command as one event to everyone, then acknowledges it to the sender.
    void command(const std::shared_ptr<relay_session>& s, const std::string& participant_id,
                 const std::string& id, const std::string& type, const std::string& fields_json);
    // A relay keeps no state: a snapshot is an empty state at the room's last seq, queued behind
    // the events already sent to the session (loadgen's browser-before traffic asks for these).
    void snapshot(const std::shared_ptr<relay_session>& s);
    void leave(const relay_session* s);

  private:
    std::uint64_t append_locked(const std::string& actor, const std::string& type,
                                const std::string& data_json);
    void broadcast_locked(const frame_ptr& frame);
    frame_ptr welcome_locked(const std::string& participant_id, const std::string& extra);

    std::mutex mutex_;
    std::string invite_;
    std::vector<std::weak_ptr<relay_session>> members_;
    std::vector<std::string> log_; // one event's JSON per seq
    unsigned next_participant_ = 1;
};

// Invitation codes and tokens of all rooms.
class relay_registry {
  public:
    std::shared_ptr<relay_room> create();
    std::shared_ptr<relay_room> by_invite(const std::string& invite);
    void add_token(const std::string& token, std::shared_ptr<relay_room> room,
                   const std::string& participant_id);
    std::pair<std::shared_ptr<relay_room>, std::string> by_token(const std::string& token);

  private:
    std::mutex mutex_;
    std::map<std::string, std::shared_ptr<relay_room>> rooms_;
    std::map<std::string, std::pair<std::shared_ptr<relay_room>, std::string>> tokens_;
    std::uint64_t counter_ = 0;
};

std::string new_relay_token();

} // namespace casecircle::load
