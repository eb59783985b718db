#include "protocol/types.hpp"

#include <array>
#include <utility>

namespace casecircle::protocol {

namespace {

constexpr std::array<std::pair<role, std::string_view>, 5> role_names{{
    {role::moderator, "moderator"},
    {role::presenter, "presenter"},
    {role::participant, "participant"},
    {role::expert, "expert"},
    {role::observer, "observer"},
}};

} // namespace

std::string_view to_string(role r) {
    for (const auto& [value, name] : role_names)
        if (value == r) return name;
    return "observer";
}

std::optional<role> role_from_string(std::string_view text) {
    for (const auto& [value, name] : role_names)
        if (name == text) return value;
    return std::nullopt;
}

std::string_view to_string(session_mode m) {
    return m == session_mode::written ? "written" : "meeting";
}

std::optional<session_mode> session_mode_from_string(std::string_view text) {
    if (text == "meeting") return session_mode::meeting;
    if (text == "written") return session_mode::written;
    return std::nullopt;
}

} // namespace casecircle::protocol
