#include "protocol/draft_targets.hpp"

#include "protocol/identifying_data.hpp"
#include "protocol/ids.hpp"
#include "protocol/minutes_labels.hpp"

#include <type_traits>

namespace casecircle::protocol::draft_targets {

namespace {

std::string_view after_prefix(std::string_view target, std::string_view prefix) {
    return target.starts_with(prefix) ? target.substr(prefix.size()) : std::string_view();
}

template <typename Items>
auto indexed(Items& items, std::string_view id, char prefix) -> decltype(&items[0]) {
    const auto index = ids::index_of(id, prefix);
    if (!index || *index >= items.size()) return nullptr;
    return &items[*index];
}

template <typename Data,
          typename Text = std::conditional_t<std::is_const_v<Data>, const std::string, std::string>>
Text* summary_part(Data& d, std::string_view part) {
    if (!d.summary) return nullptr;
    if (part == "history") return &d.summary->history;
    if (part == "initial_situation") return &d.summary->initial_situation;
    if (part == "work_so_far") return &d.summary->work_so_far;
    if (part == "service_steering") return &d.summary->service_steering;
    return nullptr;
}

// The chosen question keeps a copy of the text it was chosen with.
template <typename Data, typename Text>
void add_chosen_copy(Data& d, std::string_view question_id, std::vector<Text*>& out) {
    if (d.chosen && d.chosen->question_id == question_id) out.push_back(&d.chosen->text);
}

template <typename Data,
          typename Text = std::conditional_t<std::is_const_v<Data>, const std::string, std::string>>
std::vector<Text*> find_texts(Data& d, std::string_view target) {
    std::vector<Text*> out;
    const auto add = [&out](Text* text) {
        if (text != nullptr) out.push_back(text);
    };
    if (target == "title") {
        add(&d.title);
    } else if (target == "case_code") {
        add(&d.case_code);
    } else if (const auto id = after_prefix(target, "card:"); !id.empty()) {
        if (auto* c = indexed(d.cards, id, 'c')) add(&c->text);
    } else if (const auto part = after_prefix(target, "summary:"); !part.empty()) {
        add(summary_part(d, part));
    } else if (target == "question") {
        if (d.question) add(&d.question->text);
        if (!out.empty()) add_chosen_copy(d, "original", out);
    } else if (const auto alt = after_prefix(target, "alternative:"); !alt.empty()) {
        if (auto* q = indexed(d.alternatives, alt, 'a')) {
            add(&q->text);
            add_chosen_copy(d, q->id, out);
        }
    } else if (const auto option = after_prefix(target, "option:"); !option.empty()) {
        if (auto* o = indexed(d.options, option, 'o')) add(&o->text);
    } else if (target == "decision") {
        if (d.decision) add(&d.decision->text);
    } else if (const auto who = after_prefix(target, "backing:"); !who.empty()) {
        for (auto& b : d.backing)
            if (b.participant_id == who && !b.note.empty()) add(&b.note);
    }
    return out;
}

} // namespace

std::vector<std::string*> texts(session_data& d, std::string_view target) {
    return find_texts(d, target);
}

std::vector<const std::string*> texts(const session_data& d, std::string_view target) {
    return find_texts(d, target);
}

target_info info(std::string_view target) {
    if (target == "title") return {max_title_chars, true, true, text_kind::single_line};
    if (target == "case_code") return {max_case_code_chars, true, false, text_kind::single_line};
    if (target.starts_with("card:")) return {max_card_chars, false, true, text_kind::multi_line};
    if (target.starts_with("summary:"))
        return {max_summary_part_chars, true, true, text_kind::multi_line};
    if (target == "question" || target.starts_with("alternative:"))
        return {max_question_chars, true, true, text_kind::multi_line};
    if (target.starts_with("option:")) return {max_card_chars, true, true, text_kind::multi_line};
    if (target == "decision") return {max_decision_chars, true, true, text_kind::multi_line};
    if (target.starts_with("backing:")) return {max_note_chars, true, true, text_kind::multi_line};
    return {};
}

std::vector<std::string> all(const session_data& d) {
    std::vector<std::string> out{"case_code", "title"};
    if (d.summary)
        for (const auto& [key, heading] : case_summary_parts_de)
            out.push_back(std::string("summary:") + key);
    if (d.question) out.emplace_back("question");
    for (const auto& q : d.alternatives)
        out.push_back("alternative:" + q.id);
    for (const auto& c : d.cards)
        if (!c.withdrawn) out.push_back("card:" + c.id);
    for (const auto& o : d.options)
        if (!o.withdrawn) out.push_back("option:" + o.id);
    if (d.decision) out.emplace_back("decision");
    for (const auto& b : d.backing)
        if (!b.note.empty()) out.push_back("backing:" + b.participant_id);
    return out;
}

nlohmann::json identifying_findings(const session_data& d, const civil_date& today) {
    auto out = nlohmann::json::array();
    for (const auto& target : all(d)) {
        const auto held = texts(d, target);
        if (held.empty()) continue;
        for (const auto& f : find_identifying(*held.front(), today))
            out.push_back({{"kind", f.kind},
                           {"text", f.text},
                           {"target", target},
                           {"label", label_de(d, target)}});
    }
    return out;
}

std::string label_de(const session_data& d, std::string_view target) {
    const auto with = [](const char* words, std::string_view id) {
        return std::string(words) + " " + std::string(id);
    };
    if (target == "title") return "Titel";
    if (target == "case_code") return "Fallcode";
    if (target == "question") return "Beratungsfrage";
    if (target == "decision") return "Entscheidung";
    if (const auto id = after_prefix(target, "card:"); !id.empty()) return with("Karte", id);
    if (const auto id = after_prefix(target, "alternative:"); !id.empty())
        return with("Alternative Frage", id);
    if (const auto id = after_prefix(target, "option:"); !id.empty()) return with("Option", id);
    if (const auto id = after_prefix(target, "backing:"); !id.empty()) {
        const auto* who = d.find_participant(id);
        return with("Anmerkung zum Mittragen von", who != nullptr ? who->name : id);
    }
    const auto part = after_prefix(target, "summary:");
    for (const auto& [key, heading] : case_summary_parts_de)
        if (part == key) return std::string("Kurzfassung: ") + heading;
    return std::string(target);
}

} // namespace casecircle::protocol::draft_targets
