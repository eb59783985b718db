#include "protocol/minutes.hpp"
#include "protocol/draft_targets.hpp"
#include "protocol/text_rules.hpp"

#include <algorithm>
#include <array>

namespace casecircle::protocol {

namespace {

using nlohmann::json;

constexpr int minutes_version = 1;

json optional_ms(const std::optional<millis>& value) {
    return value ? json(*value) : json();
}

millis seconds_of(millis ms) {
    return (std::max<millis>(0, ms) + 500) / 1000;
}

json person(const session_data& d, std::string_view id) {
    const auto* p = d.find_participant(id);
    if (p == nullptr) return json{{"id", id}, {"name", ""}};
    return json{{"id", p->id}, {"name", p->name}};
}

std::string group_label(const session_data& d, const std::string& group_id) {
    const auto* g = d.find_group(group_id);
    return g == nullptr ? std::string() : g->label;
}

// Whoever wrote a record; the system stands for the colleague named in what it carried in.
json author_json(const session_data& d, std::string_view id, const std::string& name_if_system) {
    if (id == system_actor) return json{{"id", id}, {"name", name_if_system}};
    return person(d, id);
}

json prepared_by_json(const session_data& d, std::string_view author) {
    const auto name = d.prepared_by(author);
    return name.empty() ? json() : json(name);
}

json card_json(const session_data& d, const card& c) {
    return json{{"id", c.id},
                {"text", c.text},
                {"author", author_json(d, c.author, c.author_name)},
                {"advocatus", c.advocatus},
                {"written_beforehand", c.written_beforehand},
                {"group", c.group.empty() ? json() : json(group_label(d, c.group))}};
}

json participants_json(const session_data& d) {
    json out = json::array();
    for (const auto& p : d.participants)
        out.push_back({{"id", p.id},
                       {"name", p.name},
                       {"role", to_string(p.role)},
                       {"advocatus", d.advocatus == p.id},
                       {"joined_at", p.joined_at},
                       {"left_at", optional_ms(p.left_at)},
                       {"guest", p.guest}});
    return out;
}

// --- time -------------------------------------------------------------------------------------

struct step_times {
    millis active_ms = 0;
    millis paused_ms = 0;
};

// A stretch still open at the end of the log is counted up to the last event, so that minutes
// of an unfinished session are still a function of the events alone.
step_times times_of(const step_timing& t, millis last_at) {
    step_times out{t.active_ms, 0};
    if (t.running_since) out.active_ms += std::max<millis>(0, last_at - *t.running_since);
    for (const auto& p : t.pauses)
        out.paused_ms += std::max<millis>(0, p.to.value_or(last_at) - p.from);
    return out;
}

json categories_json(const session_data& d, const step_template& s, int number) {
    json out = json::array();
    for (const auto& category : s.categories) {
        json cards = json::array();
        for (const auto& c : d.cards)
            if (!c.withdrawn && c.step == number && c.category == category.key)
                cards.push_back(card_json(d, c));
        out.push_back({{"key", category.key},
                       {"title", to_json(category.title)},
                       {"record", category.record ? json(to_string(*category.record)) : json()},
                       {"cards", cards}});
    }
    return out;
}

json step_json(const session_data& d, int number) {
    const auto& s = *d.step(number);
    const auto& t = d.timings[static_cast<std::size_t>(number - 1)];
    const auto times = times_of(t, d.last_at);
    const auto budget = s.budget_minutes + t.extended_minutes;
    const auto actual = seconds_of(times.active_ms);
    json groups = json::array();
    for (const auto& g : d.groups)
        if (g.step == number)
            groups.push_back({{"id", g.id}, {"label", g.label}, {"card_ids", g.card_ids}});
    // When the step was left for the last time: in writing, the reader compares it with the
    // deadline.
    const auto ended_at = t.visits.empty() ? std::nullopt : t.visits.back().ended_at;
    return json{{"number", number},
                {"key", s.key},
                {"title", to_json(s.title)},
                {"reached", !t.visits.empty()},
                {"visits", t.visits.size()},
                {"advocatus_diaboli", s.advocatus_diaboli},
                {"planned_minutes", s.budget_minutes},
                {"extended_minutes", t.extended_minutes},
                {"budget_minutes", budget},
                {"actual_seconds", actual},
                {"paused_seconds", seconds_of(times.paused_ms)},
                {"overrun_seconds", std::max<millis>(0, actual - budget * 60LL)},
                {"deadline", optional_ms(t.deadline)},
                {"ended_at", optional_ms(ended_at)},
                {"categories", categories_json(d, s, number)},
                {"groups", groups}};
}

json steps_json(const session_data& d) {
    json out = json::array();
    for (int n = 1; n <= d.step_count(); ++n)
        out.push_back(step_json(d, n));
    return out;
}

json timing_json(const json& steps) {
    long long planned = 0, extended = 0, actual = 0, paused = 0, overrun = 0;
    for (const auto& s : steps) {
        planned += s["planned_minutes"].get<long long>();
        extended += s["extended_minutes"].get<long long>();
        actual += s["actual_seconds"].get<long long>();
        paused += s["paused_seconds"].get<long long>();
        overrun += s["overrun_seconds"].get<long long>();
    }
    return json{{"planned_minutes", planned},
                {"extended_minutes", extended},
                {"actual_seconds", actual},
                {"paused_seconds", paused},
                {"overrun_seconds", overrun}};
}

// --- records ----------------------------------------------------------------------------------

json summary_json(const session_data& d) {
    if (!d.summary) return json();
    const auto& s = *d.summary;
    json missing = json::array();
    const std::array<std::pair<const char*, const std::string*>, 4> parts{{
        {"history", &s.history},
        {"initial_situation", &s.initial_situation},
        {"work_so_far", &s.work_so_far},
        {"service_steering", &s.service_steering},
    }};
    json out{{"author", author_json(d, s.author, d.prepared_by(s.author))},
             {"prepared_by", prepared_by_json(d, s.author)}};
    for (const auto& [key, text] : parts) {
        out[key] = *text;
        if (text->empty()) missing.push_back(key);
    }
    out["missing_parts"] = missing;
    return out;
}

json question_json(const session_data& d) {
    json alternatives = json::array();
    for (const auto& q : d.alternatives)
        alternatives.push_back({{"id", q.id},
                                {"text", q.text},
                                {"author", person(d, q.author)},
                                {"advocatus", q.advocatus}});
    json original;
    if (d.question)
        original = {
            {"text", d.question->text},
            {"author", author_json(d, d.question->author, d.prepared_by(d.question->author))},
            {"prepared_by", prepared_by_json(d, d.question->author)}};
    // The valid question is the one the group chose, else the presenter's own.
    json valid;
    if (d.chosen)
        valid = {
            {"question_id", d.chosen->question_id}, {"text", d.chosen->text}, {"chosen", true}};
    else if (d.question)
        valid = {{"question_id", "original"}, {"text", d.question->text}, {"chosen", false}};
    return json{{"original", original}, {"alternatives", alternatives}, {"valid", valid}};
}

json options_json(const session_data& d) {
    json out = json::array();
    for (const auto& o : d.options)
        if (!o.withdrawn)
            out.push_back({{"id", o.id},
                           {"text", o.text},
                           {"author", person(d, o.author)},
                           {"advocatus", o.advocatus}});
    return out;
}

json decision_json(const session_data& d) {
    if (!d.decision) return json();
    const auto& x = *d.decision;
    json option_text;
    if (x.option_id)
        if (const auto* o = d.find_option(*x.option_id)) option_text = o->text;
    return json{{"text", x.text},
                {"review_date", x.review_date},
                {"option_id", x.option_id ? json(*x.option_id) : json()},
                {"option_text", option_text},
                {"decided_by", person(d, x.author)},
                {"decided_at", x.at}};
}

// Who was asked: participants and experts present at the end (or when they left after the
// decision) who said nothing are listed, so silence is visible.
json backing_json(const session_data& d) {
    if (!d.decision) return json();
    json tally{{"yes", 0}, {"no", 0}, {"abstain", 0}};
    json votes = json::array();
    for (const auto& b : d.backing) {
        tally[b.vote] = tally[b.vote].get<int>() + 1;
        votes.push_back(
            {{"participant", person(d, b.participant_id)}, {"vote", b.vote}, {"note", b.note}});
    }
    json silent = json::array();
    for (const auto& p : d.participants) {
        const bool team = p.role == role::participant || p.role == role::expert;
        const bool asked = p.present || (p.left_at && *p.left_at >= d.decision->at);
        const bool stated =
            std::any_of(d.backing.begin(), d.backing.end(),
                        [&](const backing_entry& b) { return b.participant_id == p.id; });
        if (team && asked && !stated) silent.push_back(person(d, p.id));
    }
    return json{{"tally", tally}, {"votes", votes}, {"not_stated", silent}};
}

json record_cards(const session_data& d, record_kind kind) {
    json out = json::array();
    for (const auto& c : d.cards) {
        if (c.withdrawn) continue;
        const auto* category = d.step(c.step)->find_category(c.category);
        if (category != nullptr && category->record == kind) out.push_back(card_json(d, c));
    }
    return out;
}

json prognosis_json(const session_data& d) {
    json distribution{{"1", 0}, {"2", 0}, {"3", 0}, {"4", 0}, {"5", 0}};
    json ratings = json::array();
    for (const auto& p : d.prognosis) {
        const auto key = std::to_string(p.rating);
        distribution[key] = distribution[key].get<int>() + 1;
        ratings.push_back({{"participant", person(d, p.participant_id)}, {"rating", p.rating}});
    }
    json revealed;
    if (d.prognosis_revealed)
        revealed = {
            {"by", d.prognosis_revealed->by.empty() ? json() : person(d, d.prognosis_revealed->by)},
            {"at", d.prognosis_revealed->at}};
    return json{{"distribution", distribution},
                {"count", d.prognosis.size()},
                {"revealed", revealed},
                {"ratings", ratings},
                {"obstacles", record_cards(d, record_kind::prognosis)}};
}

json result_json(const session_data& d, const previous_session& p) {
    if (!p.result) return json();
    return json{{"outcome", p.result->result},
                {"note", p.result->note},
                {"recorded_by", person(d, p.result->recorded_by)},
                {"recorded_at", p.result->recorded_at}};
}

json previous_json(const session_data& d) {
    if (!d.previous) return json();
    const auto& p = *d.previous;
    return json{
        {"session_id", p.session_id},   {"held_on", p.held_on},
        {"question", p.question},       {"decision", p.decision},
        {"review_date", p.review_date}, {"prognosis_distribution", p.prognosis_distribution},
        {"outcome", result_json(d, p)}};
}

// What the moderator changed before approval; a redaction keeps who, when and why, never the text.
json changes_json(const session_data& d) {
    json out = json::array();
    for (const auto& c : d.changes) {
        json change{{"kind", c.kind},
                    {"target", c.target},
                    {"label", draft_targets::label_de(d, c.target)},
                    {"by", person(d, c.by)},
                    {"at", c.at}};
        if (c.kind == "redaction") change["reason"] = c.reason;
        if (c.kind == "correction") change["before"] = c.before;
        out.push_back(std::move(change));
    }
    return out;
}

// Who was present when a step that requires people started, and what was lacking then.
json presence_json(const session_data& d) {
    json out = json::array();
    for (const auto& r : d.presence) {
        json present = json::array();
        for (const auto& id : r.present)
            present.push_back(person(d, id));
        json missing = json::object();
        for (const auto& [who, count] : r.missing)
            missing[who] = count;
        out.push_back({{"step", r.step},
                       {"step_title", to_json(d.step(r.step)->title)},
                       {"present", present},
                       {"missing", missing},
                       {"at", r.at}});
    }
    return out;
}

// What the minutes cannot answer yet: the failure mode "minutes too thin to use" made visible.
json open_points_json(const session_data& d, const json& steps) {
    json out = json::array();
    const auto add = [&](const char* code, const char* de, const char* en) {
        out.push_back({{"code", code}, {"de", de}, {"en", en}});
    };
    if (!d.ended) add("not_ended", "Die Sitzung ist nicht beendet.", "The session has not ended.");
    if (std::any_of(steps.begin(), steps.end(),
                    [](const json& s) { return !s["reached"].get<bool>(); }))
        add("steps_not_reached", "Nicht alle Schritte wurden durchlaufen.",
            "Not every step was reached.");
    if (d.format->produces(record_kind::case_summary) &&
        (!d.summary || !summary_json(d)["missing_parts"].empty()))
        add("case_summary_incomplete", "Die Kurzfassung des Fallberichts ist unvollständig.",
            "The short case report is incomplete.");
    if (d.format->produces(record_kind::question) && !d.question)
        add("no_question", "Es wurde keine Beratungsfrage festgehalten.",
            "No consultation question was recorded.");
    if (d.format->produces(record_kind::decision) && !d.decision)
        add("no_decision", "Es wurde keine Entscheidung mit Wiedervorlage festgehalten.",
            "No decision with a review date was recorded.");
    if (d.format->produces(record_kind::backing) && d.decision &&
        !backing_json(d)["not_stated"].empty())
        add("backing_incomplete", "Nicht alle haben gesagt, ob sie die Entscheidung mittragen.",
            "Not everyone said whether they back the decision.");
    if (d.format->produces(record_kind::prognosis) && d.prognosis.empty())
        add("no_prognosis", "Es wurde keine Prognose abgegeben.", "No prognosis was given.");
    if (d.format->produces(record_kind::feedback) && record_cards(d, record_kind::feedback).empty())
        add("no_feedback", "Zur Qualität der Sitzung wurde nichts festgehalten.",
            "Nothing was recorded on the quality of the session.");
    return out;
}

std::string session_date(const session_data& d, const local_zone& zone) {
    return format_date(local_date_of(zone, d.started_at.value_or(d.created_at)));
}

} // namespace

nlohmann::json build_minutes(const session_state& state, const local_zone& zone) {
    const auto& d = state.data();
    if (!d.format) return json{{"minutes_version", minutes_version}, {"created", false}};
    const auto* moderator = d.moderator();
    const auto steps = steps_json(d);
    json advocatus;
    if (d.advocatus) advocatus = person(d, *d.advocatus);
    return json{{"minutes_version", minutes_version},
                {"created", true},
                {"format",
                 {{"id", d.format->id},
                  {"version", d.format->version},
                  {"title", to_json(d.format->title)}}},
                {"case_code", d.case_code},
                {"title", d.title},
                {"mode", to_string(d.mode)},
                {"prepared", d.prepared ? json{{"registration_id", d.prepared->registration_id},
                                               {"prepared_by", d.prepared->prepared_by}}
                                        : json()},
                {"date", session_date(d, zone)},
                {"time_zone", zone.name},
                {"created_at", d.created_at},
                {"started_at", optional_ms(d.started_at)},
                {"ended_at", optional_ms(d.ended_at)},
                {"ended", d.ended},
                {"last_seq", d.last_seq},
                {"moderator", moderator ? person(d, moderator->id) : json()},
                {"participants", participants_json(d)},
                {"advocatus_diaboli", advocatus},
                {"previous_session", previous_json(d)},
                {"case_summary", summary_json(d)},
                {"question", question_json(d)},
                {"steps", steps},
                {"timing", timing_json(steps)},
                {"options", options_json(d)},
                {"decision", decision_json(d)},
                {"review_date", d.decision ? json(d.decision->review_date) : json()},
                {"backing", backing_json(d)},
                {"prognosis", prognosis_json(d)},
                {"feedback", record_cards(d, record_kind::feedback)},
                {"suggestions", record_cards(d, record_kind::suggestions)},
                {"open_points", open_points_json(d, steps)},
                {"changes", changes_json(d)},
                {"presence", presence_json(d)},
                {"guests", d.has_guests()},
                {"consent", d.consent
                                ? json{{"by", person(d, d.consent->by)}, {"at", d.consent->at}}
                                : json()},
                {"approved", d.approval.has_value()},
                {"approved_at", d.approval ? json(d.approval->at) : json()},
                {"approved_by", d.approval ? person(d, d.approval->by) : json()},
                {"closing_remark", d.approval ? json(d.approval->closing_remark) : json()}};
}

std::variant<nlohmann::json, fold_error> build_minutes(const std::vector<event>& events) {
    auto state = replay(events);
    if (auto* error = std::get_if<fold_error>(&state)) return *error;
    try {
        return build_minutes(std::get<session_state>(state));
    } catch (const std::exception& e) {
        return fold_error{0, std::string("minutes could not be built: ") + e.what()};
    }
}

} // namespace casecircle::protocol
