#include "protocol/session_state.hpp"
#include "protocol/state_json_parts.hpp"

namespace casecircle::protocol {

namespace {

using nlohmann::json;

json optional_ms(const std::optional<millis>& value) {
    return value ? json(*value) : json();
}

json optional_text(const std::optional<std::string>& value) {
    return value ? json(*value) : json();
}

json timing_json(const step_timing& t) {
    json visits = json::array();
    for (const auto& v : t.visits)
        visits.push_back({{"started_at", v.started_at}, {"ended_at", optional_ms(v.ended_at)}});
    json pauses = json::array();
    for (const auto& p : t.pauses)
        pauses.push_back({{"from", p.from}, {"to", optional_ms(p.to)}});
    return json{{"visits", visits},
                {"pauses", pauses},
                {"extended_minutes", t.extended_minutes},
                {"active_ms", t.active_ms},
                {"running_since", optional_ms(t.running_since)}};
}

// The per-session half of a step; the rest is in the format's client document (template.hpp).
// Only a written session has deadlines, so a meeting's steps look as they always did.
json step_json(const step_template& s, int number, const step_timing& t, bool written) {
    json out{{"number", number}, {"key", s.key}, {"timer", timing_json(t)}};
    if (written) out["deadline"] = optional_ms(t.deadline);
    return out;
}

// What a countdown needs: the budget, the closed active time and since when it runs.
json timer_json(const session_data& d) {
    if (d.current_step == 0) return json();
    const auto& t = d.timings[static_cast<std::size_t>(d.current_step - 1)];
    return json{{"step", d.current_step},
                {"budget_ms", (d.current()->budget_minutes + t.extended_minutes) * 60'000LL},
                {"active_ms", t.active_ms},
                {"running_since", optional_ms(t.running_since)},
                {"paused_since", optional_ms(d.paused_since)}};
}

json round_json(const session_data& d) {
    if (d.round.step == 0) return json();
    return json{{"step", d.round.step},
                {"order", d.round.order},
                {"turn", optional_text(d.round.turn)},
                {"round", d.round.round},
                {"consecutive_passes", d.round.consecutive_passes}};
}

// A print of every field an element's JSON is made of: it changes whenever that JSON does.
class print_of {
  public:
    print_of& operator<<(std::uint64_t v) {
        h_ = (h_ ^ v) * 1099511628211ull;
        return *this;
    }
    print_of& operator<<(const std::string& text) {
        return *this << std::hash<std::string>{}(text);
    }
    print_of& operator<<(const std::optional<millis>& ms) {
        return *this << (ms ? static_cast<std::uint64_t>(*ms) : 0x9e3779b97f4a7c15ull);
    }
    std::uint64_t value() const { return h_; }

  private:
    std::uint64_t h_ = 14695981039346656037ull;
};

// A session holds hundreds of cards: the marks of a card written beforehand appear only on
// those.
json card_json(const card& c) {
    json out{{"id", c.id},
             {"step", c.step},
             {"category", c.category},
             {"text", c.text},
             {"author", c.author},
             {"advocatus", c.advocatus},
             {"group", c.group.empty() ? json() : json(c.group)},
             {"created_at", c.created_at},
             {"edited_at", optional_ms(c.edited_at)}};
    if (c.written_beforehand) {
        out["written_beforehand"] = true;
        out["author_name"] = c.author_name;
    }
    return out;
}

std::uint64_t card_print(const card& c) {
    print_of p;
    p << c.id << c.category << c.text << c.author << c.group << static_cast<std::uint64_t>(c.step)
      << c.advocatus << static_cast<std::uint64_t>(c.created_at) << c.edited_at
      << c.written_beforehand << c.author_name;
    return p.value();
}

detail::state_array cards_array(const session_data& d) {
    auto live = std::make_shared<std::vector<const card*>>();
    detail::state_array out{"cards", {}, {}};
    for (const auto& c : d.cards)
        if (!c.withdrawn) {
            live->push_back(&c);
            out.prints.push_back(card_print(c));
        }
    out.element = [live](std::size_t i) { return card_json(*(*live)[i]); };
    return out;
}

std::uint64_t step_print(int number, const step_template& s, const step_timing& t) {
    print_of p;
    p << static_cast<std::uint64_t>(number) << s.key << t.visits.size() << t.pauses.size();
    for (const auto& v : t.visits)
        p << static_cast<std::uint64_t>(v.started_at) << v.ended_at;
    for (const auto& x : t.pauses)
        p << static_cast<std::uint64_t>(x.from) << x.to;
    p << static_cast<std::uint64_t>(t.extended_minutes) << static_cast<std::uint64_t>(t.active_ms)
      << t.running_since << t.deadline;
    return p.value();
}

detail::state_array steps_array(const session_data& d) {
    detail::state_array out{"steps", {}, {}};
    for (int n = 1; n <= d.step_count(); ++n)
        out.prints.push_back(step_print(n, *d.step(n), d.timings[static_cast<std::size_t>(n - 1)]));
    out.element = [&d](std::size_t i) {
        const int n = static_cast<int>(i) + 1;
        return step_json(*d.step(n), n, d.timings[i], d.written());
    };
    return out;
}

json participant_json(const session_data& d, const participant& p) {
    return {{"id", p.id},
            {"name", p.name},
            {"role", to_string(p.role)},
            {"present", p.present},
            {"presenter", d.is_presenter(p)},
            {"advocatus", d.advocatus == p.id},
            {"joined_at", p.joined_at},
            {"left_at", optional_ms(p.left_at)},
            {"guest", p.guest},
            {"removed", p.removed}};
}

std::uint64_t participant_print(const session_data& d, const participant& p) {
    print_of x;
    x << p.id << p.name << static_cast<std::uint64_t>(p.role) << p.present << d.is_presenter(p)
      << (d.advocatus == p.id) << static_cast<std::uint64_t>(p.joined_at) << p.left_at << p.guest
      << p.removed;
    return x.value();
}

detail::state_array participants_array(const session_data& d) {
    detail::state_array out{"participants", {}, {}};
    for (const auto& p : d.participants)
        out.prints.push_back(participant_print(d, p));
    out.element = [&d](std::size_t i) { return participant_json(d, d.participants[i]); };
    return out;
}

json groups_json(const session_data& d) {
    json out = json::array();
    for (const auto& g : d.groups)
        out.push_back(
            {{"id", g.id}, {"step", g.step}, {"label", g.label}, {"card_ids", g.card_ids}});
    return out;
}

json question_entry_json(const question_entry& q) {
    return json{{"id", q.id},
                {"text", q.text},
                {"author", q.author},
                {"advocatus", q.advocatus},
                {"at", q.at}};
}

// The case manager's name while a record is still the one prepared beforehand; null once the
// presenter wrote their own.
json prepared_by_json(const session_data& d, const std::string& author) {
    const auto name = d.prepared_by(author);
    return name.empty() ? json() : json(name);
}

json question_json(const session_data& d) {
    json alternatives = json::array();
    for (const auto& q : d.alternatives)
        alternatives.push_back(question_entry_json(q));
    json chosen;
    if (d.chosen)
        chosen = {
            {"question_id", d.chosen->question_id}, {"text", d.chosen->text}, {"at", d.chosen->at}};
    json original;
    if (d.question) {
        original = question_entry_json(*d.question);
        original["prepared_by"] = prepared_by_json(d, d.question->author);
    }
    return json{{"original", original}, {"alternatives", alternatives}, {"chosen", chosen}};
}

json summary_json_of(const session_data& d) {
    if (!d.summary) return json();
    const auto& s = *d.summary;
    return json{{"history", s.history},
                {"initial_situation", s.initial_situation},
                {"work_so_far", s.work_so_far},
                {"service_steering", s.service_steering},
                {"author", s.author},
                {"at", s.at},
                {"prepared_by", prepared_by_json(d, s.author)}};
}

json options_json(const session_data& d) {
    json out = json::array();
    for (const auto& o : d.options) {
        if (o.withdrawn) continue;
        out.push_back({{"id", o.id},
                       {"step", o.step},
                       {"text", o.text},
                       {"author", o.author},
                       {"advocatus", o.advocatus},
                       {"at", o.at}});
    }
    return out;
}

json decision_json(const session_data& d) {
    if (!d.decision) return json();
    const auto& x = *d.decision;
    return json{{"text", x.text},
                {"review_date", x.review_date},
                {"option_id", optional_text(x.option_id)},
                {"author", x.author},
                {"at", x.at}};
}

json backing_json(const session_data& d) {
    json out = json::array();
    for (const auto& b : d.backing)
        out.push_back({{"participant_id", b.participant_id},
                       {"vote", b.vote},
                       {"note", b.note},
                       {"at", b.at}});
    return out;
}

// Until the reveal everyone sees who has rated, nobody the ratings (no anchoring).
json prognosis_json(const session_data& d) {
    json out = json::array();
    for (const auto& p : d.prognosis) {
        json entry{{"participant_id", p.participant_id}, {"at", p.at}};
        if (d.prognosis_revealed) entry["rating"] = p.rating;
        out.push_back(std::move(entry));
    }
    return out;
}

json reveal_json(const session_data& d) {
    if (!d.prognosis_revealed) return json();
    return json{{"by", d.prognosis_revealed->by}, {"at", d.prognosis_revealed->at}};
}

json changes_json(const session_data& d) {
    json out = json::array();
    for (const auto& c : d.changes)
        out.push_back({{"kind", c.kind},
                       {"target", c.target},
                       {"reason", c.reason},
                       {"before", c.before},
                       {"by", c.by},
                       {"at", c.at}});
    return out;
}

// What the next step requires to be present and is lacking now, so that the moderator is told
// before going on.
json presence_check_json(const session_data& d) {
    const auto next = d.current_step + 1;
    const auto* step = d.ended ? nullptr : d.step(next);
    if (step == nullptr || step->requires_present.empty()) return json();
    json required = json::object();
    for (const auto& [who, count] : step->requires_present)
        required[who] = count;
    json missing = json::object();
    for (const auto& [who, count] : d.missing_presence(*step))
        missing[who] = count;
    return json{{"step", next}, {"required", required}, {"missing", missing}};
}

// Card ids of the cards that are a record (feedback, suggestions, prognosis obstacles).
json record_card_ids(const session_data& d, record_kind kind) {
    json out = json::array();
    for (const auto& c : d.cards) {
        if (c.withdrawn) continue;
        const auto* category = d.step(c.step)->find_category(c.category);
        if (category != nullptr && category->record == kind) out.push_back(c.id);
    }
    return out;
}

json result_json(const previous_session& p) {
    if (!p.result) return json();
    return json{{"outcome", p.result->result},
                {"note", p.result->note},
                {"recorded_by", p.result->recorded_by},
                {"recorded_at", p.result->recorded_at}};
}

json previous_json(const session_data& d) {
    if (!d.previous) return json();
    const auto& p = *d.previous;
    return json{{"previous_session_id", p.session_id},
                {"held_on", p.held_on},
                {"question", p.question},
                {"decision", p.decision},
                {"review_date", p.review_date},
                {"prognosis_distribution", p.prognosis_distribution},
                {"linked_at", p.linked_at},
                {"outcome", result_json(p)}};
}

json cancellation_json(const session_data& d) {
    if (!d.cancellation) return json();
    const auto& c = *d.cancellation;
    return json{{"reason", c.reason}, {"note", c.note}, {"by", c.by}, {"at", c.at}};
}

json prepared_json(const session_data& d) {
    if (!d.prepared) return json();
    return json{{"registration_id", d.prepared->registration_id},
                {"prepared_by", d.prepared->prepared_by},
                {"at", d.prepared->at}};
}

json discard_json(const session_data& d) {
    if (!d.discard) return json();
    return json{{"reason", d.discard->reason}, {"by", d.discard->by}, {"at", d.discard->at}};
}

} // namespace

std::vector<detail::state_array> detail::state_arrays(const session_state& state) {
    const auto& d = state.data();
    if (!d.format) return {};
    std::vector<state_array> out;
    out.push_back(steps_array(d));
    out.push_back(participants_array(d));
    out.push_back(cards_array(d));
    return out;
}

nlohmann::json to_json(const session_state& state) {
    auto out = detail::state_json_without_arrays(state);
    for (const auto& a : detail::state_arrays(state)) {
        auto& elements = out[a.key] = json::array();
        for (std::size_t i = 0; i < a.prints.size(); ++i)
            elements.push_back(a.element(i));
    }
    return out;
}

nlohmann::json detail::state_json_without_arrays(const session_state& state) {
    const auto& d = state.data();
    if (!d.format) return json{{"seq", d.last_seq}, {"created", false}};
    return json{
        {"seq", d.last_seq},
        {"created", true},
        {"format", d.format->id},
        {"template_version", d.format->version},
        {"template_key", d.format->client_key},
        {"format_title", to_json(d.format->title)},
        {"format_description", to_json(d.format->description)},
        {"budget_note", d.format->budget_note ? to_json(*d.format->budget_note) : json()},
        {"moderator_presents", d.format->moderator_presents},
        {"advocatus_available", d.format->has_advocatus()},
        {"case_code", d.case_code},
        {"title", d.title},
        {"mode", to_string(d.mode)},
        {"prepared", prepared_json(d)},
        {"created_at", d.created_at},
        {"started", d.started},
        {"started_at", optional_ms(d.started_at)},
        {"ended", d.ended},
        {"ended_at", optional_ms(d.ended_at)},
        {"ended_reason", optional_text(d.ended_reason)},
        {"cancellation", cancellation_json(d)},
        {"paused", d.paused_since.has_value()},
        {"current_step", d.current_step},
        {"timer", timer_json(d)},
        {"advocatus_diaboli", optional_text(d.advocatus)},
        {"round", round_json(d)},
        {"groups", groups_json(d)},
        {"case_summary", summary_json_of(d)},
        {"question", question_json(d)},
        {"options", options_json(d)},
        {"decision", decision_json(d)},
        {"backing", backing_json(d)},
        {"prognosis", prognosis_json(d)},
        {"prognosis_revealed", reveal_json(d)},
        {"prognosis_obstacles", record_card_ids(d, record_kind::prognosis)},
        {"feedback", record_card_ids(d, record_kind::feedback)},
        {"suggestions", record_card_ids(d, record_kind::suggestions)},
        {"previous_session", previous_json(d)},
        {"guests", d.has_guests()},
        {"consent", d.consent ? json{{"by", d.consent->by}, {"at", d.consent->at}} : json()},
        {"minutes_approved", d.approval.has_value()},
        {"approved_at", d.approval ? json(d.approval->at) : json()},
        {"closing_remark", d.approval ? json(d.approval->closing_remark) : json()},
        {"discard", discard_json(d)},
        {"changes", changes_json(d)},
        {"presence_check", presence_check_json(d)}};
}

} // namespace casecircle::protocol
