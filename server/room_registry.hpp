#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace casecircle::server {

class room;

// Finds rooms by invitation code and connections' tokens; both are looked up by their hash, the
// same hash the database keeps. Safe from any thread.
class room_registry {
  public:
    struct membership {
        std::shared_ptr<room> in;
        std::string participant_id;
    };

    void add_room(std::shared_ptr<room> r, const std::string& invite_hash);
    void add_token(const std::string& token_hash, const std::string& room_id,
                   const std::string& participant_id);

    std::shared_ptr<room> by_invite(const std::string& invite_hash) const;
    std::shared_ptr<room> by_id(const std::string& room_id) const;
    std::optional<membership> by_token(const std::string& token_hash) const;
    std::size_t size() const;

  private:
    mutable std::mutex mutex_;
    std::unordered_map<std::string, std::shared_ptr<room>> rooms_;
    std::unordered_map<std::string, std::string> invites_; // invite hash -> room id
    std::unordered_map<std::string, std::pair<std::string, std::string>> tokens_;
};

} // namespace casecircle::server
