#pragma once

#include <atomic>
#include <boost/asio/async_result.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/buffers_cat.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/role.hpp>
#include <boost/beast/websocket/teardown.hpp>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

namespace casecircle::server {

// A stream layer under Beast's WebSocket that lets a connection write many frames with one
// system call: while corked, what Beast writes is kept (a copy; the frames are small) and the
// write completes at once; the first write after uncork() sends what was kept and its own bytes
// in one gather write. Beast still frames every message; the connection decides when a burst
// ends (its queue is empty). Writes stay one at a time, as Beast issues them.
template <class NextLayer> class corked_stream {
  public:
    using executor_type = typename NextLayer::executor_type;

    // `writes`: counts the writes that reach the socket (for /metrics), may be null.
    template <class... Args>
    explicit corked_stream(std::atomic<std::uint64_t>* writes, Args&&... args)
        : next_(std::forward<Args>(args)...), writes_(writes) {}

    executor_type get_executor() noexcept { return next_.get_executor(); }
    NextLayer& next_layer() noexcept { return next_; }
    const NextLayer& next_layer() const noexcept { return next_; }

    void cork() { corked_ = true; }
    void uncork() { corked_ = false; }

    template <class MutableBuffers, class Handler>
    auto async_read_some(const MutableBuffers& buffers, Handler&& handler) {
        return next_.async_read_some(buffers, std::forward<Handler>(handler));
    }

    template <class ConstBuffers, class Handler>
    auto async_write_some(const ConstBuffers& buffers, Handler&& handler) {
        using signature = void(boost::beast::error_code, std::size_t);
        return boost::asio::async_initiate<Handler, signature>(
            [this](auto completion, const ConstBuffers& bufs) {
                const auto n = boost::asio::buffer_size(bufs);
                if (corked_) {
                    keep(bufs);
                    return boost::asio::post(
                        get_executor(), [completion = std::move(completion), n]() mutable {
                            std::move(completion)(boost::beast::error_code{}, n);
                        });
                }
                count_write();
                if (held_.empty()) return next_.async_write_some(bufs, std::move(completion));
                // The kept bytes first; the caller is told only of its own.
                auto held = std::make_shared<std::vector<char>>(std::move(held_));
                held_.clear();
                boost::asio::async_write(
                    next_, boost::beast::buffers_cat(boost::asio::buffer(*held), bufs),
                    [held, n, completion = std::move(completion)](boost::beast::error_code ec,
                                                                  std::size_t) mutable {
                        std::move(completion)(ec, ec ? 0 : n);
                    });
            },
            handler, buffers);
    }

  private:
    template <class ConstBuffers> void keep(const ConstBuffers& buffers) {
        for (auto it = boost::asio::buffer_sequence_begin(buffers);
             it != boost::asio::buffer_sequence_end(buffers); ++it) {
            const boost::asio::const_buffer b = *it;
            const auto* p = static_cast<const char*>(b.data());
            held_.insert(held_.end(), p, p + b.size());
        }
    }
    void count_write() {
        if (writes_) writes_->fetch_add(1, std::memory_order_relaxed);
    }

    NextLayer next_;
    std::atomic<std::uint64_t>* writes_;
    bool corked_ = false;
    std::vector<char> held_;
};

// Beast closes a WebSocket by tearing down the layer below it.
template <class NextLayer>
void teardown(boost::beast::role_type role, corked_stream<NextLayer>& stream,
              boost::beast::error_code& ec) {
    using boost::beast::websocket::teardown;
    teardown(role, stream.next_layer(), ec);
}

template <class NextLayer, class Handler>
void async_teardown(boost::beast::role_type role, corked_stream<NextLayer>& stream,
                    Handler&& handler) {
    using boost::beast::websocket::async_teardown;
    async_teardown(role, stream.next_layer(), std::forward<Handler>(handler));
}

} // namespace casecircle::server
