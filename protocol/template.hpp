#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace casecircle::protocol {

// A format (quality circle, collegial consultation, ...) is data: one JSON file per format in
// protocol/templates/. Nothing in the engine names a particular step; everything a step allows
// comes from these structures.

struct localized {
    std::string de;
    std::string en;
};

// Who may write cards in a step. "all" means everyone except observers; the moderator may write
// as scribe.
enum class card_writers { all, presenter, experts, nobody };

// What a step produces for the minutes.
enum class record_kind {
    case_summary,
    question,
    alternative_questions,
    chosen_question,
    options,
    decision,
    backing,
    prognosis,
    feedback,
    suggestions,
};

struct card_category {
    std::string key;
    localized title;
    // Cards in this category are that record (prognosis obstacles, feedback, suggestions).
    std::optional<record_kind> record;
    // The presenter writes first here (the source: in the closing reflection the presenter
    // speaks first).
    bool presenter_first = false;
};

struct step_template {
    std::string key;
    localized title;
    localized instructions;
    localized moderator_hint;
    int budget_minutes = 0;
    card_writers writers = card_writers::nobody;
    std::vector<card_category> categories;
    bool round_robin = false;
    bool collect_dont_discuss = false;
    bool advocatus_diaboli = false;
    std::vector<record_kind> records;
    // Who must be present when this step starts, as minimum counts: "others" counts everyone
    // taking part besides the moderator and the presenter (participants and experts), "expert" and
    // "participant" count that role. The moderator is told what is missing and may go on anyway;
    // the minutes record it (domain: the circle needs a quorum, the interdisciplinary discussion an
    // expert).
    std::vector<std::pair<std::string, int>> requires_present;

    bool produces(record_kind kind) const;
    const card_category* find_category(std::string_view category_key) const;
    const card_category* category_for(record_kind kind) const;
};

struct format_template {
    std::string id;
    int version = 0;
    localized title;
    localized description;
    std::optional<localized> budget_note;
    // Case conferences: the case manager convenes and moderates, so the moderator also holds
    // the presenter's rights and there is no separate presenter.
    bool moderator_presents = false;
    std::vector<step_template> steps;
    // The validated source, copied into session_created so that a session's events are
    // self-contained (minutes need nothing but the events).
    nlohmann::json source;
    // The steps as clients show them, ready to send: a client receives this `format` frame
    // ({"type":"format","format":{...}}) once per connection, and the state names it by
    // client_key (id@version-digest) instead of carrying 11 KB of step texts in every welcome and
    // snapshot. Built once per template, so that no welcome copies it.
    std::string client_key;
    std::string client_frame;

    bool has_advocatus() const;
    bool produces(record_kind kind) const; // some step keeps this record
    int total_budget_minutes() const;
};

// Team-made formats are written by people, not developers: every refusal says what is wrong in
// German words and where, next to the English text that tools and tests read.
struct template_error {
    std::string file;
    std::string path; // JSON pointer, "" for the whole document
    std::string message;
    std::string message_de; // "muss eine ganze Zahl zwischen 1 und 240 sein (ist 500)"
    std::string place_de;   // the path in words: "Schritt 4, Zeitbudget"

    std::string what() const;    // "file: /steps/3/budget_minutes: must be ..."
    std::string what_de() const; // "Schritt 4, Zeitbudget: muss ..."
};

struct template_summary {
    std::string id;
    localized title;
    localized description;
    std::size_t step_count = 0;
    int total_minutes = 0;
};

class template_library {
  public:
    std::shared_ptr<const format_template> find(std::string_view id) const;
    std::vector<template_summary> list() const; // ordered by id
    void add(std::shared_ptr<const format_template> t);

  private:
    std::map<std::string, std::shared_ptr<const format_template>, std::less<>> templates_;
};

using template_files = std::vector<std::pair<std::string /*file name*/, std::string /*json*/>>;

// Parses and validates every file; the first problem refuses the whole set.
std::variant<template_library, template_error> load_templates(const template_files& files);

// One template from JSON. file_name may be empty (a copy from session_created); when given, the
// template id must equal the file name without ".json".
std::variant<std::shared_ptr<const format_template>, template_error>
parse_template(std::string_view file_name, const nlohmann::json& document);

// Fills client_key and client_frame from the parsed steps (parse_template does this).
void attach_client_frame(format_template& t);

std::string_view to_string(card_writers w);
std::string_view to_string(record_kind k);
std::optional<record_kind> record_kind_from_string(std::string_view text);

nlohmann::json to_json(const localized& text);
nlohmann::json summary_json(const template_summary& s);

} // namespace casecircle::protocol
