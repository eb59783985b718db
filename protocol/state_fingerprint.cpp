#include "protocol/state_fingerprint.hpp"

#include <algorithm>
#include <span>
#include <string_view>

namespace casecircle::protocol {

namespace {

using nlohmann::json;
using element_of = std::function<json(std::size_t)>;

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

member_print member_at(const std::vector<std::uint64_t>& prints, std::size_t at) {
    const auto count = prints[at + 2];
    const auto size = static_cast<std::size_t>(count == 0 ? 0 : count - 1);
    return {prints[at], prints[at + 1], count != 0, std::span(prints).subspan(at + 3, size)};
}

std::vector<member_print> members_of(const std::vector<std::uint64_t>& prints) {
    std::vector<member_print> out;
    for (std::size_t at = 0; at + 2 < prints.size(); at += 3 + out.back().elements.size())
        out.push_back(member_at(prints, at));
    return out;
}

// RFC 6901 escaping ("~0", "~1") is the library's.
std::string pointer_of(std::string_view key) {
    return (json::json_pointer() / std::string(key)).to_string();
}

json op(const char* name, std::string path, std::optional<json> value = std::nullopt) {
    json o{{"op", name}, {"path", std::move(path)}};
    if (value) o["value"] = std::move(*value);
    return o;
}

// Cards are added at the end and withdrawn one at a time: both become a single operation; any
// other change of an array replaces the elements that differ.
void diff_array(const std::string& path, std::span<const std::uint64_t> before,
                std::span<const std::uint64_t> after, const element_of& element, json& ops) {
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
            ops.push_back(op("replace", path + '/' + std::to_string(i), element(i)));
    for (std::size_t i = before.size(); i < n; ++i)
        ops.push_back(op("add", path + "/-", element(i)));
    for (std::size_t i = before.size(); i > n; --i)
        ops.push_back(op("remove", path + '/' + std::to_string(i - 1)));
}

// One member's prints; an array's value hash is left 0, its elements say it all.
void append_prints(std::string_view key, const json& value, std::vector<std::uint64_t>& out) {
    out.push_back(hash_of(key));
    out.push_back(value.is_array() ? 0 : hash_of(value));
    out.push_back(value.is_array() ? value.size() + 1 : 0);
    if (value.is_array())
        for (const auto& element : value)
            out.push_back(hash_of(element));
}

void append_array_prints(std::string_view key, const std::vector<std::uint64_t>& elements,
                         std::vector<std::uint64_t>& out) {
    out.push_back(hash_of(key));
    out.push_back(0);
    out.push_back(elements.size() + 1);
    out.insert(out.end(), elements.begin(), elements.end());
}

json whole_array(const detail::state_array& a) {
    json out = json::array();
    for (std::size_t i = 0; i < a.prints.size(); ++i)
        out.push_back(a.element(i));
    return out;
}

} // namespace

void state_fingerprint::remember(const json& state) {
    prints_.clear();
    for (const auto& [key, value] : state.items())
        append_prints(key, value, prints_);
    prints_.shrink_to_fit();
}

void state_fingerprint::remember(const session_state& state) {
    remember(detail::state_json_without_arrays(state));
    for (const auto& a : detail::state_arrays(state))
        append_array_prints(a.key, a.prints, prints_);
    prints_.shrink_to_fit();
}

json state_fingerprint::advance(const json& next) {
    return advance(next, {});
}

json state_fingerprint::advance(const session_state& state) {
    return advance(detail::state_json_without_arrays(state), detail::state_arrays(state));
}

json state_fingerprint::advance(const json& next, const std::vector<detail::state_array>& arrays) {
    const auto old_prints = std::move(prints_);
    const auto before = members_of(old_prints);
    prints_ = {};
    prints_.reserve(old_prints.size() + 8);
    json ops = json::array();
    std::size_t matched = 0;
    const auto compare = [&](std::size_t at, std::string_view key, const element_of& element,
                             const std::function<json()>& whole) {
        const auto now = member_at(prints_, at);
        const auto old = std::find_if(before.begin(), before.end(),
                                      [&](const member_print& m) { return m.key == now.key; });
        if (old == before.end()) {
            ops.push_back(op("add", pointer_of(key), whole()));
            return;
        }
        ++matched;
        if (old->array && now.array) {
            if (!std::ranges::equal(old->elements, now.elements))
                diff_array(pointer_of(key), old->elements, now.elements, element, ops);
        } else if (old->array != now.array || old->value != now.value) {
            ops.push_back(op("replace", pointer_of(key), whole()));
        }
    };
    for (const auto& item : next.items()) {
        // Not a structured binding: clang (the fuzz build) cannot capture one in a lambda.
        const auto& value = item.value();
        const auto at = prints_.size();
        append_prints(item.key(), value, prints_);
        compare(
            at, item.key(), [&value](std::size_t i) { return value[i]; },
            [&value] { return value; });
    }
    for (const auto& a : arrays) {
        const auto at = prints_.size();
        append_array_prints(a.key, a.prints, prints_);
        compare(at, a.key, a.element, [&a] { return whole_array(a); });
    }
    // A member that went away has no key to name here; the whole document replaces the old.
    if (matched != before.size() || !next.is_object()) {
        auto whole = next;
        for (const auto& a : arrays)
            whole[a.key] = whole_array(a);
        ops = json::array({op("replace", "", std::move(whole))});
    }
    prints_.shrink_to_fit();
    return ops;
}

} // namespace casecircle::protocol
