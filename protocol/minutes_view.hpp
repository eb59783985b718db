#pragma once

// Tolerant reads from a minutes document for the export renderers: the document may come from
// the archive, written by an older engine, so an absent or mistyped member reads as empty
// rather than throwing half-way through a download.

#include <nlohmann/json.hpp>

#include <string>

namespace casecircle::protocol::minutes_view {

inline const nlohmann::json& at(const nlohmann::json& j, const char* key) {
    static const nlohmann::json null_value;
    if (!j.is_object()) return null_value;
    const auto it = j.find(key);
    return it == j.end() ? null_value : *it;
}

inline std::string str(const nlohmann::json& j, const char* key) {
    const auto& v = at(j, key);
    return v.is_string() ? v.get<std::string>() : std::string();
}

inline long long num(const nlohmann::json& j, const char* key) {
    const auto& v = at(j, key);
    return v.is_number_integer() ? v.get<long long>() : 0;
}

inline bool flag(const nlohmann::json& j, const char* key) {
    const auto& v = at(j, key);
    return v.is_boolean() && v.get<bool>();
}

inline const nlohmann::json& items(const nlohmann::json& j, const char* key) {
    static const nlohmann::json empty = nlohmann::json::array();
    const auto& v = at(j, key);
    return v.is_array() ? v : empty;
}

} // namespace casecircle::protocol::minutes_view
