#include "server/static_files.hpp"

#include <array>
#include <utility>

namespace casecircle::server {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool is_safe_segment(std::string_view segment) {
    return segment != ".." && segment != "." && segment.find('\\') == std::string_view::npos;
}

// Builds the relative path segment by segment so that no segment can climb out of the root.
std::optional<std::filesystem::path> relative_path(std::string_view decoded) {
    std::filesystem::path relative;
    std::size_t start = 0;
    while (start <= decoded.size()) {
        auto end = decoded.find('/', start);
        if (end == std::string_view::npos) end = decoded.size();
        const auto segment = decoded.substr(start, end - start);
        if (!segment.empty()) {
            if (!is_safe_segment(segment)) return std::nullopt;
            relative /= std::string(segment);
        }
        start = end + 1;
    }
    return relative;
}

bool is_inside(const std::filesystem::path& root, const std::filesystem::path& candidate) {
    const auto relative = candidate.lexically_relative(root);
    return !relative.empty() && *relative.begin() != "..";
}

} // namespace

std::optional<std::string> percent_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out.push_back(text[i]);
            continue;
        }
        if (i + 2 >= text.size()) return std::nullopt;
        const int hi = hex_value(text[i + 1]);
        const int lo = hex_value(text[i + 2]);
        if (hi < 0 || lo < 0) return std::nullopt;
        const char c = static_cast<char>(hi * 16 + lo);
        if (c == '\0') return std::nullopt;
        out.push_back(c);
        i += 2;
    }
    return out;
}

std::optional<std::filesystem::path> resolve_static_path(const std::filesystem::path& root,
                                                         std::string_view target) {
    const auto query = target.find_first_of("?#");
    if (query != std::string_view::npos) target = target.substr(0, query);
    if (target.empty() || target.front() != '/') return std::nullopt;
    const auto decoded = percent_decode(target);
    if (!decoded) return std::nullopt;
    const auto relative = relative_path(*decoded);
    if (!relative) return std::nullopt;

    std::error_code ec;
    const auto canonical_root = std::filesystem::canonical(root, ec);
    if (ec) return std::nullopt;
    auto candidate = canonical_root / *relative;
    if (std::filesystem::is_directory(candidate, ec)) candidate /= "index.html";
    // A symbolic link inside static/ must not lead outside it either.
    const auto resolved = std::filesystem::canonical(candidate, ec);
    if (ec || !is_inside(canonical_root, resolved)) return std::nullopt;
    if (!std::filesystem::is_regular_file(resolved, ec)) return std::nullopt;
    return resolved;
}

std::string_view mime_type(const std::filesystem::path& path) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 14> types{{
        {".html", "text/html; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".json", "application/json"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".jpg", "image/jpeg"},
        {".ico", "image/vnd.microsoft.icon"},
        {".woff2", "font/woff2"},
        {".txt", "text/plain; charset=utf-8"},
        {".md", "text/markdown; charset=utf-8"},
        {".webmanifest", "application/manifest+json"},
        {".map", "application/json"},
    }};
    const auto ext = path.extension().string();
    for (const auto& [suffix, type] : types)
        if (ext == suffix) return type;
    return "application/octet-stream";
}

} // namespace casecircle::server
