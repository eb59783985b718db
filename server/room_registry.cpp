#include "server/room_registry.hpp"

#include "server/room.hpp"

namespace casecircle::server {

void room_registry::add_room(std::shared_ptr<room> r, const std::string& invite_hash) {
    std::lock_guard lock(mutex_);
    invites_[invite_hash] = r->id();
    rooms_[r->id()] = std::move(r);
}

void room_registry::add_token(const std::string& token_hash, const std::string& room_id,
                              const std::string& participant_id) {
    std::lock_guard lock(mutex_);
    tokens_[token_hash] = {room_id, participant_id};
}

std::shared_ptr<room> room_registry::by_invite(const std::string& invite_hash) const {
    std::lock_guard lock(mutex_);
    const auto it = invites_.find(invite_hash);
    if (it == invites_.end()) return nullptr;
    const auto r = rooms_.find(it->second);
    return r == rooms_.end() ? nullptr : r->second;
}

std::shared_ptr<room> room_registry::by_id(const std::string& room_id) const {
    std::lock_guard lock(mutex_);
    const auto r = rooms_.find(room_id);
    return r == rooms_.end() ? nullptr : r->second;
}

std::optional<room_registry::membership>
room_registry::by_token(const std::string& token_hash) const {
    std::lock_guard lock(mutex_);
    const auto it = tokens_.find(token_hash);
    if (it == tokens_.end()) return std::nullopt;
    const auto r = rooms_.find(it->second.first);
    if (r == rooms_.end()) return std::nullopt;
    return membership{r->second, it->second.second};
}

std::size_t room_registry::size() const {
    std::lock_guard lock(mutex_);
    return rooms_.size();
}

} // namespace casecircle::server
