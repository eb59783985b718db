#pragma once
// The frames waiting for one connection, oldest first. A std::deque allocates about 600 bytes as
// soon as it exists, in every idle connection; this holds nothing while empty, and gives back what
// a burst made it grow to.
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace casecircle::server {

class frame_queue {
  public:
    using frame = std::shared_ptr<const std::string>;

    bool empty() const { return head_ == frames_.size(); }
    std::size_t size() const { return frames_.size() - head_; }
    const frame& front() const { return frames_[head_]; }
    void push_back(frame f) { frames_.push_back(std::move(f)); }
    void pop_front() {
        frames_[head_++].reset();
        if (empty()) clear();
    }
    void clear() {
        frames_.clear();
        head_ = 0;
        if (frames_.capacity() > kept_capacity) frames_.shrink_to_fit();
    }

  private:
    static constexpr std::size_t kept_capacity = 16;
    std::vector<frame> frames_;
    std::size_t head_ = 0;
};

} // namespace casecircle::server
