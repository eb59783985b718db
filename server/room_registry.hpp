#pragma once

#include <array>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace casecircle::server {

class room;

// The rooms loaded in this process, by id. Rooms are found in PostgreSQL by the hashes of
// invitation codes and tokens (db/room_log.hpp), loaded when someone enters and unloaded when
// idle; the registry only says which are in memory now. Safe from any thread.
class room_registry {
  public:
    std::shared_ptr<room> find(const std::string& room_id) const;
    // Registers `r`, unless the same room was loaded meanwhile by another entry: then that one,
    // so that a room never lives twice in one process.
    std::shared_ptr<room> adopt(std::shared_ptr<room> r);
    // Forgets this instance of its room (a newer one stays).
    void remove(const room& r);
    std::vector<std::shared_ptr<room>> all() const;
    std::size_t size() const;

    // A room whose log does not fold is kept out of memory until an operator has looked at it.
    void set_aside(const std::string& room_id);
    bool is_set_aside(const std::string& room_id) const;
    std::size_t set_aside_count() const;

    // Held while one room is taken and loaded on a storage thread, so that two entries of the
    // same room in this process load it once, under one lease epoch. (Striped: rooms share.)
    std::mutex& load_lock(const std::string& room_id);

  private:
    std::array<std::mutex, 32> load_locks_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, std::shared_ptr<room>> rooms_;
    std::set<std::string> set_aside_;
};

} // namespace casecircle::server
