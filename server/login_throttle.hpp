#pragma once

#include "db/login_failures.hpp"

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace casecircle::server {

// Whether another login may be checked, from the failed logins per account name and per address
// in a sliding window, which PostgreSQL counts for every process (db/login_failures.hpp); and
// how refused attempts are summed up for the audit trail. Logins are checked on several storage
// threads at once, hence the lock.
class login_throttle {
  public:
    using clock = std::chrono::steady_clock;

    login_throttle(int per_account, int per_address, std::chrono::seconds window)
        : per_account_(per_account), per_address_(per_address), window_(window) {}

    std::chrono::seconds window() const { return window_; }
    // Whether another attempt may be checked at all. Unknown account names count like known
    // ones, so that the answer does not reveal which exist.
    bool allows(const db::login_failure_counts& recent) const {
        return recent.account < per_account_ && recent.address < per_address_;
    }
    bool address_throttled(const db::login_failure_counts& recent) const {
        return recent.address >= per_address_;
    }

    // The audit trail of refused attempts stays small whatever an attacker sends: one entry at
    // the first refusal of a window, the rest only counted here. A window is keyed by the
    // address when the address is throttled (names may vary), else by the user name.
    struct refusal_window {
        std::string username; // the first refused name in the window
        std::string address;
        clock::time_point opened;
        int attempts = 0;
    };
    // Counts a refused attempt; true when it opens a window (and is to be written at once).
    bool note_refusal(const std::string& username, const std::string& address,
                      bool address_throttled, clock::time_point now);
    // Windows that have ended with more than the first attempt in them, taken out: their
    // count is written as a summary. Closed lazily, at the next login attempt after the end.
    std::vector<refusal_window> ended_windows(clock::time_point now);

  private:
    int per_account_;
    int per_address_;
    std::chrono::seconds window_;
    std::mutex mutex_;
    std::map<std::string, refusal_window> refusals_;
};

} // namespace casecircle::server
