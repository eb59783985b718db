#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace casecircle::chaos {

using steady = std::chrono::steady_clock;

// What the clients counted while the faults went on; the figures of the report besides the
// final check against the database. One thread touches it (the client is single-threaded).
struct chaos_stats {
    std::uint64_t cards_created = 0;
    std::uint64_t first_sends = 0;
    std::uint64_t resends_after_reconnect = 0;
    std::uint64_t resends_after_error = 0;
    std::uint64_t resends_after_timeout = 0;
    std::uint64_t acks = 0;
    std::uint64_t card_acks_while_sending = 0;
    std::uint64_t repeated_acks = 0;  // a second ack of one id (a resend that had landed)
    std::uint64_t ack_mismatches = 0; // a second ack naming other seqs: a broken promise
    std::uint64_t late_answers = 0;   // rejected or error for an id already acked
    std::map<std::string, std::uint64_t> rejected;
    std::map<std::string, std::uint64_t> errors;
    std::map<std::string, std::uint64_t> entry_refusals; // resume answered without welcome
    std::uint64_t disconnects = 0;
    std::uint64_t send_failures = 0;
    std::uint64_t reconnects = 0;
    std::uint64_t failed_reconnects = 0;
    std::uint64_t hung_drops = 0; // connections given up because nothing answered for long
    std::uint64_t wire_gaps = 0;
    std::uint64_t wire_repeats = 0;    // an event seq delivered again to one member
    std::uint64_t wire_conflicts = 0;  // ... with another content than the first time
    std::uint64_t rooms_gone_back = 0; // a welcome's last_seq below what the member had seen
    steady::time_point window_start{};
    steady::time_point window_end{};
    std::vector<std::string> problems; // the first few, with details, for the report

    void problem(std::string text) {
        if (problems.size() < 40) problems.push_back(std::move(text));
    }
};

} // namespace casecircle::chaos
