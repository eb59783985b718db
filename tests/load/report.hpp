#pragma once

#include "tests/load/options.hpp"
#include "tests/load/room_stats.hpp"
#include "tests/load/server_probe.hpp"

#include <string>

namespace casecircle::load {

// Everything one run measured, from the clients and from the server's side.
struct run_report {
    const load_options* options = nullptr;
    room_stats totals;
    std::size_t rooms_ready = 0;
    std::size_t connections = 0;
    double setup_seconds = 0;
    double window_seconds = 0; // sending (or holding) window
    double probe_seconds = 0;  // between the ready and end probes: window, drain and margins
    proc_sample proc_start, proc_ready, proc_end;
    proc_sample self_ready, self_end; // the generator itself: was it the bottleneck?
    metrics_sample metrics_ready, metrics_end;
    // Around the resume storm only: on 2 cores the storm's end is set by both processes' CPU.
    proc_sample storm_server_start, storm_server_end, storm_self_start, storm_self_end;
};

// A summary for people, then one JSON line (starting with '{') for RESULTS.md.
void print_report(run_report& report);

} // namespace casecircle::load
