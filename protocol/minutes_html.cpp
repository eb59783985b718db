#include "protocol/minutes_html.hpp"
#include "protocol/change_labels.hpp"
#include "protocol/minutes_labels.hpp"
#include "protocol/minutes_view.hpp"

#include <sstream>

namespace casecircle::protocol {

namespace {

using nlohmann::json;
using namespace minutes_view;

// Screen first, then print: A4 with margins, 11pt serif, nothing but the record on paper, and no
// section, table row or card torn across a page break.
constexpr const char* stylesheet = R"css(
:root { color-scheme: light; }
body { font-family: "Source Serif Pro", Georgia, "Times New Roman", serif; font-size: 11pt;
  line-height: 1.45; color: #111; background: #fff; max-width: 50rem; margin: 2rem auto;
  padding: 0 1.5rem; }
h1 { font-size: 1.6em; margin: 0 0 0.6em; }
h2 { font-size: 1.25em; margin: 1.6em 0 0.5em; border-bottom: 1px solid #999; }
h3 { font-size: 1.08em; margin: 1.1em 0 0.4em; }
h4 { font-size: 1em; margin: 0.9em 0 0.3em; font-style: italic; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.15em 1em; margin: 0; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; }
ul { margin: 0.3em 0; padding-left: 1.3em; }
li { margin: 0.15em 0; }
table { border-collapse: collapse; width: 100%; font-size: 0.95em; }
th, td { border: 1px solid #999; padding: 0.2em 0.45em; text-align: left; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tfoot td { font-weight: bold; }
.note { font-style: italic; color: #444; }
.who { color: #333; }
.tag { font-size: 0.9em; font-style: italic; }
.screen-hint { font-family: system-ui, sans-serif; font-size: 0.9em; background: #eef3f8;
  border: 1px solid #c5d3e0; padding: 0.4em 0.7em; margin-bottom: 1.5em; }
@page { size: A4; margin: 20mm 18mm 22mm 20mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 11pt; }
  nav, .screen-hint { display: none !important; }
  section, table, tr, li, dl { page-break-inside: avoid; break-inside: avoid; }
  h1, h2, h3, h4 { page-break-after: avoid; break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
)css";

std::string e(const std::string& text) {
    return html_escape(text);
}

std::string name_of(const json& person) {
    return e(str(person, "name"));
}

std::string card_item(const json& c) {
    std::string line =
        e(str(c, "text")) + " <span class=\"who\">— " + name_of(at(c, "author")) + "</span>";
    if (flag(c, "advocatus")) line += " <span class=\"tag\">(Advocatus Diaboli)</span>";
    if (flag(c, "written_beforehand"))
        line += std::string(" <span class=\"tag\">(") + written_beforehand_de + ")</span>";
    if (at(c, "group").is_string()) line += " · Gruppe: " + e(str(c, "group"));
    return line;
}

// A bulleted list, or the note that there is nothing to list.
template <typename Render>
void list_or_note(std::ostream& out, const json& list, const char* when_empty, Render render) {
    if (list.empty()) {
        out << "<p class=\"note\">" << when_empty << "</p>\n";
        return;
    }
    out << "<ul>\n";
    for (const auto& item : list)
        out << "<li>" << render(item) << "</li>\n";
    out << "</ul>\n";
}

void card_list(std::ostream& out, const json& cards, const char* when_empty) {
    list_or_note(out, cards, when_empty, card_item);
}

void cards_section(std::ostream& out, const char* css, const char* heading, const json& cards) {
    out << "<section class=\"" << css << "\">\n<h2>" << heading << "</h2>\n";
    card_list(out, cards, "Keine Einträge.");
    out << "</section>\n";
}

void fact(std::ostream& out, const char* label, const std::string& value) {
    out << "<dt>" << label << "</dt><dd>" << value << "</dd>\n";
}

void header(std::ostream& out, const json& m, const local_zone& z) {
    out << "<header>\n<h1>Protokoll: " << e(str(at(at(m, "format"), "title"), "de"))
        << "</h1>\n<dl class=\"facts\">\n";
    fact(out, "Fallcode", e(str(m, "case_code")));
    if (!str(m, "title").empty()) fact(out, "Titel", e(str(m, "title")));
    if (str(m, "mode") == "written") fact(out, "Form", written_mode_de);
    fact(out, "Datum", e(session_date_label(m)));
    fact(out, "Beginn", clock_time_label(at(m, "started_at"), z));
    fact(out, "Ende", clock_time_label(at(m, "ended_at"), z));
    fact(out, "Zeitzone", e(z.name));
    fact(out, "Moderation", name_of(at(m, "moderator")));
    if (at(m, "advocatus_diaboli").is_object())
        fact(out, "Advocatus Diaboli", name_of(at(m, "advocatus_diaboli")));
    out << "</dl>\n</header>\n";
}

void participants(std::ostream& out, const json& m) {
    out << "<section class=\"participants\">\n<h2>Teilnehmende</h2>\n<ul>\n";
    for (const auto& p : items(m, "participants")) {
        out << "<li>" << e(str(p, "name")) << " — " << e(role_label_de(str(p, "role")));
        if (flag(p, "advocatus")) out << ", Advocatus Diaboli";
        if (at(p, "left_at").is_number_integer()) out << " (hat die Sitzung verlassen)";
        out << "</li>\n";
    }
    out << "</ul>\n</section>\n";
}

void previous(std::ostream& out, const json& m) {
    const auto& p = at(m, "previous_session");
    if (!p.is_object()) return;
    out << "<section class=\"previous\">\n<h2>Letzte Besprechung dieses Falls</h2>\n"
        << "<dl class=\"facts\">\n";
    if (!str(p, "held_on").empty()) fact(out, "Datum", e(str(p, "held_on")));
    if (!str(p, "question").empty()) fact(out, "Beratungsfrage", e(str(p, "question")));
    fact(out, "Entscheidung", e(str(p, "decision")));
    if (!str(p, "review_date").empty()) fact(out, "Wiedervorlage", e(str(p, "review_date")));
    if (const auto& result = at(p, "outcome"); result.is_object()) {
        std::string text = outcome_label_de(str(result, "outcome"));
        if (!str(result, "note").empty()) text += " – " + str(result, "note");
        fact(out, "Was daraus wurde", e(text));
    }
    out << "</dl>\n</section>\n";
}

void summary(std::ostream& out, const json& m) {
    out << "<section class=\"summary\">\n<h2>Kurzfassung des Fallberichts</h2>\n";
    const auto& s = at(m, "case_summary");
    if (!s.is_object()) {
        out << "<p class=\"note\">Nicht festgehalten.</p>\n</section>\n";
        return;
    }
    if (at(s, "prepared_by").is_string())
        out << "<p class=\"note\">" << prepared_by_de << " " << e(str(s, "prepared_by"))
            << ".</p>\n";
    for (const auto& [key, heading] : case_summary_parts_de) {
        out << "<h3>" << heading << "</h3>\n";
        const auto text = str(s, key);
        out << (text.empty() ? std::string("<p class=\"note\">Fehlt.</p>")
                             : "<p>" + e(text) + "</p>")
            << "\n";
    }
    out << "</section>\n";
}

void question(std::ostream& out, const json& m) {
    const auto& q = at(m, "question");
    out << "<section class=\"question\">\n<h2>Beratungsfrage</h2>\n<dl class=\"facts\">\n";
    const auto& original = at(q, "original");
    auto original_text =
        original.is_object() ? e(str(original, "text")) : std::string("nicht festgehalten");
    if (at(original, "prepared_by").is_string())
        original_text += std::string(" <span class=\"tag\">(") + prepared_by_de + " " +
                         e(str(original, "prepared_by")) + ")</span>";
    fact(out, "Ursprüngliche Frage", original_text);
    for (const auto& a : items(q, "alternatives")) {
        auto value =
            e(str(a, "text")) + " <span class=\"who\">— " + name_of(at(a, "author")) + "</span>";
        if (flag(a, "advocatus")) value += " <span class=\"tag\">(Advocatus Diaboli)</span>";
        out << "<dt>Alternative Frage (" << e(str(a, "id")) << ")</dt><dd>" << value << "</dd>\n";
    }
    const auto& valid = at(q, "valid");
    if (valid.is_object())
        fact(out, "Gültige Beratungsfrage",
             e(str(valid, "text")) +
                 (flag(valid, "chosen")
                      ? ""
                      : " <span class=\"tag\">(ursprüngliche Frage, nicht eigens gewählt)</span>"));
    out << "</dl>\n</section>\n";
}

void timing_cells(std::ostream& out, const json& row) {
    out << "<td class=\"n\">" << num(row, "planned_minutes") << " min</td><td class=\"n\">"
        << num(row, "extended_minutes") << " min</td><td class=\"n\">"
        << duration_label(num(row, "actual_seconds")) << "</td><td class=\"n\">"
        << duration_label(num(row, "paused_seconds")) << "</td><td class=\"n\">"
        << duration_label(num(row, "overrun_seconds")) << "</td>";
}

// In writing a step has a deadline instead of a budget: when it was due and when it was left.
void deadlines(std::ostream& out, const json& m, const local_zone& z) {
    out << "<section class=\"timing\">\n<h2>Schritte und Fristen</h2>\n<table>\n<thead><tr>"
        << "<th>Nr.</th><th>Schritt</th><th>Frist</th><th>beendet</th></tr></thead>\n<tbody>\n";
    for (const auto& s : items(m, "steps"))
        out << "<tr><td class=\"n\">" << num(s, "number") << "</td><td>"
            << e(str(at(s, "title"), "de"))
            << (flag(s, "reached") ? "" : " <span class=\"tag\">(nicht erreicht)</span>")
            << "</td><td>" << clock_time_label(at(s, "deadline"), z) << "</td><td>"
            << clock_time_label(at(s, "ended_at"), z) << "</td></tr>\n";
    out << "</tbody>\n</table>\n</section>\n";
}

void timing(std::ostream& out, const json& m, const local_zone& z) {
    if (str(m, "mode") == "written") return deadlines(out, m, z);
    out << "<section class=\"timing\">\n<h2>Schritte und Zeiten</h2>\n<table>\n<thead><tr>"
        << "<th>Nr.</th><th>Schritt</th><th>geplant</th><th>verlängert</th>"
        << "<th>tatsächlich</th><th>Pausen</th><th>Überziehung</th></tr></thead>\n<tbody>\n";
    for (const auto& s : items(m, "steps")) {
        out << "<tr><td class=\"n\">" << num(s, "number") << "</td><td>"
            << e(str(at(s, "title"), "de"))
            << (flag(s, "reached") ? "" : " <span class=\"tag\">(nicht erreicht)</span>")
            << "</td>";
        timing_cells(out, s);
        out << "</tr>\n";
    }
    out << "</tbody>\n<tfoot><tr><td></td><td>Summe</td>";
    timing_cells(out, at(m, "timing"));
    out << "</tr></tfoot>\n</table>\n</section>\n";
}

bool has_cards(const json& step) {
    for (const auto& c : items(step, "categories"))
        if (!items(c, "cards").empty()) return true;
    return false;
}

void cards(std::ostream& out, const json& m) {
    out << "<section class=\"cards\">\n<h2>Karten</h2>\n";
    bool any = false;
    for (const auto& s : items(m, "steps")) {
        if (!has_cards(s)) continue;
        any = true;
        out << "<h3>" << num(s, "number") << ". " << e(str(at(s, "title"), "de")) << "</h3>\n";
        for (const auto& c : items(s, "categories")) {
            if (items(c, "cards").empty()) continue;
            out << "<h4>" << e(str(at(c, "title"), "de")) << "</h4>\n";
            card_list(out, items(c, "cards"), "");
        }
    }
    if (!any) out << "<p class=\"note\">Keine Karten.</p>\n";
    out << "</section>\n";
}

void options(std::ostream& out, const json& m) {
    out << "<section class=\"options\">\n<h2>Handlungsoptionen</h2>\n";
    list_or_note(out, items(m, "options"), "Keine Optionen festgehalten.", [](const json& o) {
        return e(str(o, "text")) + " <span class=\"who\">— " + name_of(at(o, "author")) +
               "</span>" +
               (flag(o, "advocatus") ? " <span class=\"tag\">(Advocatus Diaboli)</span>" : "");
    });
    out << "</section>\n";
}

void decision(std::ostream& out, const json& m) {
    out << "<section class=\"decision\">\n<h2>Entscheidung der/des Fallverantwortlichen</h2>\n";
    const auto& d = at(m, "decision");
    if (!d.is_object()) {
        out << "<p class=\"note\">Keine Entscheidung festgehalten.</p>\n</section>\n";
        return;
    }
    out << "<p>" << e(str(d, "text")) << "</p>\n<dl class=\"facts\">\n";
    fact(out, "Entschieden von", name_of(at(d, "decided_by")));
    if (at(d, "option_text").is_string()) fact(out, "Zu Option", e(str(d, "option_text")));
    fact(out, "Wiedervorlage", e(str(d, "review_date")));
    out << "</dl>\n</section>\n";
}

void backing(std::ostream& out, const json& m) {
    const auto& b = at(m, "backing");
    if (!b.is_object()) return;
    const auto& t = at(b, "tally");
    out << "<section class=\"backing\">\n<h2>Mittragen durch das Team</h2>\n"
        << "<p>Das Team empfiehlt; die Entscheidung liegt bei der/dem Fallverantwortlichen.</p>\n"
        << "<ul>\n<li><strong>Ja:</strong> " << num(t, "yes") << " · <strong>Nein:</strong> "
        << num(t, "no") << " · <strong>Enthaltung:</strong> " << num(t, "abstain") << "</li>\n";
    for (const auto& v : items(b, "votes")) {
        out << "<li>" << name_of(at(v, "participant")) << ": " << e(vote_label_de(str(v, "vote")));
        if (!str(v, "note").empty()) out << " — " << e(str(v, "note"));
        out << "</li>\n";
    }
    for (const auto& p : items(b, "not_stated"))
        out << "<li>" << name_of(p) << ": keine Angabe</li>\n";
    out << "</ul>\n</section>\n";
}

void prognosis(std::ostream& out, const json& m) {
    const auto& p = at(m, "prognosis");
    out << "<section class=\"prognosis\">\n<h2>Prognose</h2>\n"
        << "<p>Einschätzungen (1 = sehr unwahrscheinlich … 5 = sehr wahrscheinlich), Anzahl "
        << num(p, "count") << ":</p>\n<table class=\"distribution\">\n<thead><tr>";
    for (const char* key : {"1", "2", "3", "4", "5"})
        out << "<th>" << key << "</th>";
    out << "</tr></thead>\n<tbody><tr>";
    for (const char* key : {"1", "2", "3", "4", "5"})
        out << "<td class=\"n\">" << num(at(p, "distribution"), key) << "</td>";
    out << "</tr></tbody>\n</table>\n<h3>Hindernisse für eine sichere Prognose</h3>\n";
    card_list(out, items(p, "obstacles"), "Keine Einträge.");
    out << "</section>\n";
}

void open_points(std::ostream& out, const json& m) {
    out << "<section class=\"open-points\">\n<h2>Offene Punkte</h2>\n";
    list_or_note(out, items(m, "open_points"), "Keine.",
                 [](const json& p) { return e(str(p, "de")); });
    out << "</section>\n";
}

void approval(std::ostream& out, const json& m, const local_zone& z) {
    out << "<section class=\"approval\">\n<h2>Freigabe</h2>\n";
    if (!flag(m, "approved")) {
        out << "<p class=\"note\">Entwurf – von der Moderation noch nicht freigegeben.</p>\n"
            << "</section>\n";
        return;
    }
    out << "<p>Freigegeben von " << name_of(at(m, "approved_by")) << " am "
        << clock_time_label(at(m, "approved_at"), z) << ".</p>\n";
    if (!str(m, "closing_remark").empty())
        out << "<h3>Abschließende Bemerkung</h3>\n<p>" << e(str(m, "closing_remark")) << "</p>\n";
    out << "</section>\n";
}

// Corrections after approval, each signed and dated; the approved text above stays as it was.
void addenda(std::ostream& out, const json& m, const local_zone& z) {
    if (items(m, "addenda").empty()) return;
    out << "<section class=\"addenda\">\n<h2>Nachträge</h2>\n<ul>\n";
    for (const auto& a : items(m, "addenda"))
        out << "<li><strong>" << e(str(a, "author")) << "</strong>, "
            << clock_time_label(at(a, "created_at"), z) << ": " << e(str(a, "text")) << "</li>\n";
    out << "</ul>\n</section>\n";
}

// The last look before approval, kept: what the moderator redacted or corrected in the draft.
void changes(std::ostream& out, const json& m, const local_zone& z) {
    if (items(m, "changes").empty()) return;
    out << "<section class=\"changes\">\n<h2>Änderungen vor der Freigabe</h2>\n<ul>\n";
    for (const auto& c : items(m, "changes")) {
        out << "<li>" << change_kind_de(str(c, "kind")) << ": " << e(str(c, "label")) << " — "
            << name_of(at(c, "by")) << ", " << clock_time_label(at(c, "at"), z);
        if (str(c, "kind") == "redaction") out << ". Grund: " << e(str(c, "reason"));
        if (str(c, "kind") == "correction") out << ". Vorher: " << e(str(c, "before"));
        out << "</li>\n";
    }
    out << "</ul>\n</section>\n";
}

void presence(std::ostream& out, const json& m) {
    if (items(m, "presence").empty()) return;
    out << "<section class=\"presence\">\n<h2>Anwesenheit bei Schritten mit "
           "Mindestbesetzung</h2>\n<ul>\n";
    for (const auto& r : items(m, "presence")) {
        out << "<li>Schritt " << num(r, "step") << " (" << e(str(at(r, "step_title"), "de"))
            << "): ";
        bool first = true;
        for (const auto& p : items(r, "present")) {
            out << (first ? "" : ", ") << name_of(p);
            first = false;
        }
        for (const auto& [who, count] : at(r, "missing").items())
            out << ". Es fehlten " << e(lacking_de(who, count.get<int>()));
        out << "</li>\n";
    }
    out << "</ul>\n</section>\n";
}

void head(std::ostream& out, const json& m) {
    out << "<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        << "<title>Protokoll " << e(str(at(at(m, "format"), "title"), "de")) << " "
        << e(str(m, "case_code")) << " " << e(session_date_label(m)) << "</title>\n<style>"
        << stylesheet << "</style>\n</head>\n<body>\n"
        << "<p class=\"screen-hint\">Zum Drucken oder Speichern als PDF: Strg+P (Mac: ⌘+P).</p>\n"
        << "<main>\n";
}

void body(std::ostream& out, const json& m, const local_zone& z) {
    header(out, m, z);
    participants(out, m);
    previous(out, m);
    summary(out, m);
    question(out, m);
    timing(out, m, z);
    cards(out, m);
    options(out, m);
    decision(out, m);
    backing(out, m);
    prognosis(out, m);
    cards_section(out, "feedback", "Rückmeldungen zur Sitzung", items(m, "feedback"));
    cards_section(out, "suggestions", "Verbesserungsvorschläge zum Verfahren",
                  items(m, "suggestions"));
    presence(out, m);
    open_points(out, m);
    changes(out, m, z);
    approval(out, m, z);
    addenda(out, m, z);
}

} // namespace

std::string html_escape(const std::string& text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (const char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        case '\n':
            out += "<br>";
            break;
        case '\r':
            break;
        case '\0':
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string render_minutes_html(const nlohmann::json& minutes, const local_zone& zone) {
    std::ostringstream out;
    // The page is closed whatever happens, so that a damaged document still prints what it has.
    try {
        head(out, minutes);
        body(out, minutes, zone);
    } catch (const std::exception&) {
        out << "<p class=\"note\">Das Protokoll konnte nicht vollständig dargestellt werden.</p>\n";
    }
    out << "</main>\n</body>\n</html>\n";
    return out.str();
}

} // namespace casecircle::protocol
