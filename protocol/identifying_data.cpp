#include "protocol/identifying_data.hpp"

#include <algorithm>
#include <cctype>

namespace casecircle::protocol {
namespace {

// A word: letters (ASCII and any UTF-8 sequence, so umlauts and ß belong to it) or digits.
struct token {
    std::string_view text;
    std::size_t begin = 0;
    bool digits = false;
};

bool letter_byte(unsigned char c) {
    return std::isalpha(c) != 0 || c >= 0x80;
}

std::vector<token> tokens_of(std::string_view s) {
    std::vector<token> out;
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        const bool digit = std::isdigit(c) != 0;
        if (!digit && !letter_byte(c)) {
            ++i;
            continue;
        }
        const auto begin = i;
        while (i < s.size() && (digit ? std::isdigit(static_cast<unsigned char>(s[i])) != 0
                                      : letter_byte(static_cast<unsigned char>(s[i]))))
            ++i;
        out.push_back({s.substr(begin, i - begin), begin, digit});
    }
    return out;
}

// Capitalised: an ASCII capital, or Ä Ö Ü (C3 84, C3 96, C3 9C).
bool capitalised(std::string_view w) {
    if (w.size() < 2) return false;
    const auto c = static_cast<unsigned char>(w[0]);
    if (std::isupper(c) != 0) return true;
    return c == 0xC3 &&
           (static_cast<unsigned char>(w[1]) == 0x84 || static_cast<unsigned char>(w[1]) == 0x96 ||
            static_cast<unsigned char>(w[1]) == 0x9C);
}

bool is_first_name(std::string_view w) {
    const auto& names = common_first_names();
    return std::binary_search(names.begin(), names.end(), w);
}

std::string lower_ascii(std::string_view w) {
    std::string out(w);
    for (auto& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool street_word(std::string_view w) {
    static constexpr std::string_view endings[] = {"straße", "strasse", "str",     "weg",
                                                   "allee",  "platz",   "gasse",   "ring",
                                                   "damm",   "ufer",    "chaussee"};
    const auto lower = lower_ascii(w);
    return std::any_of(std::begin(endings), std::end(endings), [&](std::string_view e) {
        return lower.ends_with(e) && (lower.size() > 3 || lower == "str");
    });
}

void names(std::string_view s, const std::vector<token>& t, std::vector<identifying_finding>& out) {
    for (std::size_t i = 0; i + 1 < t.size(); ++i)
        if (!t[i].digits && is_first_name(t[i].text) && !t[i + 1].digits &&
            capitalised(t[i + 1].text))
            out.push_back(
                {"name", std::string(s.substr(t[i].begin, t[i + 1].begin + t[i + 1].text.size() -
                                                              t[i].begin))});
}

void streets(std::string_view s, const std::vector<token>& t,
             std::vector<identifying_finding>& out) {
    for (std::size_t i = 0; i + 1 < t.size(); ++i)
        if (!t[i].digits && street_word(t[i].text) && t[i + 1].digits && t[i + 1].text.size() <= 4)
            out.push_back(
                {"street", std::string(s.substr(t[i].begin, t[i + 1].begin + t[i + 1].text.size() -
                                                                t[i].begin))});
}

int number(std::string_view digits) {
    int n = 0;
    for (const char c : digits)
        n = n * 10 + (c - '0');
    return n;
}

bool real_day(int day, int month, int year) {
    return month >= 1 && month <= 12 && day >= 1 &&
           parse_date(std::to_string(year) + "-" + (month < 10 ? "0" : "") + std::to_string(month) +
                      "-" + (day < 10 ? "0" : "") + std::to_string(day))
               .has_value();
}

bool not_after(int day, int month, int year, const civil_date& today) {
    if (year != today.year) return year < today.year;
    if (static_cast<unsigned>(month) != today.month)
        return static_cast<unsigned>(month) < today.month;
    return static_cast<unsigned>(day) <= today.day;
}

// D.M.YYYY or D.M.YY with dots, and YYYY-MM-DD; a two-digit year is read as the last 100 years.
void dates(std::string_view s, const std::vector<token>& t, const civil_date& today,
           std::vector<identifying_finding>& out) {
    for (std::size_t i = 0; i + 2 < t.size(); ++i) {
        if (!t[i].digits || !t[i + 1].digits || !t[i + 2].digits) continue;
        const auto end = t[i + 2].begin + t[i + 2].text.size();
        const auto between = [&](std::size_t a, char sep) {
            const auto gap = s.substr(t[a].begin + t[a].text.size(),
                                      t[a + 1].begin - t[a].begin - t[a].text.size());
            return gap.size() == 1 && gap[0] == sep;
        };
        int day = 0, month = 0, year = 0;
        if (between(i, '.') && between(i + 1, '.') && t[i].text.size() <= 2 &&
            t[i + 1].text.size() <= 2 && (t[i + 2].text.size() == 4 || t[i + 2].text.size() == 2)) {
            day = number(t[i].text);
            month = number(t[i + 1].text);
            year = number(t[i + 2].text);
            if (t[i + 2].text.size() == 2)
                year += year <= today.year % 100 ? today.year / 100 * 100
                                                 : today.year / 100 * 100 - 100;
        } else if (between(i, '-') && between(i + 1, '-') && t[i].text.size() == 4 &&
                   t[i + 1].text.size() == 2 && t[i + 2].text.size() == 2) {
            year = number(t[i].text);
            month = number(t[i + 1].text);
            day = number(t[i + 2].text);
        } else {
            continue;
        }
        if (year >= 1900 && real_day(day, month, year) && not_after(day, month, year, today))
            out.push_back({"birth_date", std::string(s.substr(t[i].begin, end - t[i].begin))});
    }
}

// A number to call: starts with 0 or +, then digits with spaces, slashes, hyphens or brackets
// between them, nine digits or more (German numbers with their area code).
void phones(std::string_view s, std::vector<identifying_finding>& out) {
    std::size_t i = 0;
    while (i < s.size()) {
        const bool starts = (s[i] == '+' || s[i] == '0') &&
                            (i == 0 || std::isalnum(static_cast<unsigned char>(s[i - 1])) == 0);
        if (!starts) {
            ++i;
            continue;
        }
        std::size_t j = i + 1, digits = s[i] == '0' ? 1 : 0, last_digit = i;
        while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) != 0 ||
                                std::string_view(" /-()").find(s[j]) != std::string_view::npos)) {
            if (std::isdigit(static_cast<unsigned char>(s[j])) != 0) {
                ++digits;
                last_digit = j;
            }
            ++j;
        }
        if (digits >= 9) out.push_back({"phone", std::string(s.substr(i, last_digit + 1 - i))});
        i = j;
    }
}

} // namespace

std::vector<identifying_finding> find_identifying(std::string_view text, const civil_date& today) {
    std::vector<identifying_finding> out;
    const auto t = tokens_of(text);
    names(text, t, out);
    dates(text, t, today, out);
    streets(text, t, out);
    phones(text, out);
    return out;
}

std::string describe_findings(const std::vector<identifying_finding>& found, bool german) {
    std::string out;
    for (const auto& f : found) {
        const std::string what =
            f.kind == "name"         ? (german ? "Vor- und Nachname" : "first and last name")
            : f.kind == "birth_date" ? (german ? "Geburtsdatum" : "date of birth")
            : f.kind == "street"     ? (german ? "Straße und Hausnummer" : "street and number")
                                     : (german ? "Telefonnummer" : "phone number");
        if (!out.empty()) out += ", ";
        out += what + (german ? " („" : " (“") + f.text + (german ? "“)" : "”)");
    }
    return out;
}

} // namespace casecircle::protocol
