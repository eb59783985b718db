#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

// Reading nullable columns into JSON; db/ only.
namespace casecircle::db {

inline nlohmann::json integer_or_null(const pqxx::field& f) {
    return f.is_null() ? nlohmann::json(nullptr) : nlohmann::json(f.as<std::int64_t>());
}

// NULL and "" both read as null.
inline nlohmann::json text_or_null(const pqxx::field& f) {
    if (f.is_null()) return nullptr;
    auto text = f.as<std::string>();
    return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(std::move(text));
}

} // namespace casecircle::db
