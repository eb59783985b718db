#include "support.hpp"

using namespace casecircle::protocol;
using namespace casecircle::protocol::testing;

namespace {

session_driver ended_session() {
    auto s = qz_with_roles();
    s.ok("p1", "start");
    s.ok("p1", "end");
    return s;
}

} // namespace

TEST_CASE("only the moderator approves, only after the end, and only once", "[approval]") {
    auto running = qz_with_roles();
    running.ok("p1", "start");
    CHECK(running.refused("p1", "approve_minutes") == "not_ended");

    auto s = ended_session();
    for (const auto* other : {"p2", "p3", "p4", "p5"}) {
        INFO(other);
        CHECK(s.refused(other, "approve_minutes") == "role_forbidden");
    }
    CHECK(s.refused("p1", "approve_minutes", {{"closing_remark", 42}}) == "invalid_field");
    CHECK(s.refused("p1", "approve_minutes", {{"closing_remark", std::string(4001, 'x')}}) ==
          "invalid_field");
    CHECK_FALSE(s.data().approval);

    s.advance(2 * minute);
    const auto events = s.ok("p1", "approve_minutes", {{"closing_remark", "Gute Runde."}});
    REQUIRE(events.size() == 1);
    CHECK(events[0].type == "minutes_approved");
    CHECK(events[0].data == nlohmann::json{{"closing_remark", "Gute Runde."}});
    CHECK(s.refused("p1", "approve_minutes") == "already_approved");
    CHECK(s.refused("p1", "add_card", {{"category", "x"}, {"text", "y"}}) == "session_ended");
}

TEST_CASE("the approval shows in the snapshot, the minutes and their Markdown", "[approval]") {
    auto s = ended_session();
    const auto draft = build_minutes(s.state());
    CHECK(draft["approved"] == false);
    CHECK(draft["closing_remark"].is_null());
    CHECK(render_minutes_markdown(draft).find("noch nicht freigegeben") != std::string::npos);
    CHECK(to_json(s.state())["minutes_approved"] == false);

    s.advance(minute);
    s.ok("p1", "approve_minutes", {{"closing_remark", "Wiedervorlage im Januar."}});
    const auto snapshot = to_json(s.state());
    CHECK(snapshot["minutes_approved"] == true);
    CHECK(snapshot["approved_at"] == s.now());
    CHECK(snapshot["closing_remark"] == "Wiedervorlage im Januar.");

    const auto minutes = build_minutes(s.state());
    CHECK(minutes["approved"] == true);
    CHECK(minutes["approved_at"] == s.now());
    CHECK(minutes["approved_by"]["id"] == "p1");
    const auto md = render_minutes_markdown(minutes);
    CHECK(md.find("Freigegeben von Mira Moderatorin") != std::string::npos);
    CHECK(md.find("Wiedervorlage im Januar.") != std::string::npos);
    CHECK(md.find("noch nicht freigegeben") == std::string::npos);
}

TEST_CASE("a log with an approval before the end or twice does not fold", "[approval]") {
    auto s = ended_session();
    auto events = s.events();
    auto approval = events.back();
    approval.seq = events.size() + 1;
    approval.type = "minutes_approved";
    approval.data = {{"closing_remark", ""}};

    auto twice = events;
    twice.push_back(approval);
    CHECK(std::holds_alternative<session_state>(replay(twice)));
    auto again = approval;
    again.seq += 1;
    twice.push_back(again);
    CHECK(std::holds_alternative<fold_error>(replay(twice)));

    auto early = events;
    early.pop_back(); // session_ended
    approval.seq = early.size() + 1;
    early.push_back(approval);
    CHECK(std::holds_alternative<fold_error>(replay(early)));
}

TEST_CASE("a guest joins only after the presenter confirmed consent, also before the start",
          "[consent]") {
    auto s = qz_with_roles();
    // Before the start a guest would already see the case code and the carried-in decision.
    CHECK(s.refused("", "join", {{"name", "Dr. Extern"}, {"role", "expert"}, {"guest", true}}) ==
          "consent_missing");
    CHECK(to_json(s.state())["guests"] == false);
    CHECK(s.refused("p3", "confirm_consent") == "role_forbidden");
    s.advance(minute);
    s.ok("p2", "confirm_consent");
    s.ok("", "join", {{"name", "Dr. Extern"}, {"role", "expert"}, {"guest", true}}); // p7
    CHECK(to_json(s.state())["guests"] == true);
    s.ok("p1", "start");
    const auto minutes = build_minutes(s.state());
    CHECK(minutes["guests"] == true);
    CHECK(minutes["consent"]["by"]["id"] == "p2");
    CHECK(minutes["participants"][6]["guest"] == true);
    CHECK(render_minutes_markdown(minutes).find("Einwilligung") != std::string::npos);
}

TEST_CASE("a guest cannot join a running session without consent", "[consent]") {
    auto s = qz_with_roles();
    s.ok("p1", "start");
    CHECK(s.refused("", "join", {{"name", "Dr. Extern"}, {"role", "expert"}, {"guest", true}}) ==
          "consent_missing");
    s.ok("", "join", {{"name", "Kollegin"}}); // members of the team are not guests
    s.ok("p2", "confirm_consent");
    s.ok("", "join", {{"name", "Dr. Extern"}, {"role", "expert"}, {"guest", true}});
    CHECK(build_minutes(s.state())["guests"] == true);
}

TEST_CASE("a guest can be made an observer, never moderator, presenter or participant",
          "[consent]") {
    auto s = qz_with_roles();
    s.ok("p2", "confirm_consent");
    s.ok("", "join", {{"name", "Dr. Extern"}, {"role", "expert"}, {"guest", true}}); // p7
    for (const auto* role : {"moderator", "presenter", "participant"}) {
        INFO(role);
        CHECK(s.refused("p1", "assign_role", {{"participant_id", "p7"}, {"role", role}}) ==
              "invalid_role");
    }
    s.ok("p1", "assign_role", {{"participant_id", "p7"}, {"role", "observer"}});
    CHECK(s.data().find_participant("p7")->role == role::observer);
}
