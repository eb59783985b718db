#include "tests/load/async_latch.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace casecircle::load {

namespace asio = boost::asio;

async_latch::async_latch(asio::any_io_executor ex, std::size_t count)
    : timer_(std::move(ex), asio::steady_timer::time_point::max()), count_(count) {}

void async_latch::count_down() {
    if (count_.fetch_sub(1, std::memory_order_acq_rel) == 1)
        asio::post(timer_.get_executor(), [this] { timer_.cancel(); });
}

asio::awaitable<void> async_latch::wait() {
    while (count_.load(std::memory_order_acquire) != 0) {
        boost::system::error_code ec;
        co_await timer_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
}

} // namespace casecircle::load
