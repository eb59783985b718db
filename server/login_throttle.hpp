#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace casecircle::server {

// Counts failed logins per account name and per address in a sliding window. Logins are checked
// on several storage threads at once, hence the lock.
class login_throttle {
  public:
    using clock = std::chrono::steady_clock;

    login_throttle(int per_account, int per_address, std::chrono::seconds window)
        : per_account_(per_account), per_address_(per_address), window_(window) {}

    // Whether another attempt may be checked at all. Unknown account names count like known
    // ones, so that the answer does not reveal which exist.
    bool allows(const std::string& username, const std::string& address, clock::time_point now);
    void failed(const std::string& username, const std::string& address, clock::time_point now);
    void succeeded(const std::string& username);

  private:
    using failures = std::deque<clock::time_point>;
    bool under(std::map<std::string, failures>& table, const std::string& key, int limit,
               clock::time_point now);

    int per_account_;
    int per_address_;
    std::chrono::seconds window_;
    std::mutex mutex_;
    std::map<std::string, failures> by_account_;
    std::map<std::string, failures> by_address_;
};

} // namespace casecircle::server
