#pragma once

// Words for the moderator's changes to the draft and for required presence, shared by the
// print page and the Markdown export.

#include <string>
#include <string_view>

namespace casecircle::protocol {

inline std::string change_kind_de(std::string_view kind) {
    return kind == "redaction" ? "Geschwärzt" : "Korrigiert";
}

// "2 weitere Teilnehmende" for a lacking count of a requirement (template: requires_present).
inline std::string lacking_de(std::string_view who, int count) {
    const auto n = std::to_string(count);
    if (who == "expert") return n + (count == 1 ? " externe Fachperson" : " externe Fachpersonen");
    if (who == "participant") return n + " Teilnehmende";
    return n + " weitere Teilnehmende (außer Moderation und Fallvorstellung)";
}

} // namespace casecircle::protocol
