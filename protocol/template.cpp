#include "protocol/template.hpp"
#include "protocol/template_place.hpp"

#include <algorithm>
#include <array>
#include <numeric>

namespace casecircle::protocol {

namespace {

constexpr std::array<std::pair<record_kind, std::string_view>, 10> record_names{{
    {record_kind::case_summary, "case_summary"},
    {record_kind::question, "question"},
    {record_kind::alternative_questions, "alternative_questions"},
    {record_kind::chosen_question, "chosen_question"},
    {record_kind::options, "options"},
    {record_kind::decision, "decision"},
    {record_kind::backing, "backing"},
    {record_kind::prognosis, "prognosis"},
    {record_kind::feedback, "feedback"},
    {record_kind::suggestions, "suggestions"},
}};

} // namespace

bool step_template::produces(record_kind kind) const {
    return std::find(records.begin(), records.end(), kind) != records.end();
}

const card_category* step_template::find_category(std::string_view category_key) const {
    for (const auto& c : categories)
        if (c.key == category_key) return &c;
    return nullptr;
}

const card_category* step_template::category_for(record_kind kind) const {
    for (const auto& c : categories)
        if (c.record == kind) return &c;
    return nullptr;
}

bool format_template::has_advocatus() const {
    return std::any_of(steps.begin(), steps.end(),
                       [](const step_template& s) { return s.advocatus_diaboli; });
}

bool format_template::produces(record_kind kind) const {
    return std::any_of(steps.begin(), steps.end(),
                       [kind](const step_template& s) { return s.produces(kind); });
}

int format_template::total_budget_minutes() const {
    return std::accumulate(steps.begin(), steps.end(), 0,
                           [](int sum, const step_template& s) { return sum + s.budget_minutes; });
}

std::string template_error::what() const {
    return file + ": " + (path.empty() ? std::string("/") : path) + ": " + message;
}

std::string template_error::what_de() const {
    return place_de + ": " + message_de;
}

std::shared_ptr<const format_template> template_library::find(std::string_view id) const {
    const auto it = templates_.find(id);
    return it == templates_.end() ? nullptr : it->second;
}

std::vector<template_summary> template_library::list() const {
    std::vector<template_summary> out;
    for (const auto& [id, t] : templates_)
        out.push_back({id, t->title, t->description, t->steps.size(), t->total_budget_minutes()});
    return out;
}

void template_library::add(std::shared_ptr<const format_template> t) {
    if (t) templates_[t->id] = std::move(t);
}

std::variant<template_library, template_error> load_templates(const template_files& files) {
    template_library library;
    for (const auto& [file_name, text] : files) {
        nlohmann::json document;
        try {
            document = nlohmann::json::parse(text);
        } catch (const nlohmann::json::parse_error& e) {
            // e.what() carries line and column, which is what a template author needs.
            return template_error{file_name, "", std::string("is not valid JSON: ") + e.what(),
                                  std::string("ist kein gültiges JSON: ") + e.what(),
                                  place_in_words_de("")};
        }
        auto parsed = parse_template(file_name, document);
        if (auto* error = std::get_if<template_error>(&parsed)) return *error;
        auto t = std::get<std::shared_ptr<const format_template>>(std::move(parsed));
        if (library.find(t->id))
            return template_error{file_name, "/id", "duplicates the id of another template",
                                  "wiederholt die Kennung eines anderen Formats",
                                  place_in_words_de("/id")};
        library.add(std::move(t));
    }
    return library;
}

std::string_view to_string(card_writers w) {
    switch (w) {
    case card_writers::all:
        return "all";
    case card_writers::presenter:
        return "presenter";
    case card_writers::experts:
        return "experts";
    case card_writers::nobody:
        return "nobody";
    }
    return "nobody";
}

std::string_view to_string(record_kind k) {
    for (const auto& [kind, name] : record_names)
        if (kind == k) return name;
    return "";
}

std::optional<record_kind> record_kind_from_string(std::string_view text) {
    for (const auto& [kind, name] : record_names)
        if (name == text) return kind;
    return std::nullopt;
}

nlohmann::json to_json(const localized& text) {
    return nlohmann::json{{"de", text.de}, {"en", text.en}};
}

nlohmann::json summary_json(const template_summary& s) {
    return nlohmann::json{{"id", s.id},
                          {"title", to_json(s.title)},
                          {"description", to_json(s.description)},
                          {"step_count", s.step_count},
                          {"total_minutes", s.total_minutes}};
}

} // namespace casecircle::protocol
