// Load generator: drives rooms x participants against a casecircle server (or a relay speaking
// the same protocol) and reports fan-out latency, throughput and the server's resource use.
// A benchmark command, not a test: see tests/load/run-quick and run-all.

#include "tests/load/async_latch.hpp"
#include "tests/load/options.hpp"
#include "tests/load/report.hpp"
#include "tests/load/room_driver.hpp"
#include "tests/load/server_probe.hpp"
#include "tests/load/spawn.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdio>
#include <iostream>
#include <thread>
#include <unistd.h>

namespace casecircle::load {
namespace {

namespace asio = boost::asio;

double seconds_since(steady::time_point t) {
    return std::chrono::duration<double>(steady::now() - t).count();
}

class orchestrator {
  public:
    orchestrator(const load_options& o, std::vector<std::unique_ptr<asio::io_context>>& contexts)
        : options_(o), contexts_(contexts), server_(asio::ip::make_address(o.host), o.port) {
        for (std::size_t i = 0; i < o.rooms; ++i)
            rooms_.push_back(std::make_unique<room_driver>(
                contexts_[i % contexts_.size()]->get_executor(), o, server_, i));
    }

    asio::awaitable<void> run() {
        report_.options = &options_;
        report_.proc_start = read_proc(options_.server_pid);
        const auto setup_started = steady::now();
        co_await set_up_rooms();
        report_.setup_seconds = seconds_since(setup_started);
        co_await probe(report_.proc_ready, report_.metrics_ready);
        report_.self_ready = read_proc(getpid());
        const auto ready = steady::now();
        const auto start = steady::now() + std::chrono::milliseconds(200);
        const auto stop = start + to_duration(options_.duration);
        co_await on_every_ready_room(
            [&](room_driver& r) { return r.run(start, stop, stop + to_duration(options_.drain)); });
        report_.window_seconds = options_.duration;
        report_.self_end = read_proc(getpid());
        report_.probe_seconds = seconds_since(ready);
        co_await probe(report_.proc_end, report_.metrics_end);
        if (options_.resume_missed > 0) co_await resume_storm();
        finish();
    }

  private:
    static steady::duration to_duration(double seconds) {
        return std::chrono::duration_cast<steady::duration>(std::chrono::duration<double>(seconds));
    }

    // Rooms are set up in waves, so that thousands of handshakes do not overrun the listen queue.
    asio::awaitable<void> set_up_rooms() {
        for (std::size_t first = 0; first < rooms_.size(); first += options_.setup_concurrency) {
            const auto last = std::min(rooms_.size(), first + options_.setup_concurrency);
            async_latch wave(co_await asio::this_coro::executor, last - first);
            for (auto i = first; i < last; ++i)
                spawn(rooms_[i]->executor(), set_up_one(*rooms_[i], wave));
            co_await wave.wait();
        }
        for (auto& r : rooms_)
            if (r->ready()) ++report_.rooms_ready, report_.connections += options_.participants;
    }

    static asio::awaitable<void> set_up_one(room_driver& r, async_latch& wave) {
        co_await r.set_up();
        wave.count_down();
    }

    template <class Task> asio::awaitable<void> on_every_ready_room(Task task) {
        std::size_t n = 0;
        for (auto& r : rooms_)
            n += r->ready();
        async_latch all(co_await asio::this_coro::executor, n);
        for (auto& r : rooms_)
            if (r->ready()) spawn(r->executor(), count_down_after(task(*r), all));
        co_await all.wait();
    }

    static asio::awaitable<void> count_down_after(asio::awaitable<void> task, async_latch& latch) {
        co_await std::move(task);
        latch.count_down();
    }

    asio::awaitable<void> probe(proc_sample& proc, metrics_sample& metrics) {
        proc = read_proc(options_.server_pid);
        if (options_.metrics) metrics = co_await fetch_metrics(server_);
    }

    asio::awaitable<void> resume_storm() {
        co_await on_every_ready_room(
            [&](room_driver& r) { return r.prepare_resume_storm(options_.resume_missed); });
        report_.storm_server_start = read_proc(options_.server_pid);
        report_.storm_self_start = read_proc(getpid());
        const auto since = steady::now();
        co_await on_every_ready_room([&](room_driver& r) { return r.resume_everyone(since); });
        report_.storm_self_end = read_proc(getpid());
        report_.storm_server_end = read_proc(options_.server_pid);
    }

    void finish() {
        for (auto& r : rooms_)
            report_.totals.merge(r->stats());
        print_report(report_);
        std::fflush(stdout);
        const bool failed = report_.rooms_ready == 0;
        // Tens of thousands of sockets and suspended coroutines are left to the kernel to tear
        // down: an orderly shutdown measures nothing and only risks touching freed rooms.
        _exit(failed ? 1 : 0);
    }

    const load_options& options_;
    std::vector<std::unique_ptr<asio::io_context>>& contexts_;
    asio::ip::tcp::endpoint server_;
    std::vector<std::unique_ptr<room_driver>> rooms_;
    run_report report_;
};

// A run that hangs (a server that stops answering) still ends, with a message.
void arm_watchdog(asio::io_context& ioc, const load_options& o) {
    const auto limit = std::chrono::seconds(static_cast<long>(o.duration + o.drain) + 600);
    auto timer = std::make_shared<asio::steady_timer>(ioc, limit);
    timer->async_wait([timer](boost::system::error_code ec) {
        if (ec) return;
        std::cerr << "loadgen: watchdog: the run did not finish in time\n";
        _exit(3);
    });
}

} // namespace
} // namespace casecircle::load

int main(int argc, char** argv) {
    using namespace casecircle::load;
    const auto parsed = parse_options(argc, argv);
    if (!parsed.options) {
        (parsed.error ? std::cerr : std::cout) << parsed.message << '\n';
        return parsed.error ? 2 : 0;
    }
    const auto& options = *parsed.options;
    std::vector<std::unique_ptr<boost::asio::io_context>> contexts;
    for (unsigned i = 0; i < options.threads; ++i)
        contexts.push_back(std::make_unique<boost::asio::io_context>(1));
    std::vector<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> guards;
    for (auto& c : contexts)
        guards.push_back(boost::asio::make_work_guard(*c));

    orchestrator run(options, contexts);
    arm_watchdog(*contexts[0], options);
    spawn(contexts[0]->get_executor(), run.run());
    std::vector<std::thread> threads;
    for (std::size_t i = 1; i < contexts.size(); ++i)
        threads.emplace_back([&c = *contexts[i]] { c.run(); });
    contexts[0]->run();
    for (auto& t : threads)
        t.join();
    return 1;
}
