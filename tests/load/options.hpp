#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace casecircle::load {

// What the clients send besides their cards (--traffic), i.e. which client they stand for.
enum class traffic_kind {
    minimal,        // entry, commands, nothing else: what the relays speak (the default)
    browser_before, // the browser before #17: a snapshot after every events frame, pings
    browser,        // the browser now: state_updates "patch", pings, no snapshots
    browser_full,   // the same with state_updates "full"
};

const char* traffic_name(traffic_kind t);

// What one loadgen run does. Every flag is declared once, in options.cpp, with its help text.
struct load_options {
    std::string host = "127.0.0.1";
    std::uint16_t port = 0;
    std::string label = "casecircle"; // names the server under test in the report
    std::string scenario;             // copied into the JSON line, for RESULTS.md
    unsigned rooms = 100;
    unsigned participants = 5;
    double rate = 1.0;      // cards per second per participant; 0 holds idle connections
    double duration = 20.0; // seconds of sending (or holding, when idle)
    double drain = 3.0;     // seconds to wait for the last broadcasts after sending stops
    unsigned card_bytes = 80;
    unsigned threads = 1;
    unsigned setup_concurrency = 50; // rooms being set up at the same time
    int server_pid = 0;              // 0: do not read /proc
    bool metrics = true;             // read /metrics before and after
    unsigned resume_missed = 0;      // >0: resume storm with this many missed cards per room
    std::string format = "qualitaetszirkel";
    std::string category = "was_taete_gut";
    unsigned steps_forward = 4; // next_step commands after start: QZ step 1 -> step 5
    traffic_kind traffic = traffic_kind::minimal;
    double ping_seconds = 15.0; // browser traffic: each member's ping period (connection.js)
};

struct parse_result {
    std::optional<load_options> options;
    std::string message; // help text or the error, when options is empty
    bool error = false;
};

parse_result parse_options(int argc, const char* const* argv);

} // namespace casecircle::load
