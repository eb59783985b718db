#include "protocol/template.hpp"

#include <algorithm>
#include <set>

namespace casecircle::protocol {

namespace {

// Raised inside this file only and turned into a template_error at the boundary: validation
// reads much more plainly when the first problem can simply stop the walk.
struct invalid {
    std::string path;
    std::string message;
};

constexpr int schema_version = 1;
constexpr int max_budget_minutes = 240;
constexpr std::size_t max_steps = 30;
constexpr std::size_t max_categories = 12;

// RFC 6901: "~" and "/" inside a key must not read as path syntax.
std::string pointer_token(std::string_view key) {
    std::string out;
    for (const char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

class node {
  public:
    node(const nlohmann::json& value, std::string path) : value_(value), path_(std::move(path)) {}

    const nlohmann::json& value() const { return value_; }
    const std::string& path() const { return path_; }

    [[noreturn]] void fail(const std::string& message) const { throw invalid{path_, message}; }

    node member(std::string_view key) const {
        const auto it = value_.find(key);
        if (it == value_.end()) throw invalid{path_ + "/" + pointer_token(key), "is missing"};
        return node(*it, path_ + "/" + pointer_token(key));
    }

    std::optional<node> optional_member(std::string_view key) const {
        const auto it = value_.find(key);
        if (it == value_.end()) return std::nullopt;
        return node(*it, path_ + "/" + pointer_token(key));
    }

    node element(std::size_t index) const {
        return node(value_[index], path_ + "/" + std::to_string(index));
    }

    void expect_object(std::initializer_list<std::string_view> allowed) const {
        if (!value_.is_object()) fail("must be an object");
        for (const auto& item : value_.items())
            if (std::find(allowed.begin(), allowed.end(), item.key()) == allowed.end())
                throw invalid{path_ + "/" + pointer_token(item.key()), "is not a known field"};
    }

    std::string text(std::size_t max_length = 2000) const {
        if (!value_.is_string()) fail("must be a string");
        auto s = value_.get<std::string>();
        if (s.find_first_not_of(" \t\n") == std::string::npos) fail("must not be empty");
        if (s.size() > max_length)
            fail("must be at most " + std::to_string(max_length) + " bytes long");
        return s;
    }

    std::string identifier() const {
        if (!value_.is_string()) fail("must be a string");
        const auto s = value_.get<std::string>();
        const bool ok = !s.empty() && s.size() <= 40 && std::all_of(s.begin(), s.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        });
        if (!ok) fail("must be 1 to 40 characters of a-z, 0-9 and _ (got \"" + s + "\")");
        return s;
    }

    int integer(int min, int max) const {
        if (!value_.is_number_integer()) fail("must be an integer");
        const auto v = value_.get<std::int64_t>();
        if (v < min || v > max)
            fail("must be between " + std::to_string(min) + " and " + std::to_string(max) +
                 " (got " + std::to_string(v) + ")");
        return static_cast<int>(v);
    }

    bool boolean() const {
        if (!value_.is_boolean()) fail("must be true or false");
        return value_.get<bool>();
    }

    std::size_t array_size(std::size_t max) const {
        if (!value_.is_array()) fail("must be an array");
        if (value_.size() > max) fail("must have at most " + std::to_string(max) + " entries");
        return value_.size();
    }

  private:
    const nlohmann::json& value_;
    std::string path_;
};

localized parse_localized(const node& n) {
    n.expect_object({"de", "en"});
    return {n.member("de").text(), n.member("en").text()};
}

bool optional_bool(const node& parent, std::string_view key) {
    const auto n = parent.optional_member(key);
    return n ? n->boolean() : false;
}

card_writers parse_writers(const node& n) {
    if (!n.value().is_string()) n.fail("must be a string");
    const auto s = n.value().get<std::string>();
    for (const auto w :
         {card_writers::all, card_writers::presenter, card_writers::experts, card_writers::nobody})
        if (to_string(w) == s) return w;
    n.fail("must be one of \"all\", \"presenter\", \"experts\", \"nobody\" (got \"" + s + "\")");
}

record_kind parse_record(const node& n) {
    if (!n.value().is_string()) n.fail("must be a string");
    const auto s = n.value().get<std::string>();
    if (const auto kind = record_kind_from_string(s)) return *kind;
    n.fail("is not a known record (got \"" + s +
           "\"; known: case_summary, question, alternative_questions, chosen_question, options, "
           "decision, backing, prognosis, feedback, suggestions)");
}

card_category parse_category(const node& n) {
    n.expect_object({"key", "title", "record", "presenter_first"});
    card_category c;
    c.key = n.member("key").identifier();
    c.title = parse_localized(n.member("title"));
    if (const auto record = n.optional_member("record")) {
        c.record = parse_record(*record);
        const auto r = *c.record;
        if (r != record_kind::prognosis && r != record_kind::feedback &&
            r != record_kind::suggestions)
            record->fail("only prognosis, feedback and suggestions can be kept as cards");
    }
    c.presenter_first = optional_bool(n, "presenter_first");
    return c;
}

void parse_cards(const node& n, step_template& step) {
    n.expect_object({"writers", "categories"});
    step.writers = parse_writers(n.member("writers"));
    const auto categories = n.member("categories");
    const auto count = categories.array_size(max_categories);
    std::set<std::string> keys;
    std::set<record_kind> bound;
    for (std::size_t i = 0; i < count; ++i) {
        const auto element = categories.element(i);
        auto category = parse_category(element);
        if (!keys.insert(category.key).second)
            element.member("key").fail("duplicates another category key in this step");
        if (category.record && !bound.insert(*category.record).second)
            element.member("record").fail("is already kept in another category of this step");
        step.categories.push_back(std::move(category));
    }
    if (step.writers != card_writers::nobody && step.categories.empty())
        categories.fail("must not be empty when someone may write cards");
    if (step.writers == card_writers::nobody && !step.categories.empty())
        categories.fail("must be empty when nobody writes cards (writers is \"nobody\")");
}

void parse_records(const node& n, step_template& step) {
    const auto count = n.array_size(10);
    for (std::size_t i = 0; i < count; ++i) {
        const auto kind = parse_record(n.element(i));
        if (step.produces(kind)) n.element(i).fail("is listed twice");
        step.records.push_back(kind);
    }
}

void check_step_consistency(const node& n, const step_template& step) {
    for (std::size_t i = 0; i < step.categories.size(); ++i) {
        const auto& c = step.categories[i];
        if (c.record && !step.produces(*c.record))
            n.member("cards")
                .member("categories")
                .element(i)
                .member("record")
                .fail("names a record the step does not list in /records");
    }
    for (const auto kind : {record_kind::feedback, record_kind::suggestions})
        if (step.produces(kind) && !step.category_for(kind))
            n.member("records").fail("lists \"" + std::string(to_string(kind)) +
                                     "\" but no card category keeps it (add \"record\": \"" +
                                     std::string(to_string(kind)) + "\" to a category)");
    if (step.round_robin && step.writers == card_writers::nobody)
        n.member("round_robin").fail("needs cards: writers is \"nobody\"");
}

step_template parse_step(const node& n) {
    n.expect_object({"key", "title", "instructions", "moderator_hint", "budget_minutes", "cards",
                     "round_robin", "collect_dont_discuss", "advocatus_diaboli", "records"});
    step_template step;
    step.key = n.member("key").identifier();
    step.title = parse_localized(n.member("title"));
    step.instructions = parse_localized(n.member("instructions"));
    step.moderator_hint = parse_localized(n.member("moderator_hint"));
    step.budget_minutes = n.member("budget_minutes").integer(1, max_budget_minutes);
    parse_cards(n.member("cards"), step);
    step.round_robin = n.member("round_robin").boolean();
    step.collect_dont_discuss = n.member("collect_dont_discuss").boolean();
    step.advocatus_diaboli = n.member("advocatus_diaboli").boolean();
    parse_records(n.member("records"), step);
    check_step_consistency(n, step);
    return step;
}

// A record that builds on another needs that one in the same or an earlier step.
void check_record_order(const node& steps, const format_template& t) {
    const std::pair<record_kind, record_kind> needs[] = {
        {record_kind::alternative_questions, record_kind::question},
        {record_kind::chosen_question, record_kind::question},
        {record_kind::backing, record_kind::decision},
    };
    std::set<record_kind> seen;
    for (std::size_t i = 0; i < t.steps.size(); ++i) {
        for (const auto kind : t.steps[i].records)
            seen.insert(kind);
        for (const auto& [kind, prerequisite] : needs)
            if (t.steps[i].produces(kind) && !seen.count(prerequisite))
                steps.element(i).member("records").fail("lists \"" + std::string(to_string(kind)) +
                                                        "\" but no step up to here lists \"" +
                                                        std::string(to_string(prerequisite)) +
                                                        "\"");
    }
}

std::shared_ptr<const format_template> parse_document(std::string_view file_name,
                                                      const nlohmann::json& document) {
    const node root(document, "");
    root.expect_object({"schema_version", "id", "version", "title", "description", "budget_note",
                        "moderator_presents", "steps"});
    root.member("schema_version").integer(schema_version, schema_version);
    auto t = std::make_shared<format_template>();
    t->id = root.member("id").identifier();
    if (!file_name.empty()) {
        auto stem = std::string(file_name);
        if (stem.size() > 5 && stem.ends_with(".json")) stem.resize(stem.size() - 5);
        if (t->id != stem) root.member("id").fail("must equal the file name \"" + stem + "\"");
    }
    t->version = root.member("version").integer(1, 1'000'000);
    t->title = parse_localized(root.member("title"));
    t->description = parse_localized(root.member("description"));
    if (const auto note = root.optional_member("budget_note"))
        t->budget_note = parse_localized(*note);
    t->moderator_presents = optional_bool(root, "moderator_presents");
    const auto steps = root.member("steps");
    const auto count = steps.array_size(max_steps);
    if (count == 0) steps.fail("must have at least one step");
    std::set<std::string> keys;
    for (std::size_t i = 0; i < count; ++i) {
        auto step = parse_step(steps.element(i));
        if (!keys.insert(step.key).second)
            steps.element(i).member("key").fail("duplicates the key of an earlier step");
        t->steps.push_back(std::move(step));
    }
    check_record_order(steps, *t);
    t->source = document;
    attach_client_frame(*t);
    return t;
}

} // namespace

std::variant<std::shared_ptr<const format_template>, template_error>
parse_template(std::string_view file_name, const nlohmann::json& document) {
    const std::string file =
        file_name.empty() ? std::string("(embedded template)") : std::string(file_name);
    try {
        return parse_document(file_name, document);
    } catch (const invalid& e) {
        return template_error{file, e.path, e.message};
    } catch (const std::exception& e) {
        // Defensive: nothing above should throw anything else, but the caller must never see it.
        return template_error{file, "", std::string("could not be read: ") + e.what()};
    }
}

} // namespace casecircle::protocol
