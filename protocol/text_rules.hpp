#pragma once

#include "protocol/types.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace casecircle::protocol {

// Limits on free text, in Unicode code points. Generous for people, small enough that one
// session cannot swallow the server's memory.
inline constexpr std::size_t max_name_chars = 60;
inline constexpr std::size_t max_title_chars = 120;
inline constexpr std::size_t max_card_chars = 500;
inline constexpr std::size_t max_question_chars = 500;
inline constexpr std::size_t max_summary_part_chars = 4000;
inline constexpr std::size_t max_decision_chars = 1000;
inline constexpr std::size_t max_note_chars = 500;
inline constexpr std::size_t max_remark_chars = 4000;
inline constexpr std::size_t max_label_chars = 80;
inline constexpr std::size_t max_case_code_chars = 40;
inline constexpr std::size_t max_reference_chars = 100;
inline constexpr std::size_t max_cancel_note_chars = 300;
inline constexpr std::size_t max_discard_reason_chars = 500;

enum class text_kind { single_line, multi_line };

// Trims surrounding whitespace and checks UTF-8, control characters and length. Returns nullopt
// when the text is unusable; an empty result is allowed only when min_chars is 0.
std::optional<std::string> clean_text(std::string_view raw, text_kind kind, std::size_t min_chars,
                                      std::size_t max_chars);

// Case codes are pseudonyms: 1..40 of [A-Za-z0-9 -_./] with at least one digit, so that a
// client's name ("Max Mustermann") cannot pass as a code.
std::optional<std::string> clean_case_code(std::string_view raw);

struct civil_date {
    int year = 0;
    unsigned month = 0;
    unsigned day = 0;
};

// Strict YYYY-MM-DD of a real calendar day.
std::optional<civil_date> parse_date(std::string_view text);
std::string format_date(const civil_date& d);
civil_date date_of(millis at); // UTC
long long days_since_epoch(const civil_date& d);

} // namespace casecircle::protocol
