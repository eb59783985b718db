#include "server/metrics.hpp"

#include <iostream>
#include <sstream>
#include <utility>

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

void metrics::count_refused_connection(const std::string& reason) {
    std::lock_guard lock(mutex_);
    ++refused_connections_[reason];
}

void metrics::report_error(const std::string& what, const std::string& detail) {
    const auto now = std::chrono::steady_clock::now();
    std::uint64_t unsaid = 0;
    {
        std::lock_guard lock(mutex_);
        auto& kind = errors_[what];
        ++kind.total;
        if (kind.total > 1 && now - kind.logged_at < error_log_interval) {
            ++kind.unsaid;
            return;
        }
        unsaid = std::exchange(kind.unsaid, 0);
        kind.logged_at = now;
    }
    std::string line = "casecircle: " + what + ": " + detail;
    if (unsaid > 0) line += " (and " + std::to_string(unsaid) + " more since the last report)";
    std::cerr << line << std::endl;
}

void metrics::count_error(const std::string& what) {
    std::lock_guard lock(mutex_);
    ++errors_[what].total;
}

void metrics::add_gauge(std::string series, std::string help, std::function<double()> read) {
    gauges_.push_back({std::move(series), std::move(help), std::move(read)});
}

void metrics::set_limit(const std::string& name, double value) {
    std::lock_guard lock(mutex_);
    limits_[name] = value;
}

namespace {

void render_labelled(std::string& out, const std::string& name, const std::string& type,
                     const std::string& help, const std::string& label,
                     const std::map<std::string, std::uint64_t>& values) {
    out += "# HELP " + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
    for (const auto& [key, n] : values)
        out += name + "{" + label + "=\"" + key + "\"} " + std::to_string(n) + "\n";
}

} // namespace

std::string metrics::render() const {
    std::string out;
    render_value(out, "casecircle_connections", "gauge", "Open WebSocket connections.",
                 static_cast<double>(connections.load()));
    render_value(out, "casecircle_commands_accepted_total", "counter",
                 "Commands that became committed events.",
                 static_cast<double>(commands_accepted.load()));
    {
        std::lock_guard lock(mutex_);
        render_labelled(out, "casecircle_commands_rejected_total", "counter",
                        "Commands and frames refused, by code.", "code", rejected_);
        render_labelled(out, "casecircle_connections_refused_total", "counter",
                        "Connections closed at once because a connection limit was reached.",
                        "reason", refused_connections_);
        std::map<std::string, std::uint64_t> errors;
        for (const auto& [what, kind] : errors_)
            errors[what] = kind.total;
        render_labelled(out, "casecircle_errors_total", "counter",
                        "Network, storage and accept errors, by kind (logged at most once per 5 "
                        "s per kind).",
                        "what", errors);
        out += "# HELP casecircle_limit A limit in force (see --help), by flag name.\n"
               "# TYPE casecircle_limit gauge\n";
        for (const auto& [name, value] : limits_)
            out += "casecircle_limit{name=\"" + name + "\"} " + number(value) + "\n";
    }
    render_value(out, "casecircle_events_committed_total", "counter",
                 "Events committed to PostgreSQL.", static_cast<double>(events_committed.load()));
    render_value(out, "casecircle_commit_failures_total", "counter", "Commit batches that failed.",
                 static_cast<double>(commit_failures.load()));
    render_value(out, "casecircle_websocket_frames_written_total", "counter",
                 "WebSocket messages written to clients.",
                 static_cast<double>(websocket_frames_written.load()));
    render_value(out, "casecircle_websocket_writes_total", "counter",
                 "Socket writes those messages took (a burst for one client is one write).",
                 static_cast<double>(websocket_writes.load()));
    render_value(out, "casecircle_queue_overflow_disconnects_total", "counter",
                 "Clients disconnected because their outgoing queue held too many frames.",
                 static_cast<double>(queue_overflow_disconnects.load()));
    render_value(out, "casecircle_queue_bytes_disconnects_total", "counter",
                 "Clients disconnected because their outgoing queue held too many bytes.",
                 static_cast<double>(queue_bytes_disconnects.load()));
    render_value(out, "casecircle_access_probes_total", "counter",
                 "API calls for ids the caller may not see (other teams', unknown).",
                 static_cast<double>(access_probes.load()));
    render_value(out, "casecircle_entry_timeouts_total", "counter",
                 "Connections closed because they entered no session in time.",
                 static_cast<double>(entry_timeouts.load()));
    render_value(out, "casecircle_idle_disconnects_total", "counter",
                 "WebSocket connections closed after their idle timeout.",
                 static_cast<double>(idle_disconnects.load()));
    render_value(out, "casecircle_room_syncs_total", "counter",
                 "Rooms that read their stored log back after a commit failed or was unclear.",
                 static_cast<double>(room_syncs.load()));
    render_value(out, "casecircle_commit_splits_total", "counter",
                 "Batches refused as a whole and then committed room by room.",
                 static_cast<double>(commit_splits.load()));
    render_value(out, "casecircle_commits_refused_total", "counter",
                 "Rooms' append requests that were not committed.",
                 static_cast<double>(commits_refused.load()));
    render_value(out, "casecircle_rooms_loaded_total", "counter",
                 "Rooms read from PostgreSQL into memory because someone entered them.",
                 static_cast<double>(rooms_loaded.load()));
    render_value(out, "casecircle_rooms_unloaded_total", "counter",
                 "Rooms that left memory (idle, ended, closed or deleted).",
                 static_cast<double>(rooms_unloaded.load()));
    render_value(out, "casecircle_sessions_closed_idle_total", "counter",
                 "Sessions ended by the server because nothing happened in them for too long.",
                 static_cast<double>(sessions_closed_idle.load()));
    render_value(out, "casecircle_rooms_handed_over_total", "counter",
                 "Rooms handed to another process that asked for them (its clients came there).",
                 static_cast<double>(rooms_handed_over.load()));
    render_value(out, "casecircle_rooms_fenced_total", "counter",
                 "Rooms given up because another process had taken over their lease.",
                 static_cast<double>(rooms_fenced.load()));
    render_value(out, "casecircle_leases_refused_total", "counter",
                 "Entries refused with room_elsewhere: another process held the room's lease.",
                 static_cast<double>(leases_refused.load()));
    render_value(out, "casecircle_frames_rate_limited_total", "counter",
                 "Incoming frames refused by the per-connection rate limit.",
                 static_cast<double>(frames_rate_limited.load()));
    commit_batch_size.render(out, "casecircle_commit_batch_size", "Append requests per commit.");
    commit_latency_seconds.render(out, "casecircle_commit_latency_seconds",
                                  "Time to commit one batch.");
    std::string named;
    for (const auto& g : gauges_) {
        // Series of one name (differing in labels) share their HELP and TYPE lines.
        const auto name = g.series.substr(0, g.series.find('{'));
        if (name != named) out += "# HELP " + name + " " + g.help + "\n# TYPE " + name + " gauge\n";
        named = name;
        out += g.series + " " + number(g.read()) + "\n";
    }
    return out;
}

} // namespace casecircle::server
