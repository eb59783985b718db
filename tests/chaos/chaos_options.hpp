#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace casecircle::chaos {

// What one chaos client run does; tests/chaos/run passes these.
struct chaos_options {
    std::uint16_t port = 0;
    std::string database_url; // for the final check against room_events
    unsigned rooms = 30;
    unsigned participants = 5;
    double rate = 0.6;         // cards per second per participant
    double max_send_s = 900;   // sending stops at SIGUSR1 or after this many seconds
    double settle_s = 120;     // after sending: how long unacknowledged commands may take
    double resend_after_s = 2; // resend an unanswered command on the same connection after this
    unsigned cards_per_room = 1800; // below the engine's 2,000-card cap
    std::string format = "qualitaetszirkel";
    std::string category = "was_taete_gut";
    unsigned steps_forward = 4; // next_step commands after start: step 1 -> step 5, all write
};

struct parse_result {
    std::optional<chaos_options> options;
    std::string message; // help text or the error, when options is empty
    bool error = false;
};

parse_result parse_options(int argc, const char* const* argv);

} // namespace casecircle::chaos
