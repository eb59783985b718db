#include "server/login_gate.hpp"

namespace casecircle::server {

login_gate::login_gate(std::size_t concurrency, std::size_t queue_limit)
    : concurrency_(std::max<std::size_t>(1, concurrency)), queue_limit_(queue_limit) {}

std::optional<login_gate::permit> login_gate::enter() {
    std::unique_lock lock(mutex_);
    if (working_ >= concurrency_ && waiting_ >= queue_limit_) return std::nullopt;
    ++waiting_;
    turn_.wait(lock, [this] { return working_ < concurrency_; });
    --waiting_;
    ++working_;
    return std::optional<permit>(std::in_place, *this);
}

void login_gate::leave() {
    {
        std::lock_guard lock(mutex_);
        --working_;
    }
    turn_.notify_one();
}

} // namespace casecircle::server
