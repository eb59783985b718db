#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace casecircle::load {

// Marks a card text so that every receiver can find the card's send time; followed by digits.
inline constexpr std::string_view tag_marker = "~lg";

std::string tagged_card_text(std::uint64_t tag, std::size_t length);

// What the hot path needs from a server frame, found in one pass without building a JSON tree:
// a full parse of every broadcast would make the generator, not the server, the bottleneck.
struct frame_summary {
    std::string_view type;           // the top-level "type"
    std::vector<std::uint64_t> seqs; // "seq" of each event, in order (events frames)
    std::vector<std::uint64_t> tags; // card tags found in any string
    // A top-level "state" object (welcomes): its span in the frame and its template_key, so that
    // a welcome can be read without parsing the state.
    std::size_t state_begin = std::string_view::npos;
    std::size_t state_end = std::string_view::npos;
    std::string_view template_key;

    void clear() {
        type = {};
        seqs.clear();
        tags.clear();
        state_begin = state_end = std::string_view::npos;
        template_key = {};
    }
};

// The summary's views point into frame.
void scan_frame(std::string_view frame, frame_summary& out);

} // namespace casecircle::load
