#pragma once

#include <atomic>
#include <cstdint>
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
    std::atomic<std::int64_t> rooms{0};
    std::atomic<std::uint64_t> commands_accepted{0};
    std::atomic<std::uint64_t> events_committed{0};
    std::atomic<std::uint64_t> commit_failures{0};
    std::atomic<std::uint64_t> queue_overflow_disconnects{0};
    std::atomic<std::uint64_t> frames_rate_limited{0};
    histogram commit_batch_size{{1, 2, 4, 8, 16, 32, 64, 128, 256, 512}};
    histogram commit_latency_seconds{
        {0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1}};

    void count_rejection(const std::string& code);
    std::string render() const;

  private:
    mutable std::mutex mutex_;
    std::map<std::string, std::uint64_t> rejected_;
};

} // namespace casecircle::server
