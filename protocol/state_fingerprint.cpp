#include "protocol/state_fingerprint.hpp"

#include <algorithm>
#include <span>
#include <string_view>

namespace casecircle::protocol {

namespace {

using nlohmann::json;

std::uint64_t hash_of(const json& value) {
    return std::hash<json>{}(value);
}

std::uint64_t hash_of(std::string_view key) {
    return std::hash<std::string_view>{}(key);
}

struct member_print {
    std::uint64_t key;
    std::uint64_t value;
    bool array;
    std::span<const std::uint64_t> elements;
};

member_print members_of_one(const std::vector<std::uint64_t>& prints, std::size_t at) {
    const auto count = prints[at + 2];
    const auto size = static_cast<std::size_t>(count == 0 ? 0 : count - 1);
    return {prints[at], prints[at + 1], count != 0, std::span(prints).subspan(at + 3, size)};
}

std::vector<member_print> members_of(const std::vector<std::uint64_t>& prints) {
    std::vector<member_print> out;
    for (std::size_t at = 0; at + 2 < prints.size(); at += 3 + out.back().elements.size())
        out.push_back(members_of_one(prints, at));
    return out;
}

// RFC 6901: "~" and "/" in a key are escaped.
std::string pointer_of(std::string_view key) {
    std::string out = "/";
    for (const char c : key)
        out += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
    return out;
}

json op(const char* name, std::string path, const json* value = nullptr) {
    json o{{"op", name}, {"path", std::move(path)}};
    if (value) o["value"] = *value;
    return o;
}

// Cards are added at the end and withdrawn one at a time: both become a single operation; any
// other change of an array replaces the elements that differ.
void diff_array(const std::string& path, std::span<const std::uint64_t> before,
                std::span<const std::uint64_t> after, const json& value, json& ops) {
    const std::size_t n = after.size();
    const auto [old_end, new_end] =
        std::mismatch(before.begin(), before.end(), after.begin(), after.end());
    const auto same = static_cast<std::size_t>(new_end - after.begin());
    if (before.size() == n + 1 && std::equal(old_end + 1, before.end(), new_end, after.end())) {
        ops.push_back(op("remove", path + '/' + std::to_string(same)));
        return;
    }
    for (std::size_t i = same; i < std::min(before.size(), n); ++i)
        if (before[i] != after[i])
            ops.push_back(op("replace", path + '/' + std::to_string(i), &value[i]));
    for (std::size_t i = before.size(); i < n; ++i)
        ops.push_back(op("add", path + "/-", &value[i]));
    for (std::size_t i = before.size(); i > n; --i)
        ops.push_back(op("remove", path + '/' + std::to_string(i - 1)));
}

// Appends one member's prints; an array's value hash is left 0, its elements say it all.
void append_prints(std::string_view key, const json& value, std::vector<std::uint64_t>& out) {
    out.push_back(hash_of(key));
    out.push_back(value.is_array() ? 0 : hash_of(value));
    out.push_back(value.is_array() ? value.size() + 1 : 0);
    if (value.is_array())
        for (const auto& element : value)
            out.push_back(hash_of(element));
}

} // namespace

void state_fingerprint::remember(const json& state) {
    prints_.clear();
    for (const auto& [key, value] : state.items())
        append_prints(key, value, prints_);
    prints_.shrink_to_fit();
}

json state_fingerprint::advance(const json& next) {
    const auto old_prints = std::move(prints_);
    const auto before = members_of(old_prints);
    prints_ = {};
    prints_.reserve(old_prints.size() + 8);
    json ops = json::array();
    std::size_t matched = 0;
    for (const auto& [key, value] : next.items()) {
        const auto at = prints_.size();
        append_prints(key, value, prints_);
        const auto now = members_of_one(prints_, at);
        const auto old = std::find_if(before.begin(), before.end(),
                                      [&](const member_print& m) { return m.key == now.key; });
        if (old == before.end()) {
            ops.push_back(op("add", pointer_of(key), &value));
            continue;
        }
        ++matched;
        if (old->array && now.array) {
            if (!std::ranges::equal(old->elements, now.elements))
                diff_array(pointer_of(key), old->elements, now.elements, value, ops);
        } else if (old->array != now.array || old->value != now.value) {
            ops.push_back(op("replace", pointer_of(key), &value));
        }
    }
    // A member that went away has no key to name here; the whole document replaces the old.
    if (matched != before.size() || !next.is_object())
        ops = json::array({op("replace", "", &next)});
    prints_.shrink_to_fit();
    return ops;
}

} // namespace casecircle::protocol
