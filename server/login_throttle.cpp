#include "server/login_throttle.hpp"

namespace casecircle::server {

bool login_throttle::under(std::map<std::string, failures>& table, const std::string& key,
                           int limit, clock::time_point now) {
    const auto it = table.find(key);
    if (it == table.end()) return true;
    auto& times = it->second;
    while (!times.empty() && times.front() + window_ <= now)
        times.pop_front();
    if (times.empty()) {
        table.erase(it); // keeps the table as small as the current attack
        return true;
    }
    return static_cast<int>(times.size()) < limit;
}

bool login_throttle::allows(const std::string& username, const std::string& address,
                            clock::time_point now) {
    std::lock_guard lock(mutex_);
    const bool account_ok = under(by_account_, username, per_account_, now);
    const bool address_ok = under(by_address_, address, per_address_, now);
    return account_ok && address_ok;
}

void login_throttle::failed(const std::string& username, const std::string& address,
                            clock::time_point now) {
    std::lock_guard lock(mutex_);
    by_account_[username].push_back(now);
    by_address_[address].push_back(now);
}

bool login_throttle::note_refusal(const std::string& username, const std::string& address,
                                  clock::time_point now) {
    std::lock_guard lock(mutex_);
    const bool by_address = !under(by_address_, address, per_address_, now);
    const auto key = by_address ? "address:" + address : "user:" + username;
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

void login_throttle::succeeded(const std::string& username) {
    std::lock_guard lock(mutex_);
    by_account_.erase(username);
}

} // namespace casecircle::server
