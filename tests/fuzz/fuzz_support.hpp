#pragma once

// What the fuzz targets share: a loud failure that libFuzzer records as a crash, and the shipped
// templates.

#include "protocol/template.hpp"
#include "protocol/types.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace casecircle::fuzz {

// The clock of every fuzzed session starts here (a date in the engine's usual range).
inline constexpr protocol::millis session_start = 1'795'000'000'000;

// abort() rather than an exception: libFuzzer keeps the input that led here as a crash artifact.
[[noreturn]] inline void fail(std::string_view what, std::string_view detail = {}) {
    std::fprintf(stderr, "fuzz check failed: %.*s %.*s\n", static_cast<int>(what.size()),
                 what.data(), static_cast<int>(detail.size()), detail.data());
    std::abort();
}

inline void expect(bool ok, std::string_view what, std::string_view detail = {}) {
    if (!ok) fail(what, detail);
}

inline std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

inline const protocol::template_library& shipped_templates() {
    static const protocol::template_library library = [] {
        protocol::template_files files;
        for (const auto& entry : std::filesystem::directory_iterator(CASECIRCLE_TEMPLATES_DIR))
            if (entry.path().extension() == ".json")
                files.emplace_back(entry.path().filename().string(), read_file(entry.path()));
        auto loaded = protocol::load_templates(files);
        if (const auto* error = std::get_if<protocol::template_error>(&loaded))
            fail("shipped templates do not load", error->what());
        return std::get<protocol::template_library>(std::move(loaded));
    }();
    return library;
}

} // namespace casecircle::fuzz
