#include "protocol/decide_detail.hpp"
#include "protocol/ids.hpp"
#include "protocol/json_access.hpp"

#include <algorithm>
#include <array>

// prepare_case: a case manager registered the case for the circle date days ahead, with a draft
// of the short report and the question, and colleagues wrote cards beforehand. The server carries
// it in once, right after the session is created.

namespace casecircle::protocol::detail {

namespace {

namespace ja = json_access;
using nlohmann::json;

constexpr std::size_t max_prepared_cards = 200;
constexpr std::array<const char*, 4> summary_parts{"history", "initial_situation", "work_so_far",
                                                   "service_steering"};

struct prepared_card {
    int step = 0;
    std::string category;
    std::string text;
    std::string author_name;
};

// A text inside a nested object; a rejection names it by its path ("cards/3/text").
std::variant<std::string, rejection> nested_text(const json& object, const char* key,
                                                 const std::string& path, text_kind kind,
                                                 std::size_t min_chars, std::size_t max_chars) {
    const auto* value = ja::member(object, key);
    if ((value == nullptr || value->is_null()) && min_chars == 0) return std::string();
    const auto raw = ja::string_at(object, key);
    auto cleaned = raw ? clean_text(*raw, kind, min_chars, max_chars) : std::nullopt;
    if (!cleaned) return reject_field(path);
    return std::move(*cleaned);
}

std::variant<json, rejection> summary_field(const context& c) {
    json parts = json::object();
    const auto* given = ja::member(c.fields, "case_summary");
    const bool present = given != nullptr && !given->is_null();
    if (present && !given->is_object()) return reject_field("case_summary");
    bool any = false;
    for (const auto* part : summary_parts) {
        auto text = present ? nested_text(*given, part, std::string("case_summary/") + part,
                                          text_kind::multi_line, 0, max_summary_part_chars)
                            : std::string();
        if (const auto* r = std::get_if<rejection>(&text)) return *r;
        any = any || !std::get<std::string>(text).empty();
        parts[part] = std::get<std::string>(text);
    }
    if (any && !c.s.format->produces(record_kind::case_summary))
        return reject_field("case_summary");
    return parts;
}

// Cards go only where the session would collect them: a step with writers, a category of that
// step that is not a record of the session itself (prognosis, feedback, suggestions).
std::variant<prepared_card, rejection> card_field(const context& c, const json& item,
                                                  std::size_t index) {
    const auto path = "cards/" + std::to_string(index);
    if (!item.is_object()) return reject_field(path);
    const auto number = ja::integer_at(item, "step");
    const auto* step = number && *number >= 1 && *number <= c.s.step_count()
                           ? c.s.step(static_cast<int>(*number))
                           : nullptr;
    if (step == nullptr) return reject_field(path + "/step");
    if (step->writers == card_writers::nobody) return reject(reject_code::no_cards_in_step);
    const auto key = ja::string_at(item, "category");
    if (!key) return reject_field(path + "/category");
    const auto* category = step->find_category(*key);
    if (category == nullptr || category->record) return reject(reject_code::unknown_category);
    auto text = nested_text(item, "text", path + "/text", text_kind::multi_line, 1, max_card_chars);
    if (const auto* r = std::get_if<rejection>(&text)) return *r;
    auto author = nested_text(item, "author_name", path + "/author_name", text_kind::single_line, 1,
                              max_name_chars);
    if (const auto* r = std::get_if<rejection>(&author)) return *r;
    return prepared_card{static_cast<int>(*number), *key, std::get<std::string>(std::move(text)),
                         std::get<std::string>(std::move(author))};
}

std::variant<std::vector<prepared_card>, rejection> cards_field(const context& c) {
    std::vector<prepared_card> out;
    const auto* list = ja::member(c.fields, "cards");
    if (list == nullptr || list->is_null()) return out;
    if (!list->is_array() || list->size() > max_prepared_cards) return reject_field("cards");
    for (std::size_t i = 0; i < list->size(); ++i) {
        auto card = card_field(c, (*list)[i], i);
        if (const auto* r = std::get_if<rejection>(&card)) return *r;
        out.push_back(std::get<prepared_card>(std::move(card)));
    }
    return out;
}

} // namespace

outcome decide_prepare_case(const context& c) {
    // What the case manager drafted is the presenter's to replace in the session; once it runs,
    // a late registration would overwrite what the circle already works on.
    if (c.s.started) return reject(reject_code::already_started);
    if (c.s.prepared) return reject(reject_code::already_prepared);
    const auto registration =
        text_field(c.fields, "registration_id", text_kind::single_line, max_reference_chars);
    if (const auto* r = std::get_if<rejection>(&registration)) return *r;
    const auto prepared_by =
        text_field(c.fields, "prepared_by", text_kind::single_line, max_name_chars);
    if (const auto* r = std::get_if<rejection>(&prepared_by)) return *r;
    auto summary = summary_field(c);
    if (const auto* r = std::get_if<rejection>(&summary)) return *r;
    const auto question =
        optional_text_field(c.fields, "question", text_kind::multi_line, max_question_chars);
    if (const auto* r = std::get_if<rejection>(&question)) return *r;
    if (!std::get<std::string>(question).empty() && !c.s.format->produces(record_kind::question))
        return reject_field("question");
    const auto cards = cards_field(c);
    if (const auto* r = std::get_if<rejection>(&cards)) return *r;
    const auto& written = std::get<std::vector<prepared_card>>(cards);
    if (c.s.cards.size() + written.size() > max_cards) return reject(reject_code::limit_reached);

    emitter out(c.s, c.actor, c.now);
    out.emit("case_prepared", json{{"registration_id", std::get<std::string>(registration)},
                                   {"prepared_by", std::get<std::string>(prepared_by)},
                                   {"case_summary", std::get<json>(std::move(summary))},
                                   {"question", std::get<std::string>(question)},
                                   {"cards", written.size()}});
    for (std::size_t i = 0; i < written.size(); ++i)
        out.emit("card_added", json{{"card_id", ids::make('c', c.s.cards.size() + i + 1)},
                                    {"step", written[i].step},
                                    {"category", written[i].category},
                                    {"text", written[i].text},
                                    {"advocatus", false},
                                    {"written_beforehand", true},
                                    {"author_name", written[i].author_name}});
    return collect(out);
}

} // namespace casecircle::protocol::detail
