#include "protocol/export_names.hpp"
#include "protocol/minutes_view.hpp"
#include "protocol/text_rules.hpp"

namespace casecircle::protocol {

namespace {

using namespace minutes_view;

bool is_safe(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
}

bool is_utf8_continuation(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Leading dots are dropped so that no part can make a hidden file or "..".
std::string safe_part(std::string_view text, std::string_view when_empty) {
    std::string out;
    for (const char c : text) {
        if (is_utf8_continuation(c)) continue;
        if (out.empty() && c == '.') continue;
        out += is_safe(c) ? c : '-';
    }
    return out.empty() ? std::string(when_empty) : out;
}

} // namespace

std::string export_file_name(const nlohmann::json& minutes, std::string_view extension) {
    const auto date = str(minutes, "date");
    auto name = (parse_date(date) ? date : std::string("ohne-datum")) + "_" +
                safe_part(str(at(minutes, "format"), "id"), "protokoll") + "_" +
                safe_part(str(minutes, "case_code"), "ohne-fallcode");
    if (!extension.empty() && extension.front() == '.') extension.remove_prefix(1);
    if (!extension.empty()) name += "." + safe_part(extension, "txt");
    return name;
}

} // namespace casecircle::protocol
