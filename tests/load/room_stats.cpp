#include "tests/load/room_stats.hpp"

namespace casecircle::load {

void room_stats::merge(const room_stats& o) {
    fan_out.merge(o.fan_out);
    resume.merge(o.resume);
    cards_sent += o.cards_sent;
    acks += o.acks;
    acks_in_window += o.acks_in_window;
    tags_lost += o.tags_lost;
    frames_received += o.frames_received;
    events_frames_in_window += o.events_frames_in_window;
    frames_in_window += o.frames_in_window;
    frames_sending_phase += o.frames_sending_phase;
    events_received += o.events_received;
    bytes_received += o.bytes_received;
    bytes_in_window += o.bytes_in_window;
    bytes_sent_in_window += o.bytes_sent_in_window;
    snapshot_requests += o.snapshot_requests;
    snapshot_requests_in_window += o.snapshot_requests_in_window;
    state_frames += o.state_frames;
    state_frames_in_window += o.state_frames_in_window;
    pings_sent += o.pings_sent;
    pongs += o.pongs;
    state_misses += o.state_misses;
    seq_gaps += o.seq_gaps;
    seq_duplicates += o.seq_duplicates;
    disconnects += o.disconnects;
    send_failures += o.send_failures;
    setup_failures += o.setup_failures;
    resumed += o.resumed;
    resume_failures += o.resume_failures;
    for (const auto& [code, n] : o.rejected)
        rejected[code] += n;
    for (const auto& [code, n] : o.errors)
        errors[code] += n;
    if (first_failure.empty()) first_failure = o.first_failure;
}

void room_stats::fail(std::string what) {
    if (first_failure.empty()) first_failure = std::move(what);
}

} // namespace casecircle::load
