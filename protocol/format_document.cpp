#include "protocol/template.hpp"

#include <cstdint>
#include <cstdio>

namespace casecircle::protocol {

namespace {

using nlohmann::json;

json category_json(const card_category& c) {
    return json{{"key", c.key},
                {"title", to_json(c.title)},
                {"record", c.record ? json(to_string(*c.record)) : json()},
                {"presenter_first", c.presenter_first}};
}

json step_document(const step_template& s, int number) {
    json categories = json::array();
    for (const auto& c : s.categories)
        categories.push_back(category_json(c));
    json records = json::array();
    for (const auto r : s.records)
        records.push_back(to_string(r));
    json required = json::object();
    for (const auto& [who, count] : s.requires_present)
        required[who] = count;
    return json{{"number", number},
                {"key", s.key},
                {"title", to_json(s.title)},
                {"instructions", to_json(s.instructions)},
                {"moderator_hint", to_json(s.moderator_hint)},
                {"budget_minutes", s.budget_minutes},
                {"writers", to_string(s.writers)},
                {"categories", categories},
                {"round_robin", s.round_robin},
                {"collect_dont_discuss", s.collect_dont_discuss},
                {"advocatus_diaboli", s.advocatus_diaboli},
                {"records", records},
                {"requires_present", required}};
}

// FNV-1a: stable across runs and builds, unlike std::hash, because clients keep the key.
std::string hex_digest(std::string_view text) {
    std::uint64_t h = 14695981039346656037ULL;
    for (const unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    char out[17];
    std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(h));
    return out;
}

} // namespace

void attach_client_frame(format_template& t) {
    json steps = json::array();
    for (std::size_t i = 0; i < t.steps.size(); ++i)
        steps.push_back(step_document(t.steps[i], static_cast<int>(i) + 1));
    json document{{"format", t.id}, {"template_version", t.version}, {"steps", std::move(steps)}};
    // The digest covers the content, so an edited template with an unchanged version number
    // still gets a new key and no client keeps showing the old steps.
    t.client_key = t.id + '@' + std::to_string(t.version) + '-' + hex_digest(document.dump());
    document["key"] = t.client_key;
    t.client_frame = json{{"type", "format"}, {"format", std::move(document)}}.dump();
}

} // namespace casecircle::protocol
