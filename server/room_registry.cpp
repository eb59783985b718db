#include "server/room_registry.hpp"

#include "server/room.hpp"

namespace casecircle::server {

std::shared_ptr<room> room_registry::find(const std::string& room_id) const {
    std::lock_guard lock(mutex_);
    const auto r = rooms_.find(room_id);
    return r == rooms_.end() ? nullptr : r->second;
}

std::shared_ptr<room> room_registry::adopt(std::shared_ptr<room> r) {
    std::lock_guard lock(mutex_);
    return rooms_.try_emplace(r->id(), r).first->second;
}

void room_registry::remove(const room& r) {
    std::lock_guard lock(mutex_);
    const auto it = rooms_.find(r.id());
    if (it != rooms_.end() && it->second.get() == &r) rooms_.erase(it);
}

std::vector<std::shared_ptr<room>> room_registry::all() const {
    std::lock_guard lock(mutex_);
    std::vector<std::shared_ptr<room>> out;
    out.reserve(rooms_.size());
    for (const auto& [id, r] : rooms_)
        out.push_back(r);
    return out;
}

std::size_t room_registry::size() const {
    std::lock_guard lock(mutex_);
    return rooms_.size();
}

void room_registry::set_aside(const std::string& room_id) {
    std::lock_guard lock(mutex_);
    set_aside_.insert(room_id);
}

bool room_registry::is_set_aside(const std::string& room_id) const {
    std::lock_guard lock(mutex_);
    return set_aside_.contains(room_id);
}

std::size_t room_registry::set_aside_count() const {
    std::lock_guard lock(mutex_);
    return set_aside_.size();
}

std::mutex& room_registry::load_lock(const std::string& room_id) {
    return load_locks_[std::hash<std::string>{}(room_id) % load_locks_.size()];
}

} // namespace casecircle::server
