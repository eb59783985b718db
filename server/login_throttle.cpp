#include "server/login_throttle.hpp"

namespace casecircle::server {

bool login_throttle::note_refusal(const std::string& username, const std::string& address,
                                  bool address_throttled, clock::time_point now) {
    std::lock_guard lock(mutex_);
    const auto key = address_throttled ? "address:" + address : "user:" + username;
    auto& w = refusals_[key];
    if (w.attempts > 0 && w.opened + window_ > now) {
        ++w.attempts;
        return false;
    }
    // A new window; an ended one not yet summarised is summarised by ended_windows first.
    w = {username, address, now, 1};
    return true;
}

std::vector<login_throttle::refusal_window> login_throttle::ended_windows(clock::time_point now) {
    std::lock_guard lock(mutex_);
    std::vector<refusal_window> ended;
    for (auto it = refusals_.begin(); it != refusals_.end();) {
        if (it->second.opened + window_ > now) {
            ++it;
            continue;
        }
        if (it->second.attempts > 1) ended.push_back(it->second);
        it = refusals_.erase(it);
    }
    return ended;
}

} // namespace casecircle::server
