#include "protocol/decide_detail.hpp"
#include "protocol/ids.hpp"
#include "protocol/json_access.hpp"

#include <algorithm>

namespace casecircle::protocol::detail {

namespace {

namespace ja = json_access;
using nlohmann::json;

bool presenter_has_written(const session_data& s, std::string_view category) {
    return std::any_of(s.cards.begin(), s.cards.end(), [&](const card& k) {
        const auto* author = s.find_participant(k.author);
        return !k.withdrawn && k.step == s.current_step && k.category == category &&
               author != nullptr && s.is_presenter(*author);
    });
}

guard require_writer(const context& c, const step_template& step) {
    switch (step.writers) {
    case card_writers::nobody:
        return reject(reject_code::no_cards_in_step);
    case card_writers::presenter:
        if (!c.s.is_presenter(*c.who)) return reject(reject_code::role_forbidden);
        break;
    case card_writers::experts:
        if (c.who->role != role::expert) return reject(reject_code::role_forbidden);
        break;
    case card_writers::all:
        break;
    }
    return std::nullopt;
}

} // namespace

// Whether the actor may put a card into this category of the current step right now.
guard check_card_write(const context& c, std::string_view category_key) {
    const auto& step = *c.s.current();
    if (auto r = require_writer(c, step)) return r;
    const auto* category = step.find_category(category_key);
    if (category == nullptr) return reject(reject_code::unknown_category);
    const bool scribe_or_presenter = c.who->role == role::moderator || c.s.is_presenter(*c.who);
    if (category->presenter_first && !scribe_or_presenter &&
        !presenter_has_written(c.s, category_key))
        return reject(reject_code::presenter_speaks_first);
    return std::nullopt;
}

nlohmann::json card_added_data(const context& c, std::size_t index, std::string_view category,
                               const std::string& text) {
    return nlohmann::json{{"card_id", ids::make('c', index + 1)},
                          {"step", c.s.current_step},
                          {"category", category},
                          {"text", text},
                          {"advocatus", writes_as_advocatus(c)}};
}

namespace {

// The moderator writes as scribe and never uses up anyone's turn.
guard check_turn(const context& c) {
    if (!c.s.current()->round_robin || !round_open(c.s) || c.who->role == role::moderator)
        return std::nullopt;
    if (*c.s.round.turn != c.who->id) return reject(reject_code::not_your_turn);
    return std::nullopt;
}

outcome add_card_to(const context& c, std::string_view category, std::string_view text_name) {
    if (auto r = check_card_write(c, category)) return *r;
    const auto text = text_field(c.fields, text_name, text_kind::multi_line, max_card_chars);
    if (const auto* r = std::get_if<rejection>(&text)) return *r;
    if (auto r = check_turn(c)) return *r;
    if (c.s.cards.size() >= max_cards) return reject(reject_code::limit_reached);
    emitter out(c.s, c.actor, c.now);
    out.emit("card_added",
             card_added_data(c, c.s.cards.size(), category, std::get<std::string>(text)));
    if (c.s.current()->round_robin && round_open(c.s) && *c.s.round.turn == c.who->id)
        emit_turn_advance(out, c.s, "card");
    return collect(out);
}

outcome add_record_card(const context& c, record_kind kind) {
    if (auto r = require_not_observer(c)) return *r;
    if (auto r = require_running(c)) return *r;
    const auto* category = c.s.current()->category_for(kind);
    if (category == nullptr) return reject(reject_code::wrong_step);
    return add_card_to(c, category->key, "text");
}

// A live card the actor wrote in the step that is open now.
std::variant<const card*, rejection> own_open_card(const context& c) {
    const auto* k = c.s.find_card(ja::string_at(c.fields, "card_id").value_or(""));
    if (k == nullptr || k->withdrawn) return reject(reject_code::unknown_card);
    if (k->author != c.who->id) return reject(reject_code::not_author);
    if (k->step != c.s.current_step) return reject(reject_code::step_closed);
    return k;
}

std::variant<std::vector<std::string>, rejection> card_ids_field(const context& c, int& step) {
    const auto* list = ja::member(c.fields, "card_ids");
    if (list == nullptr || !list->is_array() || list->empty() || list->size() > max_group_size)
        return reject_field("card_ids");
    std::vector<std::string> out;
    for (const auto& item : *list) {
        if (!item.is_string()) return reject_field("card_ids");
        const auto* k = c.s.find_card(item.get<std::string>());
        if (k == nullptr || k->withdrawn) return reject(reject_code::unknown_card);
        if (std::find(out.begin(), out.end(), k->id) != out.end()) return reject_field("card_ids");
        if (!out.empty() && k->step != step) return reject_field("card_ids"); // one step per group
        step = k->step;
        out.push_back(k->id);
    }
    return out;
}

} // namespace

outcome decide_add_card(const context& c) {
    if (auto r = require_not_observer(c)) return *r;
    if (auto r = require_running(c)) return *r;
    const auto category = ja::string_at(c.fields, "category");
    if (!category) return reject_field("category");
    return add_card_to(c, *category, "text");
}

outcome decide_give_feedback(const context& c) {
    return add_record_card(c, record_kind::feedback);
}

outcome decide_suggest_improvement(const context& c) {
    return add_record_card(c, record_kind::suggestions);
}

outcome decide_edit_card(const context& c) {
    if (auto r = require_not_observer(c)) return *r;
    if (auto r = require_running(c)) return *r;
    const auto found = own_open_card(c);
    if (const auto* r = std::get_if<rejection>(&found)) return *r;
    const auto text = text_field(c.fields, "text", text_kind::multi_line, max_card_chars);
    if (const auto* r = std::get_if<rejection>(&text)) return *r;
    emitter out(c.s, c.actor, c.now);
    out.emit("card_edited", json{{"card_id", std::get<const card*>(found)->id},
                                 {"text", std::get<std::string>(text)}});
    return collect(out);
}

outcome decide_withdraw_card(const context& c) {
    if (auto r = require_not_observer(c)) return *r;
    if (auto r = require_running(c)) return *r;
    const auto found = own_open_card(c);
    if (const auto* r = std::get_if<rejection>(&found)) return *r;
    emitter out(c.s, c.actor, c.now);
    out.emit("card_withdrawn", json{{"card_id", std::get<const card*>(found)->id}});
    return collect(out);
}

outcome decide_move_card(const context& c) {
    if (auto r = require_moderator(c)) return *r;
    if (auto r = require_running(c)) return *r;
    const auto* k = c.s.find_card(ja::string_at(c.fields, "card_id").value_or(""));
    if (k == nullptr || k->withdrawn) return reject(reject_code::unknown_card);
    const auto category = ja::string_at(c.fields, "category");
    if (!category) return reject_field("category");
    if (!c.s.step(k->step)->find_category(*category)) return reject(reject_code::unknown_category);
    emitter out(c.s, c.actor, c.now);
    out.emit("card_moved",
             json{{"card_id", k->id}, {"category", *category}, {"from", k->category}});
    return collect(out);
}

outcome decide_group_cards(const context& c) {
    if (auto r = require_moderator(c)) return *r;
    if (auto r = require_running(c)) return *r;
    int step = 0;
    const auto cards = card_ids_field(c, step);
    if (const auto* r = std::get_if<rejection>(&cards)) return *r;
    const auto label = text_field(c.fields, "label", text_kind::single_line, max_label_chars);
    if (const auto* r = std::get_if<rejection>(&label)) return *r;
    if (c.s.groups.size() >= max_groups) return reject(reject_code::limit_reached);
    emitter out(c.s, c.actor, c.now);
    out.emit("cards_grouped", json{{"group_id", ids::make('g', c.s.groups_created + 1)},
                                   {"step", step},
                                   {"label", std::get<std::string>(label)},
                                   {"card_ids", std::get<std::vector<std::string>>(cards)}});
    return collect(out);
}

outcome decide_ungroup_cards(const context& c) {
    if (auto r = require_moderator(c)) return *r;
    if (auto r = require_running(c)) return *r;
    const auto* group = c.s.find_group(ja::string_at(c.fields, "group_id").value_or(""));
    if (group == nullptr) return reject(reject_code::unknown_group);
    emitter out(c.s, c.actor, c.now);
    out.emit("cards_ungrouped", json{{"group_id", group->id}});
    return collect(out);
}

} // namespace casecircle::protocol::detail
