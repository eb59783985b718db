#pragma once

// Non-throwing reads from untrusted JSON (command fields, stored events). nlohmann's operator[]
// on a const object with a missing key is undefined behaviour and get<T>() throws on a wrong
// type; these helpers make "absent or wrong" an ordinary nullopt instead.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace casecircle::protocol::json_access {

inline const nlohmann::json* member(const nlohmann::json& object, std::string_view key) {
    if (!object.is_object()) return nullptr;
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

inline bool has(const nlohmann::json& object, std::string_view key) {
    const auto* value = member(object, key);
    return value != nullptr && !value->is_null();
}

inline std::optional<std::string> string_at(const nlohmann::json& object, std::string_view key) {
    const auto* value = member(object, key);
    if (value == nullptr || !value->is_string()) return std::nullopt;
    return value->get<std::string>();
}

inline std::optional<std::int64_t> integer_at(const nlohmann::json& object, std::string_view key) {
    const auto* value = member(object, key);
    if (value == nullptr || !value->is_number_integer()) return std::nullopt;
    if (value->is_number_unsigned() && value->get<std::uint64_t>() > 0x7fffffffffffffffULL)
        return std::nullopt;
    return value->get<std::int64_t>();
}

inline std::optional<bool> bool_at(const nlohmann::json& object, std::string_view key) {
    const auto* value = member(object, key);
    if (value == nullptr || !value->is_boolean()) return std::nullopt;
    return value->get<bool>();
}

// A string member that may be absent or null (both mean "none"); nullopt only when present and
// of the wrong type.
inline std::optional<std::optional<std::string>> optional_string_at(const nlohmann::json& object,
                                                                    std::string_view key) {
    const auto* value = member(object, key);
    if (value == nullptr || value->is_null()) return std::optional<std::string>{};
    if (!value->is_string()) return std::nullopt;
    return std::optional<std::string>{value->get<std::string>()};
}

} // namespace casecircle::protocol::json_access
