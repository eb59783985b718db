#include "full_session.hpp"
#include "protocol/minutes_html.hpp"

#include <vector>

using namespace casecircle::protocol;
using namespace casecircle::protocol::testing;
using nlohmann::json;

namespace {

json approved_minutes(const std::string& closing_remark = "Gute Runde.") {
    auto s = full_quality_circle();
    s.advance(2 * minute);
    s.ok("p1", "approve_minutes", {{"closing_remark", closing_remark}});
    return build_minutes(s.state());
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// The Markdown's headings (levels 1-4) with its backslash escapes removed.
std::vector<std::pair<int, std::string>> markdown_headings(const std::string& markdown) {
    std::vector<std::pair<int, std::string>> out;
    std::size_t at = 0;
    while (at < markdown.size()) {
        auto end = markdown.find('\n', at);
        if (end == std::string::npos) end = markdown.size();
        const auto line = markdown.substr(at, end - at);
        at = end + 1;
        const auto level = line.find_first_not_of('#');
        if (level == 0 || level == std::string::npos || line[level] != ' ') continue;
        std::string text;
        for (std::size_t i = level + 1; i < line.size(); ++i)
            if (line[i] != '\\' || (i > 0 && line[i - 1] == '\\')) text += line[i];
        out.emplace_back(static_cast<int>(level), text);
    }
    return out;
}

} // namespace

TEST_CASE("the printable page is a complete German document with a print stylesheet",
          "[exports][html]") {
    const auto html = render_minutes_html(approved_minutes());
    CHECK(html.rfind("<!DOCTYPE html>\n<html lang=\"de\">", 0) == 0);
    CHECK(contains(html, "<meta charset=\"utf-8\">"));
    CHECK(contains(html, "@page { size: A4; margin:"));
    CHECK(contains(html, "@media print"));
    CHECK(contains(html, "page-break-inside: avoid"));
    CHECK(contains(html, "font-size: 11pt"));
    CHECK(contains(html, "<title>Protokoll Qualitätszirkel JC-2026-017 18.11.2026</title>"));
    // Self-contained: nothing fetched, nothing run.
    CHECK_FALSE(contains(html, "<script"));
    CHECK_FALSE(contains(html, "<link"));
    CHECK_FALSE(contains(html, "src="));
    CHECK(html.size() > 1000);
    CHECK(html.substr(html.size() - 16) == "</body>\n</html>\n");
}

TEST_CASE("the page has the Markdown's sections and headings in the Markdown's order",
          "[exports][html]") {
    const auto minutes = approved_minutes();
    const auto html = render_minutes_html(minutes);
    const auto headings = markdown_headings(render_minutes_markdown(minutes));
    REQUIRE(headings.size() > 20);
    std::size_t at = 0;
    for (const auto& [level, text] : headings) {
        const auto tag = "h" + std::to_string(level);
        const auto wanted = "<" + tag + ">" + html_escape(text) + "</" + tag + ">";
        INFO(wanted);
        const auto found = html.find(wanted, at);
        CHECK(found != std::string::npos);
        if (found != std::string::npos) at = found;
    }
}

TEST_CASE("the page carries every record of the session", "[exports][html]") {
    const auto m = approved_minutes("Wiedervorlage wie besprochen.");
    const auto html = render_minutes_html(m);
    for (const auto& step : m["steps"])
        for (const auto& category : step["categories"])
            for (const auto& card : category["cards"]) {
                INFO(card.dump());
                CHECK(contains(html, html_escape(card["text"].get<std::string>())));
            }
    CHECK(contains(html, "<dt>Fallcode</dt><dd>JC-2026-017</dd>"));
    CHECK(contains(html, "<dt>Advocatus Diaboli</dt><dd>Tina Teilnehmerin</dd>"));
    CHECK(contains(html, "Hauptschulabschluss, Ausbildung abgebrochen."));
    CHECK(contains(html, "<dt>Gültige Beratungsfrage</dt><dd>Was hindert K. daran, Termine zu "
                         "halten?</dd>"));
    CHECK(contains(html, "<td class=\"n\">4</td><td>"));
    CHECK(contains(html, "<td class=\"n\">14:00</td>"));
    CHECK(contains(html, "· Gruppe: Finanzen"));
    CHECK(contains(html, "Gemeinsamer Termin bei der Schuldnerberatung"));
    CHECK(contains(html, "<p>Ich begleite K. zum ersten Termin der Schuldnerberatung.</p>"));
    CHECK(contains(html, "<dt>Wiedervorlage</dt><dd>2027-01-15</dd>"));
    CHECK(contains(html, "<strong>Ja:</strong> 1 · <strong>Nein:</strong> 1 · "
                         "<strong>Enthaltung:</strong> 1"));
    CHECK(contains(html, "trägt nicht mit — Erst die Sucht angehen"));
    CHECK(contains(html, "Suchtproblem unbehandelt"));
    CHECK(contains(html, "Entlastet, neue Sicht auf die Post"));
    CHECK(contains(html, "Beratungsfrage braucht mehr als eine Minute"));
    CHECK(contains(html, "<p>Freigegeben von Mira Moderatorin am "));
    CHECK(contains(html, "<h3>Abschließende Bemerkung</h3>\n<p>Wiedervorlage wie besprochen.</p>"));
    CHECK_FALSE(contains(html, "Entwurf"));
    CHECK_FALSE(contains(html, "Nachträge")); // none yet
}

TEST_CASE("user text cannot inject markup into the page", "[exports][html]") {
    auto m = approved_minutes("Fazit: A & B <i>gut</i>\nzweite Zeile");
    auto& card = m["steps"][3]["categories"][0]["cards"][0];
    card["text"] = "<script>alert('x')</script> & \"Co\"";
    card["author"]["name"] = "<b>Eve</b>";
    m["case_code"] = "X-1<img src=x onerror=alert(1)>";
    const auto html = render_minutes_html(m);
    CHECK_FALSE(contains(html, "<script"));
    CHECK_FALSE(contains(html, "<img"));
    CHECK_FALSE(contains(html, "<b>Eve"));
    CHECK_FALSE(contains(html, "<i>gut"));
    CHECK(contains(html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot;"));
    CHECK(contains(html, "&lt;b&gt;Eve&lt;/b&gt;"));
    CHECK(contains(html, "X-1&lt;img src=x onerror=alert(1)&gt;"));
    CHECK(contains(html, "Fazit: A &amp; B &lt;i&gt;gut&lt;/i&gt;<br>zweite Zeile"));
}

TEST_CASE("addenda follow the approval, signed and dated", "[exports][html]") {
    auto m = approved_minutes();
    m["addenda"] = json::array({{{"id", 1},
                                 {"author", "Mira & Co"},
                                 {"created_at", t0 + 60 * minute},
                                 {"text", "Der Termin ist der 15., nicht der 5."}}});
    const auto html = render_minutes_html(m);
    const auto approval = html.find("<h2>Freigabe</h2>");
    const auto addenda = html.find("<h2>Nachträge</h2>");
    REQUIRE(addenda != std::string::npos);
    CHECK(approval < addenda);
    CHECK(contains(html, "<li><strong>Mira &amp; Co</strong>, 18.11.2026, 12:06: Der Termin "
                         "ist der 15., nicht der 5.</li>"));
}

TEST_CASE("a draft says so, and a damaged document still gives a whole page", "[exports][html]") {
    const auto draft = build_minutes(full_quality_circle().state());
    CHECK(contains(render_minutes_html(draft), "Entwurf – von der Moderation noch nicht"));
    for (const auto& odd : {json("kein Objekt"), json::object(), json{{"steps", 5}},
                            json{{"steps", {{{"categories", "x"}}}}, {"participants", {1, 2}}}}) {
        INFO(odd.dump());
        const auto html = render_minutes_html(odd);
        CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
        CHECK(html.substr(html.size() - 16) == "</body>\n</html>\n");
    }
}
