#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace casecircle::server {

// A Prometheus histogram with fixed upper bounds; observe() is safe from any thread.
class histogram {
  public:
    explicit histogram(std::vector<double> upper_bounds);
    void observe(double value);
    void render(std::string& out, const std::string& name, const std::string& help) const;

  private:
    std::vector<double> bounds_;
    std::vector<std::atomic<std::uint64_t>> counts_; // one per bound, plus +Inf
    std::atomic<std::uint64_t> count_{0};
    std::atomic<double> sum_{0};
};

// What /metrics reports, in the Prometheus text format.
class metrics {
  public:
    std::atomic<std::int64_t> connections{0};
    std::atomic<std::uint64_t> commands_accepted{0};
    std::atomic<std::uint64_t> events_committed{0};
    std::atomic<std::uint64_t> commit_failures{0};
    std::atomic<std::uint64_t> queue_overflow_disconnects{0}; // by frames
    std::atomic<std::uint64_t> queue_bytes_disconnects{0};
    std::atomic<std::uint64_t> frames_rate_limited{0};
    std::atomic<std::uint64_t> entry_timeouts{0};
    std::atomic<std::uint64_t> access_probes{0}; // API calls for ids the caller may not see
    std::atomic<std::uint64_t> idle_disconnects{0};
    std::atomic<std::uint64_t> websocket_frames_written{0}; // messages handed to Beast
    std::atomic<std::uint64_t> websocket_writes{0};         // socket writes they took
    std::atomic<std::uint64_t> room_syncs{0};               // rooms that read back their stored log
    std::atomic<std::uint64_t> commit_splits{0};            // batches committed room by room
    std::atomic<std::uint64_t> commits_refused{0};          // room requests not committed
    std::atomic<std::uint64_t> rooms_loaded{0};
    std::atomic<std::uint64_t> rooms_unloaded{0};
    std::atomic<std::uint64_t> sessions_closed_idle{0};
    std::atomic<std::uint64_t> rooms_handed_over{0}; // to another process that asked for them
    std::atomic<std::uint64_t> rooms_fenced{0};      // lost to another process's take-over
    std::atomic<std::uint64_t> leases_refused{0};    // entries to a room another process holds
    histogram commit_batch_size{{1, 2, 4, 8, 16, 32, 64, 128, 256, 512}};
    histogram commit_latency_seconds{
        {0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1}};

    void count_rejection(const std::string& code);
    void count_refused_connection(const std::string& reason);
    // Counts an error of one kind (network, storage, accept, ...) and logs it on standard
    // error, at most once per `error_log_interval` per kind with the number left unsaid: a
    // flood of one error must neither fill the disk nor take the CPU.
    void report_error(const std::string& what, const std::string& detail);
    // Counts an error that is routine (a browser that went away) without logging it.
    void count_error(const std::string& what);
    // A limit in force, shown as casecircle_limit{name=...}.
    void set_limit(const std::string& name, double value);
    // A gauge read when /metrics is rendered (a queue's depth); `series` may carry labels.
    // Register before the server serves.
    void add_gauge(std::string series, std::string help, std::function<double()> read);
    std::string render() const;

    static constexpr std::chrono::seconds error_log_interval{5};

  private:
    struct error_kind {
        std::uint64_t total = 0;
        std::uint64_t unsaid = 0;
        std::chrono::steady_clock::time_point logged_at{};
    };
    mutable std::mutex mutex_;
    std::map<std::string, std::uint64_t> rejected_;
    std::map<std::string, std::uint64_t> refused_connections_;
    std::map<std::string, error_kind> errors_;
    std::map<std::string, double> limits_;
    struct gauge {
        std::string series;
        std::string help;
        std::function<double()> read;
    };
    std::vector<gauge> gauges_;
};

} // namespace casecircle::server
