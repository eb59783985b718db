#include "protocol/template.hpp"
#include "protocol/template_place.hpp"

#include <algorithm>
#include <set>

namespace casecircle::protocol {

namespace {

// Raised inside this file only and turned into a template_error at the boundary: validation
// reads much more plainly when the first problem can simply stop the walk.
struct invalid {
    std::string path;
    std::string message;
    std::string message_de;
};

// German quotation marks around a value the author wrote.
std::string quoted_de(std::string_view text) {
    return "„" + std::string(text) + "“";
}

constexpr int schema_version = 1;
constexpr int max_budget_minutes = 240;
constexpr std::size_t max_steps = 30;
constexpr std::size_t max_categories = 12;
constexpr int max_required_present = 50;

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

    [[noreturn]] void fail(const std::string& en, const std::string& de) const {
        throw invalid{path_, en, de};
    }

    node member(std::string_view key) const {
        const auto it = value_.find(key);
        if (it == value_.end())
            throw invalid{path_ + "/" + pointer_token(key), "is missing", "fehlt"};
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
        if (!value_.is_object()) fail("must be an object", "muss ein Objekt ({…}) sein");
        for (const auto& item : value_.items())
            if (std::find(allowed.begin(), allowed.end(), item.key()) == allowed.end())
                throw invalid{path_ + "/" + pointer_token(item.key()), "is not a known field",
                              "ist kein bekanntes Feld"};
    }

    std::string text(std::size_t max_length = 2000) const {
        if (!value_.is_string()) fail("must be a string", "muss ein Text sein");
        auto s = value_.get<std::string>();
        if (s.find_first_not_of(" \t\n") == std::string::npos)
            fail("must not be empty", "darf nicht leer sein");
        if (s.size() > max_length)
            fail("must be at most " + std::to_string(max_length) + " bytes long",
                 "darf höchstens " + std::to_string(max_length) + " Bytes lang sein (ist " +
                     std::to_string(s.size()) + ")");
        // Team formats come from people's editors, and PostgreSQL's jsonb cannot hold a NUL.
        const auto control = [](unsigned char c) { return (c < 0x20 && c != '\n') || c == 0x7f; };
        if (std::any_of(s.begin(), s.end(), control))
            fail("must not contain control characters (only line breaks)",
                 "darf keine Steuerzeichen enthalten (nur Zeilenumbrüche)");
        return s;
    }

    std::string identifier() const {
        if (!value_.is_string()) fail("must be a string", "muss ein Text sein");
        const auto s = value_.get<std::string>();
        const bool ok = !s.empty() && s.size() <= 40 && std::all_of(s.begin(), s.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        });
        if (!ok)
            fail("must be 1 to 40 characters of a-z, 0-9 and _ (got \"" + s + "\")",
                 "muss aus 1 bis 40 Zeichen bestehen: Kleinbuchstaben a–z ohne Umlaute, Ziffern "
                 "0–9 und _ (ist " +
                     quoted_de(s) + ")");
        return s;
    }

    int integer(int min, int max) const {
        const auto range_de = min == max ? "muss " + std::to_string(min) + " sein"
                                         : "muss eine ganze Zahl zwischen " + std::to_string(min) +
                                               " und " + std::to_string(max) + " sein";
        if (!value_.is_number_integer()) fail("must be an integer", range_de);
        const auto v = value_.get<std::int64_t>();
        if (v < min || v > max)
            fail("must be between " + std::to_string(min) + " and " + std::to_string(max) +
                     " (got " + std::to_string(v) + ")",
                 range_de + " (ist " + std::to_string(v) + ")");
        return static_cast<int>(v);
    }

    bool boolean() const {
        if (!value_.is_boolean()) fail("must be true or false", "muss true oder false sein");
        return value_.get<bool>();
    }

    std::size_t array_size(std::size_t max) const {
        if (!value_.is_array()) fail("must be an array", "muss eine Liste ([…]) sein");
        if (value_.size() > max)
            fail("must have at most " + std::to_string(max) + " entries",
                 "darf höchstens " + std::to_string(max) + " Einträge haben (hat " +
                     std::to_string(value_.size()) + ")");
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
    if (!n.value().is_string()) n.fail("must be a string", "muss ein Text sein");
    const auto s = n.value().get<std::string>();
    for (const auto w :
         {card_writers::all, card_writers::presenter, card_writers::experts, card_writers::nobody})
        if (to_string(w) == s) return w;
    n.fail("must be one of \"all\", \"presenter\", \"experts\", \"nobody\" (got \"" + s + "\")",
           "muss „all“ (alle), „presenter“ (die/der Fallverantwortliche), „experts“ (Fachleute) "
           "oder „nobody“ (niemand) sein (ist " +
               quoted_de(s) + ")");
}

record_kind parse_record(const node& n) {
    if (!n.value().is_string()) n.fail("must be a string", "muss ein Text sein");
    const auto s = n.value().get<std::string>();
    if (const auto kind = record_kind_from_string(s)) return *kind;
    n.fail("is not a known record (got \"" + s +
               "\"; known: case_summary, question, alternative_questions, chosen_question, "
               "options, decision, backing, prognosis, feedback, suggestions)",
           "ist nichts, was festgehalten werden kann (ist " + quoted_de(s) +
               "; möglich: case_summary, question, alternative_questions, chosen_question, "
               "options, decision, backing, prognosis, feedback, suggestions)");
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
            record->fail("only prognosis, feedback and suggestions can be kept as cards",
                         "als Karten lassen sich nur prognosis, feedback und suggestions "
                         "festhalten");
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
            element.member("key").fail("duplicates another category key in this step",
                                       "kommt in diesem Schritt schon als Schlüssel einer anderen "
                                       "Kategorie vor");
        if (category.record && !bound.insert(*category.record).second)
            element.member("record").fail("is already kept in another category of this step",
                                          "wird in diesem Schritt schon in einer anderen "
                                          "Kategorie festgehalten");
        step.categories.push_back(std::move(category));
    }
    if (step.writers != card_writers::nobody && step.categories.empty())
        categories.fail("must not be empty when someone may write cards",
                        "darf nicht leer sein, wenn jemand Karten schreiben darf");
    if (step.writers == card_writers::nobody && !step.categories.empty())
        categories.fail("must be empty when nobody writes cards (writers is \"nobody\")",
                        "muss leer sein, wenn niemand Karten schreibt (wer Karten schreibt: "
                        "„nobody“)");
}

void parse_records(const node& n, step_template& step) {
    const auto count = n.array_size(10);
    for (std::size_t i = 0; i < count; ++i) {
        const auto kind = parse_record(n.element(i));
        if (step.produces(kind)) n.element(i).fail("is listed twice", "steht doppelt in der Liste");
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
                .fail("names a record the step does not list in /records",
                      "nennt etwas, das der Schritt nicht unter „was festgehalten wird“ "
                      "(records) aufführt");
    }
    for (const auto kind : {record_kind::feedback, record_kind::suggestions})
        if (step.produces(kind) && !step.category_for(kind))
            n.member("records").fail("lists \"" + std::string(to_string(kind)) +
                                         "\" but no card category keeps it (add \"record\": \"" +
                                         std::string(to_string(kind)) + "\" to a category)",
                                     "nennt " + quoted_de(to_string(kind)) +
                                         ", aber keine Kartenkategorie hält es fest (bei einer "
                                         "Kategorie \"record\": \"" +
                                         std::string(to_string(kind)) + "\" ergänzen)");
    if (step.round_robin && step.writers == card_writers::nobody)
        n.member("round_robin")
            .fail("needs cards: writers is \"nobody\"",
                  "braucht Karten, aber niemand schreibt welche (wer Karten schreibt: „nobody“)");
}

void parse_requires_present(const node& n, step_template& step) {
    n.expect_object({"others", "expert", "participant"});
    for (const auto* who : {"others", "expert", "participant"})
        if (const auto count = n.optional_member(who))
            step.requires_present.emplace_back(who, count->integer(1, max_required_present));
    if (step.requires_present.empty())
        n.fail("must name \"others\", \"expert\" or \"participant\"",
               "muss „others“ (weitere Teilnehmende), „expert“ (Fachleute) oder „participant“ "
               "(Teilnehmende) nennen");
}

step_template parse_step(const node& n) {
    n.expect_object({"key", "title", "instructions", "moderator_hint", "budget_minutes", "cards",
                     "round_robin", "collect_dont_discuss", "advocatus_diaboli", "records",
                     "requires_present"});
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
    if (const auto required = n.optional_member("requires_present"))
        parse_requires_present(*required, step);
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
                steps.element(i).member("records").fail(
                    "lists \"" + std::string(to_string(kind)) +
                        "\" but no step up to here lists \"" +
                        std::string(to_string(prerequisite)) + "\"",
                    "nennt " + quoted_de(to_string(kind)) +
                        ", aber kein Schritt bis hierher nennt " +
                        quoted_de(to_string(prerequisite)));
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
        if (t->id != stem)
            root.member("id").fail("must equal the file name \"" + stem + "\"",
                                   "muss dem Dateinamen " + quoted_de(stem) + " gleichen");
    }
    t->version = root.member("version").integer(1, 1'000'000);
    t->title = parse_localized(root.member("title"));
    t->description = parse_localized(root.member("description"));
    if (const auto note = root.optional_member("budget_note"))
        t->budget_note = parse_localized(*note);
    t->moderator_presents = optional_bool(root, "moderator_presents");
    const auto steps = root.member("steps");
    const auto count = steps.array_size(max_steps);
    if (count == 0) steps.fail("must have at least one step", "braucht mindestens einen Schritt");
    std::set<std::string> keys;
    for (std::size_t i = 0; i < count; ++i) {
        auto step = parse_step(steps.element(i));
        if (!keys.insert(step.key).second)
            steps.element(i).member("key").fail("duplicates the key of an earlier step",
                                                "wiederholt den Schlüssel eines früheren Schritts");
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
        return template_error{file, e.path, e.message, e.message_de, place_in_words_de(e.path)};
    } catch (const std::exception& e) {
        // Defensive: nothing above should throw anything else, but the caller must never see it.
        return template_error{file, "", std::string("could not be read: ") + e.what(),
                              std::string("konnte nicht gelesen werden: ") + e.what(),
                              place_in_words_de("")};
    }
}

} // namespace casecircle::protocol
