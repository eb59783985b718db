#include "server/metrics.hpp"

#include <sstream>

namespace casecircle::server {
namespace {

std::string number(double value) {
    std::ostringstream out;
    out << value;
    return out.str();
}

void render_value(std::string& out, const std::string& name, const std::string& type,
                  const std::string& help, double value) {
    out += "# HELP " + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
    out += name + " " + number(value) + "\n";
}

} // namespace

histogram::histogram(std::vector<double> upper_bounds)
    : bounds_(std::move(upper_bounds)), counts_(bounds_.size() + 1) {}

void histogram::observe(double value) {
    std::size_t i = 0;
    while (i < bounds_.size() && value > bounds_[i])
        ++i;
    counts_[i].fetch_add(1, std::memory_order_relaxed);
    count_.fetch_add(1, std::memory_order_relaxed);
    sum_.fetch_add(value, std::memory_order_relaxed);
}

void histogram::render(std::string& out, const std::string& name, const std::string& help) const {
    out += "# HELP " + name + " " + help + "\n# TYPE " + name + " histogram\n";
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < counts_.size(); ++i) {
        cumulative += counts_[i].load(std::memory_order_relaxed);
        const auto le = i < bounds_.size() ? number(bounds_[i]) : std::string("+Inf");
        out += name + "_bucket{le=\"" + le + "\"} " + std::to_string(cumulative) + "\n";
    }
    out += name + "_sum " + number(sum_.load()) + "\n";
    out += name + "_count " + std::to_string(count_.load()) + "\n";
}

void metrics::count_rejection(const std::string& code) {
    std::lock_guard lock(mutex_);
    ++rejected_[code];
}

std::string metrics::render() const {
    std::string out;
    render_value(out, "casecircle_connections", "gauge", "Open WebSocket connections.",
                 static_cast<double>(connections.load()));
    render_value(out, "casecircle_rooms", "gauge", "Live rooms held in memory.",
                 static_cast<double>(rooms.load()));
    render_value(out, "casecircle_commands_accepted_total", "counter",
                 "Commands that became committed events.",
                 static_cast<double>(commands_accepted.load()));
    out += "# HELP casecircle_commands_rejected_total Commands and frames refused, by code.\n"
           "# TYPE casecircle_commands_rejected_total counter\n";
    {
        std::lock_guard lock(mutex_);
        for (const auto& [code, n] : rejected_)
            out += "casecircle_commands_rejected_total{code=\"" + code + "\"} " +
                   std::to_string(n) + "\n";
    }
    render_value(out, "casecircle_events_committed_total", "counter",
                 "Events committed to PostgreSQL.", static_cast<double>(events_committed.load()));
    render_value(out, "casecircle_commit_failures_total", "counter", "Commit batches that failed.",
                 static_cast<double>(commit_failures.load()));
    render_value(out, "casecircle_queue_overflow_disconnects_total", "counter",
                 "Clients disconnected because their outgoing queue was full.",
                 static_cast<double>(queue_overflow_disconnects.load()));
    render_value(out, "casecircle_frames_rate_limited_total", "counter",
                 "Incoming frames refused by the per-connection rate limit.",
                 static_cast<double>(frames_rate_limited.load()));
    commit_batch_size.render(out, "casecircle_commit_batch_size", "Append requests per commit.");
    commit_latency_seconds.render(out, "casecircle_commit_latency_seconds",
                                  "Time to commit one batch.");
    return out;
}

} // namespace casecircle::server
