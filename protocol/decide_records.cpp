#include "protocol/decide_detail.hpp"
#include "protocol/ids.hpp"
#include "protocol/json_access.hpp"

#include <algorithm>

namespace casecircle::protocol::detail {

namespace {

namespace ja = json_access;
using nlohmann::json;

guard require_presenter(const context& c) {
    if (c.who == nullptr || !c.s.is_presenter(*c.who)) return reject(reject_code::role_forbidden);
    return std::nullopt;
}

// Backing is the team's word on the presenter's decision: participants and experts only.
guard require_team_member(const context& c) {
    if (c.who == nullptr || (c.who->role != role::participant && c.who->role != role::expert))
        return reject(reject_code::role_forbidden);
    return std::nullopt;
}

template <typename T> const rejection* failed(const std::variant<T, rejection>& v) {
    return std::get_if<rejection>(&v);
}

std::variant<std::string, rejection> review_date_field(const context& c) {
    const auto text = ja::string_at(c.fields, "review_date");
    const auto date = text ? parse_date(*text) : std::nullopt;
    if (!date) return reject(reject_code::invalid_date);
    // A Wiedervorlage in the past cannot be kept; today (UTC) is allowed.
    if (days_since_epoch(*date) < days_since_epoch(date_of(c.now)))
        return reject(reject_code::invalid_date);
    return format_date(*date);
}

std::variant<std::vector<std::string>, rejection> obstacles_field(const context& c) {
    std::vector<std::string> out;
    if (!ja::has(c.fields, "obstacles")) return out;
    const auto* list = ja::member(c.fields, "obstacles");
    if (!list->is_array() || list->size() > max_obstacles) return reject_field("obstacles");
    for (const auto& item : *list) {
        const auto text = item.is_string() ? clean_text(item.get<std::string>(),
                                                        text_kind::multi_line, 1, max_card_chars)
                                           : std::nullopt;
        if (!text) return reject_field("obstacles");
        out.push_back(*text);
    }
    return out;
}

// Whether the actor's rating completes the round: everyone else present who is asked has rated.
// The moderator holds the session and may rate, but is not waited for (unless presenting).
bool everyone_else_rated(const context& c) {
    return std::all_of(c.s.participants.begin(), c.s.participants.end(), [&](const participant& p) {
        const bool asked = p.present && p.role != role::observer &&
                           (p.role != role::moderator || c.s.is_presenter(p));
        if (!asked || p.id == c.actor) return true;
        return std::any_of(c.s.prognosis.begin(), c.s.prognosis.end(),
                           [&](const prognosis_entry& e) { return e.participant_id == p.id; });
    });
}

guard require_running_or_draft(const context& c) {
    if (!c.s.started) return reject(reject_code::not_started);
    if (c.s.cancellation) return reject(reject_code::session_cancelled);
    if (c.s.approval) return reject(reject_code::already_approved);
    if (c.s.discard) return reject(reject_code::minutes_discarded);
    return std::nullopt;
}

} // namespace

outcome decide_set_case_summary(const context& c) {
    if (auto r = require_presenter(c)) return *r;
    if (auto r = require_record(c, record_kind::case_summary)) return *r;
    json data = json::object();
    bool any = false;
    for (const auto* part : {"history", "initial_situation", "work_so_far", "service_steering"}) {
        const auto text =
            optional_text_field(c.fields, part, text_kind::multi_line, max_summary_part_chars);
        if (const auto* r = failed(text)) return *r;
        any = any || !std::get<std::string>(text).empty();
        data[part] = std::get<std::string>(text);
    }
    if (!any) return reject_field("history");
    emitter out(c.s, c.actor, c.now);
    out.emit("case_summary_set", std::move(data));
    return collect(out);
}

outcome decide_set_question(const context& c) {
    if (auto r = require_presenter(c)) return *r;
    if (auto r = require_record(c, record_kind::question)) return *r;
    const auto text = text_field(c.fields, "text", text_kind::multi_line, max_question_chars);
    if (const auto* r = failed(text)) return *r;
    emitter out(c.s, c.actor, c.now);
    out.emit("question_set", json{{"text", std::get<std::string>(text)}});
    return collect(out);
}

outcome decide_propose_alternative_question(const context& c) {
    if (auto r = require_not_observer(c)) return *r;
    if (c.s.is_presenter(*c.who)) return reject(reject_code::role_forbidden);
    if (auto r = require_record(c, record_kind::alternative_questions)) return *r;
    const auto text = text_field(c.fields, "text", text_kind::multi_line, max_question_chars);
    if (const auto* r = failed(text)) return *r;
    if (c.s.alternatives.size() >= max_alternatives) return reject(reject_code::limit_reached);
    emitter out(c.s, c.actor, c.now);
    out.emit("alternative_question_proposed",
             json{{"question_id", ids::make('a', c.s.alternatives.size() + 1)},
                  {"text", std::get<std::string>(text)},
                  {"advocatus", writes_as_advocatus(c)}});
    return collect(out);
}

outcome decide_choose_question(const context& c) {
    if (auto r = require_moderator(c)) return *r;
    if (auto r = require_record(c, record_kind::chosen_question)) return *r;
    const auto id = ja::string_at(c.fields, "question_id");
    if (!id) return reject_field("question_id");
    std::string text;
    if (*id == "original" && c.s.question) {
        text = c.s.question->text;
    } else {
        const auto index = ids::index_of(*id, 'a');
        if (!index || *index >= c.s.alternatives.size())
            return reject(reject_code::unknown_question);
        text = c.s.alternatives[*index].text;
    }
    emitter out(c.s, c.actor, c.now);
    out.emit("question_chosen", json{{"question_id", *id}, {"text", text}});
    return collect(out);
}

outcome decide_add_option(const context& c) {
    if (auto r = require_not_observer(c)) return *r;
    if (auto r = require_record(c, record_kind::options)) return *r;
    const auto text = text_field(c.fields, "text", text_kind::multi_line, max_card_chars);
    if (const auto* r = failed(text)) return *r;
    if (c.s.options.size() >= max_options) return reject(reject_code::limit_reached);
    emitter out(c.s, c.actor, c.now);
    out.emit("option_added", json{{"option_id", ids::make('o', c.s.options.size() + 1)},
                                  {"step", c.s.current_step},
                                  {"text", std::get<std::string>(text)},
                                  {"advocatus", writes_as_advocatus(c)}});
    return collect(out);
}

outcome decide_withdraw_option(const context& c) {
    if (auto r = require_not_observer(c)) return *r;
    if (auto r = require_running(c)) return *r;
    const auto* option = c.s.find_option(ja::string_at(c.fields, "option_id").value_or(""));
    if (option == nullptr || option->withdrawn) return reject(reject_code::unknown_option);
    if (option->author != c.who->id) return reject(reject_code::not_author);
    if (option->step != c.s.current_step) return reject(reject_code::step_closed);
    emitter out(c.s, c.actor, c.now);
    out.emit("option_withdrawn", json{{"option_id", option->id}});
    return collect(out);
}

outcome decide_record_decision(const context& c) {
    if (auto r = require_presenter(c)) return *r;
    if (auto r = require_record(c, record_kind::decision)) return *r;
    const auto text = text_field(c.fields, "text", text_kind::multi_line, max_decision_chars);
    if (const auto* r = failed(text)) return *r;
    const auto review = review_date_field(c);
    if (const auto* r = failed(review)) return *r;
    const auto option_id = ja::optional_string_at(c.fields, "option_id");
    if (!option_id) return reject_field("option_id");
    if (*option_id) {
        const auto* option = c.s.find_option(**option_id);
        if (option == nullptr || option->withdrawn) return reject(reject_code::unknown_option);
    }
    emitter out(c.s, c.actor, c.now);
    out.emit("decision_recorded", json{{"text", std::get<std::string>(text)},
                                       {"review_date", std::get<std::string>(review)},
                                       {"option_id", *option_id ? json(**option_id) : json()}});
    return collect(out);
}

outcome decide_state_backing(const context& c) {
    if (auto r = require_team_member(c)) return *r;
    if (auto r = require_record(c, record_kind::backing)) return *r;
    if (!c.s.decision) return reject(reject_code::no_decision);
    const auto vote = ja::string_at(c.fields, "vote").value_or("");
    if (vote != "yes" && vote != "no" && vote != "abstain") return reject_field("vote");
    const auto note = optional_text_field(c.fields, "note", text_kind::multi_line, max_note_chars);
    if (const auto* r = failed(note)) return *r;
    emitter out(c.s, c.actor, c.now);
    out.emit("backing_stated", json{{"vote", vote}, {"note", std::get<std::string>(note)}});
    return collect(out);
}

outcome decide_give_prognosis(const context& c) {
    if (auto r = require_not_observer(c)) return *r;
    if (auto r = require_record(c, record_kind::prognosis)) return *r;
    const auto rating = ja::integer_at(c.fields, "rating");
    if (!rating || *rating < 1 || *rating > 5) return reject_field("rating");
    const auto obstacles = obstacles_field(c);
    if (const auto* r = failed(obstacles)) return *r;
    const auto& texts = std::get<std::vector<std::string>>(obstacles);
    const auto* category = c.s.current()->category_for(record_kind::prognosis);
    if (!texts.empty()) {
        if (category == nullptr) return reject_field("obstacles");
        if (auto r = check_card_write(c, category->key)) return *r;
        if (c.s.cards.size() + texts.size() > max_cards) return reject(reject_code::limit_reached);
    }
    emitter out(c.s, c.actor, c.now);
    out.emit("prognosis_given", json{{"rating", *rating}});
    for (std::size_t i = 0; i < texts.size(); ++i)
        out.emit("card_added", card_added_data(c, c.s.cards.size() + i, category->key, texts[i]));
    if (!c.s.prognosis_revealed && everyone_else_rated(c))
        out.emit("prognosis_revealed", json{{"reason", "all_rated"}});
    return collect(out);
}

// The moderator shows the distribution before everyone has rated (someone does not want to).
outcome decide_reveal_prognosis(const context& c) {
    if (auto r = require_moderator(c)) return *r;
    if (auto r = require_running_or_draft(c)) return *r;
    if (!c.s.format->produces(record_kind::prognosis)) return reject(reject_code::wrong_step);
    if (c.s.prognosis_revealed) return reject(reject_code::already_revealed);
    emitter out(c.s, c.actor, c.now);
    out.emit("prognosis_revealed", json{{"reason", "moderator"}});
    return collect(out);
}

} // namespace casecircle::protocol::detail
