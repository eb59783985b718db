#include "server/access_probes.hpp"

namespace casecircle::server {

bool access_probes::opens_window(const std::string& caller, clock::time_point now) {
    std::lock_guard lock(mutex_);
    // Ended windows leave, so that the table is only as large as the current probing.
    std::erase_if(opened_, [&](const auto& e) { return e.second + window_ <= now; });
    return opened_.try_emplace(caller, now).second;
}

} // namespace casecircle::server
