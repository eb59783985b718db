#pragma once

// Entity ids are a letter and a 1-based counter ("p3", "c17"): deterministic, short, and the
// counter is the index into the state's vector, so lookups need no map.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace casecircle::protocol::ids {

inline std::string make(char prefix, std::size_t number) {
    // Not `std::string(1, prefix) + ...`: GCC 12 at -O2 warns falsely (-Wrestrict) on that.
    auto id = std::to_string(number);
    id.insert(id.begin(), prefix);
    return id;
}

// Index (0-based) of an id with the given prefix, or nullopt if it is not of that form.
inline std::optional<std::size_t> index_of(std::string_view id, char prefix) {
    if (id.size() < 2 || id.size() > 10 || id[0] != prefix || id[1] == '0') return std::nullopt;
    std::size_t number = 0;
    for (const char c : id.substr(1)) {
        if (c < '0' || c > '9') return std::nullopt;
        number = number * 10 + static_cast<std::size_t>(c - '0');
    }
    return number - 1;
}

} // namespace casecircle::protocol::ids
