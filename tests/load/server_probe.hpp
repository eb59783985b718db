#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <map>
#include <string>

namespace casecircle::load {

// The server's own view of itself: memory and CPU time from /proc, counters from /metrics.
struct proc_sample {
    bool ok = false;
    long rss_kb = 0;
    double cpu_seconds = 0; // user + system
};

proc_sample read_proc(int pid);

// Every sample line of a Prometheus text page, keyed by name with its labels as written.
struct metrics_sample {
    bool ok = false;
    std::map<std::string, double> values;
    double value(const std::string& key) const;
};

boost::asio::awaitable<metrics_sample> fetch_metrics(boost::asio::ip::tcp::endpoint server);

} // namespace casecircle::load
