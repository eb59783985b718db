#pragma once

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <optional>
#include <utility>

namespace casecircle::server {

// Bounds the password work (Argon2id, 64 MiB and tens of milliseconds each) done at once, and
// the number of logins waiting for it: a burst of logins takes at most `concurrency` storage
// threads and never the memory of all of them; beyond the queue, logins are told to retry.
class login_gate {
  public:
    login_gate(std::size_t concurrency, std::size_t queue_limit);

    class permit {
      public:
        explicit permit(login_gate& gate) : gate_(&gate) {}
        permit(permit&& other) noexcept : gate_(std::exchange(other.gate_, nullptr)) {}
        permit(const permit&) = delete;
        permit& operator=(const permit&) = delete;
        permit& operator=(permit&&) = delete;
        ~permit() {
            if (gate_) gate_->leave();
        }

      private:
        login_gate* gate_;
    };

    // Waits for a turn; nothing when too many are waiting already.
    std::optional<permit> enter();

  private:
    void leave();

    const std::size_t concurrency_;
    const std::size_t queue_limit_;
    std::mutex mutex_;
    std::condition_variable turn_;
    std::size_t working_ = 0;
    std::size_t waiting_ = 0;
};

} // namespace casecircle::server
