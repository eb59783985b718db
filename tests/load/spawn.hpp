#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <exception>
#include <iostream>

namespace casecircle::load {

// Starts a coroutine whose exceptions end up on stderr instead of escaping the event loop.
template <class Executor> void spawn(Executor ex, boost::asio::awaitable<void> task) {
    boost::asio::co_spawn(ex, std::move(task), [](std::exception_ptr failure) {
        if (!failure) return;
        try {
            std::rethrow_exception(failure);
        } catch (const std::exception& e) {
            std::cerr << "loadgen: task failed: " << e.what() << '\n';
        }
    });
}

} // namespace casecircle::load
