#pragma once

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <memory>
#include <thread>
#include <vector>

namespace casecircle::load {

// The Beast relay's threads: one event loop (io_context) each. A connection lives on one loop
// for its whole life, so nothing of it needs a strand.
class relay_loops {
  public:
    explicit relay_loops(unsigned count) {
        for (unsigned i = 0; i < count; ++i) {
            // Hint 1: one thread runs this loop, so it queues its own posts without a lock.
            loops_.push_back(std::make_unique<boost::asio::io_context>(1));
            guards_.emplace_back(loops_.back()->get_executor());
        }
    }

    unsigned size() const { return static_cast<unsigned>(loops_.size()); }
    boost::asio::io_context& loop(unsigned i) { return *loops_[i]; }

    // Runs every loop on a thread of its own, loop 0 on the caller's; returns when all stop.
    void run() {
        std::vector<std::thread> threads;
        for (unsigned i = 1; i < size(); ++i)
            threads.emplace_back([this, i] { loops_[i]->run(); });
        loops_[0]->run();
        for (auto& t : threads)
            t.join();
    }

  private:
    using guard = boost::asio::executor_work_guard<boost::asio::io_context::executor_type>;
    std::vector<std::unique_ptr<boost::asio::io_context>> loops_;
    std::vector<guard> guards_; // an idle loop waits for work instead of returning
};

} // namespace casecircle::load
