#include "protocol/change_labels.hpp"
#include "protocol/minutes.hpp"
#include "protocol/minutes_labels.hpp"
#include "protocol/text_rules.hpp"

#include <cstdio>
#include <sstream>

namespace casecircle::protocol {

namespace {

using nlohmann::json;

const json& at(const json& j, const char* key) {
    static const json null_value;
    if (!j.is_object()) return null_value;
    const auto it = j.find(key);
    return it == j.end() ? null_value : *it;
}

std::string str(const json& j, const char* key) {
    const auto& v = at(j, key);
    return v.is_string() ? v.get<std::string>() : std::string();
}

long long num(const json& j, const char* key) {
    const auto& v = at(j, key);
    return v.is_number_integer() ? v.get<long long>() : 0;
}

bool flag(const json& j, const char* key) {
    const auto& v = at(j, key);
    return v.is_boolean() && v.get<bool>();
}

const json& items(const json& j, const char* key) {
    static const json empty = json::array();
    const auto& v = at(j, key);
    return v.is_array() ? v : empty;
}

// User text must not turn into Markdown structure (a card starting with "#" or holding "|").
std::string escape(const std::string& text) {
    std::string out;
    for (const char c : text) {
        if (c == '\n') {
            out += "  \n  ";
            continue;
        }
        if (c == '\r') continue;
        if (std::string_view("\\`*_[]<>|#").find(c) != std::string_view::npos) out += '\\';
        out += c;
    }
    return out;
}

std::string name_of(const json& person) {
    return escape(str(person, "name"));
}

std::string card_line(const json& c) {
    std::string line = "- " + escape(str(c, "text")) + " — " + name_of(at(c, "author"));
    if (flag(c, "advocatus")) line += " *(Advocatus Diaboli)*";
    if (flag(c, "written_beforehand")) line += std::string(" *(") + written_beforehand_de + ")*";
    if (at(c, "group").is_string()) line += " · Gruppe: " + escape(str(c, "group"));
    return line + "\n";
}

void cards_section(std::ostream& out, const char* heading, const json& cards) {
    out << "\n## " << heading << "\n\n";
    if (cards.empty()) out << "Keine Einträge.\n";
    for (const auto& c : cards)
        out << card_line(c);
}

void header(std::ostream& out, const json& m, const local_zone& z) {
    out << "# Protokoll: " << escape(str(at(at(m, "format"), "title"), "de")) << "\n\n";
    out << "- **Fallcode:** " << escape(str(m, "case_code")) << "\n";
    if (!str(m, "title").empty()) out << "- **Titel:** " << escape(str(m, "title")) << "\n";
    if (str(m, "mode") == "written") out << "- **Form:** " << written_mode_de << "\n";
    out << "- **Datum:** " << session_date_label(m) << "\n";
    out << "- **Beginn:** " << clock_time_label(at(m, "started_at"), z) << "\n";
    out << "- **Ende:** " << clock_time_label(at(m, "ended_at"), z) << "\n";
    out << "- **Zeitzone:** " << escape(z.name) << "\n";
    out << "- **Moderation:** " << name_of(at(m, "moderator")) << "\n";
    if (at(m, "advocatus_diaboli").is_object())
        out << "- **Advocatus Diaboli:** " << name_of(at(m, "advocatus_diaboli")) << "\n";
}

void participants(std::ostream& out, const json& m, const local_zone& z) {
    out << "\n## Teilnehmende\n\n";
    for (const auto& p : items(m, "participants")) {
        out << "- " << escape(str(p, "name")) << " — " << role_label_de(str(p, "role"));
        if (flag(p, "advocatus")) out << ", Advocatus Diaboli";
        if (flag(p, "guest")) out << " (Gast einer anderen Organisation)";
        if (at(p, "left_at").is_number_integer()) out << " (hat die Sitzung verlassen)";
        out << "\n";
    }
    if (!flag(m, "guests")) return;
    const auto& consent = at(m, "consent");
    if (consent.is_object())
        out << "\nEinwilligung der Klientin/des Klienten zur Besprechung mit Gästen bestätigt von "
            << name_of(at(consent, "by")) << " am " << clock_time_label(at(consent, "at"), z)
            << ".\n";
    else
        out << "\n*Gäste nahmen teil; eine Einwilligung ist nicht festgehalten.*\n";
}

void previous(std::ostream& out, const json& m) {
    const auto& p = at(m, "previous_session");
    if (!p.is_object()) return;
    out << "\n## Letzte Besprechung dieses Falls\n\n";
    if (!str(p, "held_on").empty()) out << "- **Datum:** " << str(p, "held_on") << "\n";
    if (!str(p, "question").empty())
        out << "- **Beratungsfrage:** " << escape(str(p, "question")) << "\n";
    out << "- **Entscheidung:** " << escape(str(p, "decision")) << "\n";
    if (!str(p, "review_date").empty())
        out << "- **Wiedervorlage:** " << str(p, "review_date") << "\n";
    const auto& result = at(p, "outcome");
    if (!result.is_object()) return;
    out << "- **Was daraus wurde:** " << outcome_label_de(str(result, "outcome"));
    if (!str(result, "note").empty()) out << " – " << escape(str(result, "note"));
    out << " (" << name_of(at(result, "recorded_by")) << ")\n";
}

void summary(std::ostream& out, const json& m) {
    out << "\n## Kurzfassung des Fallberichts\n";
    const auto& s = at(m, "case_summary");
    if (!s.is_object()) {
        out << "\nNicht festgehalten.\n";
        return;
    }
    if (at(s, "prepared_by").is_string())
        out << "\n*" << prepared_by_de << " " << escape(str(s, "prepared_by")) << ".*\n";
    for (const auto& [key, heading] : case_summary_parts_de) {
        out << "\n### " << heading << "\n\n";
        const auto text = str(s, key);
        out << (text.empty() ? std::string("*Fehlt.*") : escape(text)) << "\n";
    }
}

void question(std::ostream& out, const json& m) {
    const auto& q = at(m, "question");
    out << "\n## Beratungsfrage\n\n";
    const auto& original = at(q, "original");
    out << "- **Ursprüngliche Frage:** "
        << (original.is_object() ? escape(str(original, "text"))
                                 : std::string("nicht festgehalten"));
    if (at(original, "prepared_by").is_string())
        out << " *(" << prepared_by_de << " " << escape(str(original, "prepared_by")) << ")*";
    out << "\n";
    for (const auto& a : items(q, "alternatives")) {
        out << "- **Alternative Frage (" << escape(str(a, "id")) << "):** "
            << escape(str(a, "text")) << " — " << name_of(at(a, "author"));
        if (flag(a, "advocatus")) out << " *(Advocatus Diaboli)*";
        out << "\n";
    }
    const auto& valid = at(q, "valid");
    if (valid.is_object())
        out << "- **Gültige Beratungsfrage:** " << escape(str(valid, "text"))
            << (flag(valid, "chosen") ? "" : " *(ursprüngliche Frage, nicht eigens gewählt)*")
            << "\n";
}

// In writing a step has a deadline instead of a budget: when it was due and when it was left.
void deadlines(std::ostream& out, const json& m, const local_zone& z) {
    out << "\n## Schritte und Fristen\n\n";
    out << "| Nr. | Schritt | Frist | beendet |\n";
    out << "|---|---|---|---|\n";
    for (const auto& s : items(m, "steps"))
        out << "| " << num(s, "number") << " | " << escape(str(at(s, "title"), "de"))
            << (flag(s, "reached") ? "" : " *(nicht erreicht)*") << " | "
            << clock_time_label(at(s, "deadline"), z) << " | "
            << clock_time_label(at(s, "ended_at"), z) << " |\n";
}

void timing(std::ostream& out, const json& m, const local_zone& z) {
    if (str(m, "mode") == "written") return deadlines(out, m, z);
    out << "\n## Schritte und Zeiten\n\n";
    out << "| Nr. | Schritt | geplant | verlängert | tatsächlich | Pausen | Überziehung |\n";
    out << "|---|---|---|---|---|---|---|\n";
    for (const auto& s : items(m, "steps")) {
        out << "| " << num(s, "number") << " | " << escape(str(at(s, "title"), "de"))
            << (flag(s, "reached") ? "" : " *(nicht erreicht)*") << " | "
            << num(s, "planned_minutes") << " min | " << num(s, "extended_minutes") << " min | "
            << duration_label(num(s, "actual_seconds")) << " | "
            << duration_label(num(s, "paused_seconds")) << " | "
            << duration_label(num(s, "overrun_seconds")) << " |\n";
    }
    const auto& t = at(m, "timing");
    out << "| | **Summe** | " << num(t, "planned_minutes") << " min | "
        << num(t, "extended_minutes") << " min | " << duration_label(num(t, "actual_seconds"))
        << " | " << duration_label(num(t, "paused_seconds")) << " | "
        << duration_label(num(t, "overrun_seconds")) << " |\n";
}

void cards(std::ostream& out, const json& m) {
    out << "\n## Karten\n";
    bool any = false;
    for (const auto& s : items(m, "steps")) {
        bool has_cards = false;
        for (const auto& c : items(s, "categories"))
            has_cards = has_cards || !items(c, "cards").empty();
        if (!has_cards) continue;
        any = true;
        out << "\n### " << num(s, "number") << ". " << escape(str(at(s, "title"), "de")) << "\n";
        for (const auto& c : items(s, "categories")) {
            if (items(c, "cards").empty()) continue;
            out << "\n#### " << escape(str(at(c, "title"), "de")) << "\n\n";
            for (const auto& k : items(c, "cards"))
                out << card_line(k);
        }
    }
    if (!any) out << "\nKeine Karten.\n";
}

void options_and_decision(std::ostream& out, const json& m) {
    out << "\n## Handlungsoptionen\n\n";
    if (items(m, "options").empty()) out << "Keine Optionen festgehalten.\n";
    for (const auto& o : items(m, "options")) {
        out << "- " << escape(str(o, "text")) << " — " << name_of(at(o, "author"));
        if (flag(o, "advocatus")) out << " *(Advocatus Diaboli)*";
        out << "\n";
    }
    out << "\n## Entscheidung der/des Fallverantwortlichen\n\n";
    const auto& d = at(m, "decision");
    if (!d.is_object()) {
        out << "Keine Entscheidung festgehalten.\n";
        return;
    }
    out << escape(str(d, "text")) << "\n\n";
    out << "- **Entschieden von:** " << name_of(at(d, "decided_by")) << "\n";
    if (at(d, "option_text").is_string())
        out << "- **Zu Option:** " << escape(str(d, "option_text")) << "\n";
    out << "- **Wiedervorlage:** " << str(d, "review_date") << "\n";
}

void backing(std::ostream& out, const json& m) {
    const auto& b = at(m, "backing");
    if (!b.is_object()) return;
    const auto& t = at(b, "tally");
    out << "\n## Mittragen durch das Team\n\n";
    out << "Das Team empfiehlt; die Entscheidung liegt bei der/dem Fallverantwortlichen.\n\n";
    out << "- **Ja:** " << num(t, "yes") << " · **Nein:** " << num(t, "no") << " · **Enthaltung:** "
        << num(t, "abstain") << "\n";
    for (const auto& v : items(b, "votes")) {
        out << "- " << name_of(at(v, "participant")) << ": " << vote_label_de(str(v, "vote"));
        if (!str(v, "note").empty()) out << " — " << escape(str(v, "note"));
        out << "\n";
    }
    for (const auto& p : items(b, "not_stated"))
        out << "- " << name_of(p) << ": keine Angabe\n";
}

void prognosis(std::ostream& out, const json& m) {
    const auto& p = at(m, "prognosis");
    out << "\n## Prognose\n\n";
    out << "Einschätzungen (1 = sehr unwahrscheinlich … 5 = sehr wahrscheinlich), Anzahl "
        << num(p, "count") << ":\n\n";
    for (const char* key : {"1", "2", "3", "4", "5"})
        out << "- " << key << ": " << num(at(p, "distribution"), key) << "\n";
    out << "\n### Hindernisse für eine sichere Prognose\n\n";
    if (items(p, "obstacles").empty()) out << "Keine Einträge.\n";
    for (const auto& c : items(p, "obstacles"))
        out << card_line(c);
}

void open_points(std::ostream& out, const json& m) {
    out << "\n## Offene Punkte\n\n";
    if (items(m, "open_points").empty()) out << "Keine.\n";
    for (const auto& p : items(m, "open_points"))
        out << "- " << escape(str(p, "de")) << "\n";
}

void approval(std::ostream& out, const json& m, const local_zone& z) {
    out << "\n## Freigabe\n\n";
    if (!flag(m, "approved")) {
        out << "*Entwurf – von der Moderation noch nicht freigegeben.*\n";
        return;
    }
    out << "Freigegeben von " << name_of(at(m, "approved_by")) << " am "
        << clock_time_label(at(m, "approved_at"), z) << ".\n";
    if (!str(m, "closing_remark").empty())
        out << "\n### Abschließende Bemerkung\n\n" << escape(str(m, "closing_remark")) << "\n";
}

// Corrections after approval, signed and dated; the approved text above stays as it was.
void addenda(std::ostream& out, const json& m, const local_zone& z) {
    if (items(m, "addenda").empty()) return;
    out << "\n## Nachträge\n\n";
    for (const auto& a : items(m, "addenda"))
        out << "- " << escape(str(a, "author")) << ", " << clock_time_label(at(a, "created_at"), z)
            << ": " << escape(str(a, "text")) << "\n";
}

// The last look before approval, kept: what the moderator redacted or corrected in the draft.
void changes(std::ostream& out, const json& m, const local_zone& z) {
    if (items(m, "changes").empty()) return;
    out << "\n## Änderungen vor der Freigabe\n\n";
    for (const auto& c : items(m, "changes")) {
        out << "- " << change_kind_de(str(c, "kind")) << ": " << escape(str(c, "label")) << " — "
            << name_of(at(c, "by")) << ", " << clock_time_label(at(c, "at"), z);
        if (str(c, "kind") == "redaction") out << ". Grund: " << escape(str(c, "reason"));
        if (str(c, "kind") == "correction") out << ". Vorher: " << escape(str(c, "before"));
        out << "\n";
    }
}

void presence(std::ostream& out, const json& m) {
    if (items(m, "presence").empty()) return;
    out << "\n## Anwesenheit bei Schritten mit Mindestbesetzung\n\n";
    for (const auto& r : items(m, "presence")) {
        out << "- Schritt " << num(r, "step") << " (" << escape(str(at(r, "step_title"), "de"))
            << "): ";
        bool first = true;
        for (const auto& p : items(r, "present")) {
            out << (first ? "" : ", ") << name_of(p);
            first = false;
        }
        for (const auto& [who, count] : at(r, "missing").items())
            out << ". Es fehlten " << lacking_de(who, count.get<int>());
        out << "\n";
    }
}

} // namespace

std::string render_minutes_markdown(const nlohmann::json& minutes, const local_zone& zone) {
    std::ostringstream out;
    try {
        header(out, minutes, zone);
        participants(out, minutes, zone);
        previous(out, minutes);
        summary(out, minutes);
        question(out, minutes);
        timing(out, minutes, zone);
        cards(out, minutes);
        options_and_decision(out, minutes);
        backing(out, minutes);
        prognosis(out, minutes);
        cards_section(out, "Rückmeldungen zur Sitzung", items(minutes, "feedback"));
        cards_section(out, "Verbesserungsvorschläge zum Verfahren", items(minutes, "suggestions"));
        presence(out, minutes);
        open_points(out, minutes);
        changes(out, minutes, zone);
        approval(out, minutes, zone);
        addenda(out, minutes, zone);
    } catch (const std::exception&) {
        out << "\n*Das Protokoll konnte nicht vollständig dargestellt werden.*\n";
    }
    return out.str();
}

} // namespace casecircle::protocol
