// Cases registered for a circle date: the case manager's drafts of the report and question, and
// the cards colleagues write beforehand for the collecting steps.

#include "protocol/identifying_data.hpp"
#include "server/access.hpp"
#include "server/room.hpp"

#include "server/api_cycle.hpp"
#include "server/api_fields.hpp"

namespace casecircle::server {
namespace {

using json = nlohmann::json;
using protocol::text_kind;

constexpr const char* report_parts[] = {"history", "initial_situation", "work_so_far",
                                        "service_steering"};

bool is_moderator(const api_call& call, std::int64_t team_id) {
    const auto* m = call.account->in_team(team_id);
    return m != nullptr && team_role_may(m->role, team_action::plan_circles);
}

// The four parts of the short report, each ≤4000 characters; unknown parts are refused.
std::optional<json> report_field(field_reader& f, const json& body) {
    const auto it = body.find("report");
    if (it == body.end() || it->is_null()) return std::nullopt;
    const field_reader::words what{
        "Bericht: Vorgeschichte, Ausgangslage, bisherige Arbeit, Leistungssteuerung – je "
        "höchstens 4000 Zeichen.",
        "Report: history, initial situation, work so far, service steering – at most 4000 "
        "characters each."};
    if (!it->is_object()) {
        f.fail("report", what);
        return std::nullopt;
    }
    json out = json::object();
    for (const auto* part : report_parts)
        out[part] = "";
    for (const auto& [key, value] : it->items()) {
        if (!out.contains(key) || !value.is_string()) {
            f.fail("report", what);
            return std::nullopt;
        }
        const auto cleaned = protocol::clean_text(value.get<std::string>(), text_kind::multi_line,
                                                  0, protocol::max_summary_part_chars);
        if (!cleaned) { // the part, so that a form can point at its field
            f.fail("report/" + key, what);
            return std::nullopt;
        }
        out[key] = *cleaned;
    }
    return out;
}

// A case code that looks like it names someone is refused in words unless the person confirmed
// (`confirm_identifying: true`) that no real person is meant.
std::optional<api_response> identifying_refusal(const api_call& call, const std::string& code) {
    const auto confirmed = call.body.find("confirm_identifying");
    if (confirmed != call.body.end() && confirmed->is_boolean() && confirmed->get<bool>())
        return std::nullopt;
    const auto found = protocol::find_identifying(code, protocol::date_of(now_ms()));
    if (found.empty()) return std::nullopt;
    json findings = json::array();
    for (const auto& x : found)
        findings.push_back({{"kind", x.kind}, {"text", x.text}});
    return json_response({{"error",
                           {{"code", "looks_identifying"},
                            {"field", "case_code"},
                            {"findings", findings},
                            {"message", "Der Fallcode sieht nach Angaben aus, die eine Person "
                                        "erkennbar machen: " +
                                            protocol::describe_findings(found, true) +
                                            ". Bitte verwenden Sie ein Pseudonym – oder "
                                            "bestätigen Sie, dass keine echte Person gemeint ist."},
                            {"message_en", "The case code looks like details that identify a "
                                           "person: " +
                                               protocol::describe_findings(found, false) +
                                               ". Please use a pseudonym – or confirm that no "
                                               "real person is meant."}}}},
                         400);
}

// Question, report, format and time needed, each optional.
db::registration_draft draft_fields(api_call& call, field_reader& f) {
    db::registration_draft d;
    d.question = f.text("question", text_kind::multi_line, 0, protocol::max_question_chars, false,
                        {"Beratungsfrage: höchstens 500 Zeichen.",
                         "Consultation question: at most 500 characters."});
    d.report = report_field(f, call.body);
    d.format = f.text("format", text_kind::single_line, 1, 100, false,
                      {"Ein Format, das es gibt.", "A format that exists."});
    if (d.format && known_format(call, *d.format) == nullptr) {
        f.fail("format", {"Ein Format, das es gibt.", "A format that exists."});
        d.format.reset();
    }
    const auto minutes =
        f.integer("minutes_needed", 5, 480, false,
                  {"Benötigte Zeit in Minuten, 5 bis 480.", "Time needed in minutes, 5 to 480."});
    if (minutes) d.minutes_needed = static_cast<int>(*minutes);
    return d;
}

} // namespace

api_response register_case(api_call& call, std::int64_t team_id, const path_ids& ids) {
    field_reader f(call.body);
    db::new_registration r;
    r.team_id = team_id;
    r.date_id = ids[0];
    r.registered_by = call.account->user_id;
    r.after_cutoff = is_moderator(call, team_id);
    const auto code = call.text_field("case_code");
    const auto cleaned = protocol::clean_case_code(code);
    if (!cleaned)
        f.fail("case_code", {"Fallcode: 1 bis 40 Zeichen aus Buchstaben, Ziffern und - _ . /, mit "
                             "mindestens einer Ziffer – nie der Name der Klientin oder des "
                             "Klienten.",
                             "Case code: 1 to 40 letters, digits and - _ . /, with at least one "
                             "digit – never the client's name."});
    r.draft = draft_fields(call, f);
    if (!r.draft.format) f.fail("format", {"Ein Format, das es gibt.", "A format that exists."});
    if (f.failed()) return f.error();
    if (auto refusal = identifying_refusal(call, *cleaned)) return *refusal;
    r.case_code = *cleaned;
    r.format = *r.draft.format;
    if (!r.draft.minutes_needed)
        r.draft.minutes_needed = known_format(call, r.format)->total_budget_minutes();
    const auto done = db::register_case(call.conn, r);
    if (done.refusal != db::cycle_refusal::none) return refused(done.refusal);
    call.audit(team_id, "case_registered", std::to_string(done.id),
               {{"date_id", r.date_id}, {"case_code", r.case_code}});
    return json_response(db::registration_detail(call.conn, team_id, done.id), 201);
}

api_response show_registration(api_call& call, std::int64_t team_id, const path_ids& ids) {
    auto detail = db::registration_detail(call.conn, team_id, ids[0]);
    if (detail.is_null()) return api_error(404, "unknown_registration");
    call.audit(team_id, "registration_read", std::to_string(ids[0]));
    return json_response(detail);
}

api_response change_registration(api_call& call, std::int64_t team_id, const path_ids& ids) {
    field_reader f(call.body);
    const auto draft = draft_fields(call, f);
    if (f.failed()) return f.error();
    const auto done = db::update_registration(call.conn, team_id, ids[0], call.account->user_id,
                                              is_moderator(call, team_id), draft);
    if (done != db::cycle_refusal::none) return refused(done);
    call.audit(team_id, "registration_changed", std::to_string(ids[0]));
    return json_response(db::registration_detail(call.conn, team_id, ids[0]));
}

api_response withdraw_registration(api_call& call, std::int64_t team_id, const path_ids& ids) {
    const auto done = db::withdraw_registration(call.conn, team_id, ids[0], call.account->user_id,
                                                is_moderator(call, team_id));
    if (done != db::cycle_refusal::none) return refused(done);
    call.audit(team_id, "registration_withdrawn", std::to_string(ids[0]));
    return json_response({{"withdrawn", true}});
}

api_response add_prepared_card(api_call& call, std::int64_t team_id, const path_ids& ids) {
    const auto registration = db::registration_detail(call.conn, team_id, ids[0]);
    if (registration.is_null()) return api_error(404, "unknown_registration");
    const auto* format = known_format(call, registration["format"].get<std::string>());
    field_reader f(call.body);
    const auto step = f.integer("step", 1, 40, true,
                                {"Ein Schritt des Formats, in dem Karten geschrieben werden.",
                                 "A step of the format in which cards are written."});
    const protocol::step_template* s =
        step && format != nullptr && *step <= static_cast<std::int64_t>(format->steps.size())
            ? &format->steps[static_cast<std::size_t>(*step - 1)]
            : nullptr;
    if (step && (s == nullptr || s->writers == protocol::card_writers::nobody))
        f.fail("step", {"Ein Schritt des Formats, in dem Karten geschrieben werden.",
                        "A step of the format in which cards are written."});
    const auto category = f.text("category", text_kind::single_line, 1, 100, true,
                                 {"Eine Kategorie dieses Schritts.", "A category of this step."});
    if (category && s != nullptr && s->find_category(*category) == nullptr)
        f.fail("category", {"Eine Kategorie dieses Schritts.", "A category of this step."});
    const auto text = f.text("text", text_kind::multi_line, 1, protocol::max_card_chars, true,
                             {"Kartentext: 1 bis 500 Zeichen.", "Card text: 1 to 500 characters."});
    if (f.failed()) return f.error();
    const auto done = db::add_prepared_card(call.conn, team_id, ids[0], call.account->user_id,
                                            static_cast<int>(*step), *category, *text);
    if (done.refusal != db::cycle_refusal::none) return refused(done.refusal);
    call.audit(team_id, "prepared_card_added", std::to_string(ids[0]), {{"card_id", done.id}});
    return json_response({{"card_id", done.id}}, 201);
}

api_response delete_prepared_card(api_call& call, std::int64_t team_id, const path_ids& ids) {
    const auto done = db::delete_prepared_card(call.conn, team_id, ids[0], ids[1],
                                               call.account->user_id, is_moderator(call, team_id));
    if (done != db::cycle_refusal::none) return refused(done);
    call.audit(team_id, "prepared_card_deleted", std::to_string(ids[0]), {{"card_id", ids[1]}});
    return json_response({{"deleted", true}});
}

} // namespace casecircle::server
