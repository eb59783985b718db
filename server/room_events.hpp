#pragma once

#include "protocol/event.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace casecircle::server {

// Small helpers the room's entry and commit halves share.
inline std::shared_ptr<const std::string> shared_frame(std::string frame) {
    return std::make_shared<const std::string>(std::move(frame));
}

inline std::vector<std::uint64_t> seqs_of(const std::vector<protocol::event>& events) {
    std::vector<std::uint64_t> seqs;
    for (const auto& e : events)
        seqs.push_back(e.seq);
    return seqs;
}

// The participant a join made, "" when the events made none.
inline std::string joined_participant(const std::vector<protocol::event>& events) {
    for (const auto& e : events)
        if (e.type == "participant_joined") return e.data.value("participant_id", "");
    return {};
}

} // namespace casecircle::server
