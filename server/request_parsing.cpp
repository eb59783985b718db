#include "server/request_parsing.hpp"

#include "server/static_files.hpp"

#include <algorithm>
#include <charconv>

namespace casecircle::server {

std::map<std::string, std::string> parse_query(std::string_view query) {
    std::map<std::string, std::string> out;
    std::size_t at = 0;
    while (at <= query.size()) {
        const auto end = std::min(query.find('&', at), query.size());
        const auto pair = query.substr(at, end - at);
        const auto eq = pair.find('=');
        std::string key(pair.substr(0, eq));
        std::string value(eq == std::string_view::npos ? "" : pair.substr(eq + 1));
        std::replace(value.begin(), value.end(), '+', ' ');
        const auto k = percent_decode(key);
        const auto v = percent_decode(value);
        if (k && v && !k->empty()) out[*k] = *v;
        at = end + 1;
    }
    return out;
}

std::string cookie_value(std::string_view header, std::string_view name) {
    std::size_t at = 0;
    while (at < header.size()) {
        const auto end = std::min(header.find(';', at), header.size());
        auto pair = header.substr(at, end - at);
        while (!pair.empty() && pair.front() == ' ')
            pair.remove_prefix(1);
        if (pair.size() > name.size() && pair.substr(0, name.size()) == name &&
            pair[name.size()] == '=')
            return std::string(pair.substr(name.size() + 1));
        at = end + 1;
    }
    return {};
}

std::vector<std::string> segments_of(const std::string& path) {
    std::vector<std::string> out;
    std::size_t at = 1;
    while (at <= path.size()) {
        const auto end = std::min(path.find('/', at), path.size());
        out.push_back(path.substr(at, end - at));
        at = end + 1;
    }
    return out;
}

std::optional<std::int64_t> id_in(const std::string& segment) {
    std::int64_t value = 0;
    const auto* end = segment.data() + segment.size();
    const auto [ptr, ec] = std::from_chars(segment.data(), end, value);
    if (ec != std::errc() || ptr != end) return std::nullopt;
    return value;
}

bool is_websocket_target(std::string_view target) {
    return target.substr(0, target.find('?')) == "/ws";
}

} // namespace casecircle::server
