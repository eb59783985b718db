#include "server/connection_limits.hpp"

namespace casecircle::server {

connection_limits::slot::slot(connection_limits& owner, std::string address)
    : owner_(owner), address_(std::move(address)) {}

connection_limits::slot::~slot() {
    owner_.release(address_);
}

connection_limits::connection_limits(std::size_t total, std::size_t per_address, std::string proxy)
    : total_limit_(total), per_address_limit_(per_address), proxy_(std::move(proxy)) {}

std::shared_ptr<connection_limits::slot> connection_limits::acquire(const std::string& address,
                                                                    std::string& refused_by) {
    {
        std::lock_guard lock(mutex_);
        if (total_ >= total_limit_) {
            refused_by = "total";
            return nullptr;
        }
        auto& mine = by_address_[address];
        if (mine >= per_address_limit_ && address != proxy_) {
            refused_by = "per_address";
            return nullptr;
        }
        ++mine;
        ++total_;
    }
    return std::make_shared<slot>(*this, address);
}

void connection_limits::release(const std::string& address) {
    std::lock_guard lock(mutex_);
    --total_;
    const auto it = by_address_.find(address);
    if (it != by_address_.end() && --it->second == 0) by_address_.erase(it);
}

} // namespace casecircle::server
