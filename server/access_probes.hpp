#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>

namespace casecircle::server {

// Asking for ids one may not see (another team's minutes, guessed room ids) is counted on every
// request but written to the audit trail once per caller and window: enough to see who probes,
// without letting the prober flood the trail. Used on several storage threads, hence the lock.
class access_probes {
  public:
    using clock = std::chrono::steady_clock;

    explicit access_probes(std::chrono::seconds window) : window_(window) {}

    // True when this probe opens the caller's window and is to be audited.
    bool opens_window(const std::string& caller, clock::time_point now);

  private:
    std::chrono::seconds window_;
    std::mutex mutex_;
    std::map<std::string, clock::time_point> opened_; // caller -> start of their window
};

} // namespace casecircle::server
