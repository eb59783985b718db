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
// Only the top-level "events" member yields seqs and tags: an events frame may also carry the
// whole state ("state", state_updates full) or a patch of it ("state_patch", patch), whose cards
// hold tags too; counted, they would count a card's receipt twice and end its fan-out early.
struct frame_summary {
    static constexpr std::uint64_t none = ~std::uint64_t{0};

    std::string_view type;           // the top-level "type"
    std::vector<std::uint64_t> seqs; // "seq" of each event, in order (events frames)
    std::vector<std::uint64_t> tags; // card tags found in the strings of "events"
    // A top-level "state" object (welcomes, state frames, events frames of state_updates full):
    // its span in the frame and its template_key, so that a welcome can be read without parsing
    // the state.
    std::size_t state_begin = std::string_view::npos;
    std::size_t state_end = std::string_view::npos;
    std::string_view template_key;
    bool state_patch = false;      // a top-level "state_patch" (state_updates patch)
    std::uint64_t base_seq = none; // top-level "base_seq": the state the patch starts from
    std::uint64_t last_seq = none; // top-level "last_seq" (welcome, state)

    bool has_state() const { return state_end != std::string_view::npos; }

    void clear() {
        type = {};
        seqs.clear();
        tags.clear();
        state_begin = state_end = std::string_view::npos;
        template_key = {};
        state_patch = false;
        base_seq = last_seq = none;
    }
};

// The summary's views point into frame.
void scan_frame(std::string_view frame, frame_summary& out);

} // namespace casecircle::load
