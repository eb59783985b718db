#include "protocol/minutes_html.hpp"
#include "support.hpp"

using namespace casecircle::protocol;
using namespace casecircle::protocol::testing;

namespace {

const nlohmann::json previous_link{{"previous_session_id", "r-earlier"},
                                   {"held_on", "2026-09-02"},
                                   {"decision", "Antrag auf Mietschuldenübernahme stellen"},
                                   {"review_date", "2026-11-01"},
                                   {"prognosis_distribution", {0, 1, 2, 1, 0}}};

} // namespace

TEST_CASE("the presenter records what came of the previous decision", "[outcome]") {
    auto s = qz_with_roles();
    CHECK(s.refused("p2", "record_outcome", {{"outcome", "done"}}) == "no_previous_session");
    s.ok("system", "link_previous_session", previous_link);

    for (const auto* other : {"p1", "p3", "p4", "p5"}) {
        INFO(other);
        CHECK(s.refused(other, "record_outcome", {{"outcome", "done"}}) == "role_forbidden");
    }
    CHECK(s.refused("p2", "record_outcome") == "invalid_field");
    CHECK(s.refused("p2", "record_outcome", {{"outcome", "erledigt"}}) == "invalid_field");
    CHECK(s.refused("p2", "record_outcome",
                    {{"outcome", "done"}, {"note", std::string(1001, 'x')}}) == "invalid_field");

    const auto events = s.ok("p2", "record_outcome", {{"outcome", "done"}});
    REQUIRE(events.size() == 1);
    CHECK(events[0].type == "outcome_recorded");
    CHECK(events[0].data == nlohmann::json{{"outcome", "done"}, {"note", ""}});

    s.ok("p1", "start");
    s.advance(minute);
    // The presenter may correct it; the last word counts.
    s.ok("p2", "record_outcome",
         {{"outcome", "partly"}, {"note", "Antrag gestellt, Bescheid fehlt"}});
    const auto& result = s.data().previous->result;
    REQUIRE(result);
    CHECK(result->result == "partly");
    CHECK(result->note == "Antrag gestellt, Bescheid fehlt");
    CHECK(result->recorded_by == "p2");
    CHECK(result->recorded_at == s.now());

    const auto snapshot = to_json(s.state())["previous_session"]["outcome"];
    CHECK(snapshot["outcome"] == "partly");
    CHECK(snapshot["recorded_by"] == "p2");

    s.ok("p1", "end");
    CHECK(s.refused("p2", "record_outcome", {{"outcome", "done"}}) == "session_ended");
}

TEST_CASE("the outcome shows in the minutes, their Markdown and the print page", "[outcome]") {
    auto s = qz_with_roles();
    s.ok("system", "link_previous_session", previous_link);
    s.ok("p2", "record_outcome", {{"outcome", "not_done"}, {"note", "Vermieter <lehnte> ab"}});
    s.ok("p1", "start");
    s.ok("p1", "end");
    const auto minutes = build_minutes(s.state());
    const auto& previous = minutes["previous_session"];
    CHECK(previous["session_id"] == "r-earlier");
    CHECK(previous["prognosis_distribution"] == nlohmann::json{0, 1, 2, 1, 0});
    CHECK(previous["outcome"]["outcome"] == "not_done");
    CHECK(previous["outcome"]["recorded_by"]["name"] == "Paula Presenter");

    const auto md = render_minutes_markdown(minutes);
    CHECK(md.find("**Was daraus wurde:** nicht umgesetzt – Vermieter \\<lehnte\\> ab (Paula "
                  "Presenter)") != std::string::npos);
    const auto html = render_minutes_html(minutes);
    CHECK(html.find("nicht umgesetzt – Vermieter &lt;lehnte&gt; ab") != std::string::npos);
}

TEST_CASE("a new link replaces the previous session and forgets its outcome", "[outcome]") {
    auto s = qz_with_roles();
    s.ok("system", "link_previous_session", previous_link);
    s.ok("p2", "record_outcome", {{"outcome", "done"}});
    auto other = previous_link;
    other["previous_session_id"] = "r-later";
    s.ok("system", "link_previous_session", other);
    CHECK(s.data().previous->session_id == "r-later");
    CHECK_FALSE(s.data().previous->result);
}
