#pragma once

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

namespace casecircle::load {

// Lets one coroutine wait until N tasks, possibly on other threads, have counted down.
// The waiter must run on the latch's executor (a single-threaded io_context), so that a
// count_down finishing before the wait starts cannot be missed.
class async_latch {
  public:
    async_latch(boost::asio::any_io_executor ex, std::size_t count);
    void count_down();
    boost::asio::awaitable<void> wait();

  private:
    boost::asio::steady_timer timer_;
    std::atomic<std::size_t> count_;
};

} // namespace casecircle::load
