#include "protocol/csv.hpp"

namespace casecircle::protocol::csv {

namespace {

bool looks_like_formula(std::string_view text) {
    return !text.empty() &&
           std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos;
}

bool needs_quotes(std::string_view text) {
    return text.find_first_of(";\"\r\n") != std::string_view::npos;
}

} // namespace

std::string field(std::string_view text) {
    std::string value;
    if (looks_like_formula(text)) value += '\'';
    value += text;
    if (!needs_quotes(value)) return value;
    std::string quoted = "\"";
    for (const char c : value) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + '"';
}

std::string row(const std::vector<std::string>& fields) {
    std::string line;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) line += ';';
        line += field(fields[i]);
    }
    return line + "\r\n";
}

} // namespace casecircle::protocol::csv
