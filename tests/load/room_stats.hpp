#pragma once

#include "tests/load/latency_histogram.hpp"

#include <cstdint>
#include <map>
#include <string>

namespace casecircle::load {

// What one room saw; rooms are merged into one after the run, so that the hot path needs no
// locks however many client threads there are.
struct room_stats {
    latency_histogram fan_out; // card send -> receipt by the last member of the room
    latency_histogram resume;  // reconnect start -> welcome plus every missed event
    std::uint64_t cards_sent = 0;
    std::uint64_t acks = 0;
    std::uint64_t acks_in_window = 0;
    std::uint64_t tags_lost = 0; // cards not seen by every member before the drain ended
    std::uint64_t frames_received = 0;
    std::uint64_t events_frames_in_window = 0;
    std::uint64_t frames_in_window = 0;     // every frame the server sent while cards were sent
    std::uint64_t frames_sending_phase = 0; // the same, plus the drain: pairs with server CPU
    std::uint64_t events_received = 0;
    std::uint64_t bytes_received = 0;
    std::uint64_t bytes_in_window = 0;      // received while cards were sent
    std::uint64_t bytes_sent_in_window = 0; // cards, pings and snapshot requests
    // What the browser traffic (--traffic) adds: snapshot requests and their answers, pings and
    // pongs, and events frames whose state (patch or whole) the client could not use.
    std::uint64_t snapshot_requests = 0;
    std::uint64_t snapshot_requests_in_window = 0;
    std::uint64_t state_frames = 0;
    std::uint64_t state_frames_in_window = 0;
    std::uint64_t pings_sent = 0;
    std::uint64_t pongs = 0;
    std::uint64_t state_misses = 0;
    std::uint64_t seq_gaps = 0;
    std::uint64_t seq_duplicates = 0;
    std::uint64_t disconnects = 0;
    std::uint64_t send_failures = 0;
    std::uint64_t setup_failures = 0;
    std::uint64_t resumed = 0;
    std::uint64_t resume_failures = 0;
    std::map<std::string, std::uint64_t> rejected; // by code
    std::map<std::string, std::uint64_t> errors;   // by code
    std::string first_failure;

    void merge(const room_stats& other);
    void fail(std::string what);
};

} // namespace casecircle::load
