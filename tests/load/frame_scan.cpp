#include "tests/load/frame_scan.hpp"

#include <charconv>

namespace casecircle::load {
namespace {

std::uint64_t leading_number(std::string_view text, bool& ok) {
    std::uint64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    ok = ec == std::errc{} && end != text.data();
    return value;
}

void collect_tags(std::string_view text, std::vector<std::uint64_t>& tags) {
    for (auto at = text.find(tag_marker); at != std::string_view::npos;
         at = text.find(tag_marker, at + 1)) {
        bool ok = false;
        const auto tag = leading_number(text.substr(at + tag_marker.size()), ok);
        if (ok) tags.push_back(tag);
    }
}

// Scans a JSON string starting after its opening quote; returns the index after the closing one.
// Escapes are skipped, not decoded: tags and keys never contain them.
std::size_t string_end(std::string_view frame, std::size_t i) {
    while (i < frame.size() && frame[i] != '"')
        i += frame[i] == '\\' ? 2 : 1;
    return i + 1;
}

} // namespace

std::string tagged_card_text(std::uint64_t tag, std::size_t length) {
    std::string text = "Lastprobe " + std::string(tag_marker) + std::to_string(tag) + " ";
    while (text.size() < length)
        text += "abcdefghij klmnopqrs"[text.size() % 20];
    return text;
}

void scan_frame(std::string_view frame, frame_summary& out) {
    out.clear();
    int depth = 0;
    std::string_view last_key;
    std::string_view top_key; // the top-level member being scanned
    bool after_colon = false;
    for (std::size_t i = 0; i < frame.size();) {
        const char c = frame[i];
        if (c == '"') {
            const auto end = string_end(frame, i + 1);
            const auto text = frame.substr(i + 1, end - i - 2);
            std::size_t next = end;
            while (next < frame.size() && frame[next] == ' ')
                ++next;
            const bool is_key = !after_colon && next < frame.size() && frame[next] == ':';
            if (is_key) {
                last_key = text;
                if (depth == 1) top_key = text;
            } else {
                if (depth == 1 && last_key == "type") out.type = text;
                const bool in_state = out.state_begin != std::string_view::npos &&
                                      out.state_end == std::string_view::npos;
                if (depth == 2 && in_state && last_key == "template_key") out.template_key = text;
                if (top_key == "events") collect_tags(text, out.tags);
            }
            after_colon = false;
            i = end;
            continue;
        }
        if (c == '{' || c == '[') {
            if (c == '{' && depth == 1 && after_colon && last_key == "state") out.state_begin = i;
            if (c == '[' && depth == 1 && after_colon && last_key == "state_patch")
                out.state_patch = true;
            ++depth;
            after_colon = false;
        } else if (c == '}' || c == ']') {
            // The first member closing back to depth 1 after the state opened is the state.
            if (--depth == 1 && out.state_begin != std::string_view::npos &&
                out.state_end == std::string_view::npos)
                out.state_end = i + 1;
        } else if (c == ':') {
            after_colon = true;
            // Events sit at depth 3: top object, "events" array, event object.
            if (depth == 3 && last_key == "seq" && top_key == "events") {
                bool ok = false;
                const auto seq = leading_number(frame.substr(i + 1), ok);
                if (ok) out.seqs.push_back(seq);
            } else if (depth == 1 && (last_key == "base_seq" || last_key == "last_seq")) {
                bool ok = false;
                const auto seq = leading_number(frame.substr(i + 1), ok);
                if (ok) (last_key == "base_seq" ? out.base_seq : out.last_seq) = seq;
            }
        } else if (c == ',')
            after_colon = false;
        ++i;
    }
}

} // namespace casecircle::load
