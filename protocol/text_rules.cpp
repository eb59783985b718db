#include "protocol/text_rules.hpp"

#include <cstdint>
#include <cstdio>

namespace casecircle::protocol {

namespace {

bool is_space(unsigned char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && is_space(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return s;
}

bool allowed_control(unsigned char c, text_kind kind) {
    return kind == text_kind::multi_line && (c == '\n' || c == '\t' || c == '\r');
}

// Length of the UTF-8 sequence starting at s[i], or 0 if it is malformed (overlong forms,
// surrogates and values above U+10FFFF included).
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char lead = byte(i);
    std::size_t length = 0;
    std::uint32_t value = 0;
    if (lead < 0x80) return 1;
    if ((lead & 0xE0) == 0xC0)
        length = 2, value = lead & 0x1F;
    else if ((lead & 0xF0) == 0xE0)
        length = 3, value = lead & 0x0F;
    else if ((lead & 0xF8) == 0xF0)
        length = 4, value = lead & 0x07;
    else
        return 0;
    if (i + length > s.size()) return 0;
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
        value = (value << 6) | (byte(i + k) & 0x3F);
    }
    constexpr std::uint32_t minimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (value < minimum[length] || value > 0x10FFFF) return 0;
    if (value >= 0xD800 && value <= 0xDFFF) return 0;
    return length;
}

} // namespace

std::optional<std::string> clean_text(std::string_view raw, text_kind kind, std::size_t min_chars,
                                      std::size_t max_chars) {
    const auto text = trim(raw);
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if ((c < 0x20 || c == 0x7F) && !allowed_control(c, kind)) return std::nullopt;
        const auto length = utf8_sequence_length(text, i);
        if (length == 0) return std::nullopt;
        i += length;
        if (++chars > max_chars) return std::nullopt;
    }
    if (chars < min_chars) return std::nullopt;
    return std::string(text);
}

std::optional<std::string> clean_case_code(std::string_view raw) {
    const auto code = trim(raw);
    if (code.empty() || code.size() > max_case_code_chars) return std::nullopt;
    bool has_digit = false;
    for (const char c : code) {
        const bool digit = c >= '0' && c <= '9';
        const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        const bool mark = c == '-' || c == '_' || c == '.' || c == '/' || c == ' ';
        if (!digit && !letter && !mark) return std::nullopt;
        has_digit = has_digit || digit;
    }
    if (!has_digit) return std::nullopt;
    return std::string(code);
}

// Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic Gregorian calendar.
long long days_since_epoch(const civil_date& d) {
    const long long y = static_cast<long long>(d.year) - (d.month <= 2 ? 1 : 0);
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const long long yoe = y - era * 400;
    const long long mp = (d.month + 9) % 12;
    const long long doy = (153 * mp + 2) / 5 + d.day - 1;
    const long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

civil_date date_of(millis at) {
    constexpr millis day_ms = 86'400'000;
    long long z = at / day_ms - ((at % day_ms) < 0 ? 1 : 0);
    z += 719468;
    const long long era = (z >= 0 ? z : z - 146096) / 146097;
    const long long doe = z - era * 146097;
    const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long long mp = (5 * doy + 2) / 153;
    const auto day = static_cast<unsigned>(doy - (153 * mp + 2) / 5 + 1);
    const auto month = static_cast<unsigned>(mp < 10 ? mp + 3 : mp - 9);
    const auto year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
    return {year, month, day};
}

std::optional<civil_date> parse_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    int parts[3] = {0, 0, 0};
    const std::size_t starts[3] = {0, 5, 8};
    const std::size_t lengths[3] = {4, 2, 2};
    for (int p = 0; p < 3; ++p) {
        for (std::size_t k = 0; k < lengths[p]; ++k) {
            const char c = text[starts[p] + k];
            if (c < '0' || c > '9') return std::nullopt;
            parts[p] = parts[p] * 10 + (c - '0');
        }
    }
    const civil_date d{parts[0], static_cast<unsigned>(parts[1]), static_cast<unsigned>(parts[2])};
    if (d.year < 1900 || d.month < 1 || d.month > 12 || d.day < 1) return std::nullopt;
    const bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
    constexpr unsigned month_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const unsigned limit = month_days[d.month - 1] + (d.month == 2 && leap ? 1 : 0);
    if (d.day > limit) return std::nullopt;
    return d;
}

std::string format_date(const civil_date& d) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", d.year % 10000, d.month % 100,
                  d.day % 100);
    return buffer;
}

} // namespace casecircle::protocol
