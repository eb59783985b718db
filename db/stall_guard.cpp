#include "db/stall_guard.hpp"

#include <sys/socket.h>

namespace casecircle::db {

stall_guard::stall_guard(std::chrono::milliseconds deadline)
    : deadline_(deadline), thread_([this] { run(); }) {}

stall_guard::~stall_guard() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    thread_.join();
}

void stall_guard::arm(int socket) {
    {
        std::lock_guard lock(mutex_);
        socket_ = socket;
        until_ = std::chrono::steady_clock::now() + deadline_;
        fired_ = false;
    }
    wake_.notify_one();
}

bool stall_guard::disarm() {
    std::lock_guard lock(mutex_);
    socket_ = -1;
    return !fired_;
}

void stall_guard::run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        if (socket_ < 0) {
            wake_.wait(lock);
            continue;
        }
        const auto until = until_;
        if (wake_.wait_until(lock, until) != std::cv_status::timeout) continue;
        // Still the same call, and still running: it stalled.
        if (socket_ >= 0 && until_ == until) {
            ::shutdown(socket_, SHUT_RDWR);
            socket_ = -1;
            fired_ = true;
        }
    }
}

} // namespace casecircle::db
