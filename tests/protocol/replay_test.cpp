#include "full_session.hpp"

using namespace casecircle::protocol;
using namespace casecircle::protocol::testing;
using nlohmann::json;

TEST_CASE("replaying a session's events gives an identical state and identical minutes",
          "[replay]") {
    const auto live = full_quality_circle();
    auto replayed = replay(live.events());
    REQUIRE(std::holds_alternative<session_state>(replayed));
    const auto& state = std::get<session_state>(replayed);
    CHECK(to_json(state).dump() == to_json(live.state()).dump());
    CHECK(build_minutes(state).dump() == build_minutes(live.state()).dump());

    // Every prefix replays to the state the live session had at that point: a client that
    // rejoins mid-session sees what everyone else saw.
    session_state step_by_step;
    for (const auto& e : live.events())
        REQUIRE_FALSE(step_by_step.apply(e));
    CHECK(step_by_step.last_seq() == live.events().size());
}

TEST_CASE("events survive their JSON form (database and wire)", "[replay]") {
    const auto live = full_quality_circle();
    std::vector<event> reloaded;
    for (const auto& e : live.events()) {
        const auto text = to_json(e).dump();
        const auto back = event_from_json(json::parse(text));
        REQUIRE(back);
        CHECK(back->seq == e.seq);
        CHECK(back->at == e.at);
        CHECK(back->actor == e.actor);
        CHECK(back->type == e.type);
        CHECK(back->data == e.data);
        reloaded.push_back(*back);
    }
    CHECK(std::get<json>(build_minutes(reloaded)).dump() == build_minutes(live.state()).dump());
}

TEST_CASE("event_from_json refuses malformed events", "[replay]") {
    const json good{{"seq", 3},
                    {"at", 1000},
                    {"actor", "p1"},
                    {"type", "session_paused"},
                    {"data", {{"step", 1}}}};
    CHECK(event_from_json(good));
    for (const auto* key : {"seq", "at", "actor", "type", "data"}) {
        auto bad = good;
        bad.erase(key);
        CHECK_FALSE(event_from_json(bad));
    }
    auto bad = good;
    bad["seq"] = 0;
    CHECK_FALSE(event_from_json(bad));
    bad = good;
    bad["seq"] = -4;
    CHECK_FALSE(event_from_json(bad));
    bad = good;
    bad["at"] = 1.5;
    CHECK_FALSE(event_from_json(bad));
    bad = good;
    bad["data"] = json::array();
    CHECK_FALSE(event_from_json(bad));
    CHECK_FALSE(event_from_json(json::array()));
}

TEST_CASE("the fold refuses gaps, strangers and corrupt data without changing the state",
          "[replay]") {
    const auto live = full_quality_circle();
    const auto& events = live.events();

    SECTION("a gap in the sequence") {
        session_state s;
        REQUIRE_FALSE(s.apply(events[0]));
        const auto error = s.apply(events[2]);
        REQUIRE(error);
        CHECK(error->seq == 3);
        CHECK(s.last_seq() == 1);
    }
    SECTION("an event before session_created") {
        session_state s;
        CHECK(s.apply(events[1]));
    }
    SECTION("corrupt events are refused and leave the state as it was") {
        session_state s;
        for (std::size_t i = 0; i < 20; ++i)
            REQUIRE_FALSE(s.apply(events[i]));
        const auto before = to_json(s).dump();
        const auto next_seq = s.last_seq() + 1;
        const std::vector<event> corrupt{
            {next_seq,
             0,
             "p3",
             "card_added",
             {{"card_id", "c1"},
              {"step", 4},
              {"category", "nirgendwo"},
              {"text", "x"},
              {"advocatus", false}}},
            {next_seq,
             0,
             "p3",
             "card_added",
             {{"card_id", "c99"},
              {"step", 1},
              {"category", "staerken"},
              {"text", "x"},
              {"advocatus", false}}},
            {next_seq,
             0,
             "p3",
             "participant_joined",
             {{"participant_id", "p3"}, {"name", "Doppelt"}, {"role", "participant"}}},
            {next_seq,
             0,
             "p1",
             "role_changed",
             {{"participant_id", "p42"}, {"role", "participant"}}},
            {next_seq, 0, "p1", "step_started", {{"step", 99}}},
            {next_seq,
             0,
             "p1",
             "turn_changed",
             {{"step", 1},
              {"order", {"p77"}},
              {"participant_id", "p77"},
              {"round", 1},
              {"consecutive_passes", 0}}},
            {next_seq,
             0,
             "p1",
             "session_created",
             {{"template", json::object()}, {"case_code", "X1"}, {"title", ""}}},
            {next_seq, 0, "p1", "no_such_event", json::object()},
            {next_seq, 0, "p1", "decision_recorded", {{"text", 5}}},
            {next_seq,
             0,
             "p1",
             "cards_grouped",
             {{"group_id", "g1"}, {"step", 4}, {"label", "x"}, {"card_ids", {"c404"}}}},
        };
        for (const auto& e : corrupt) {
            INFO(e.type << " " << e.data.dump());
            CHECK(s.apply(e));
            CHECK(to_json(s).dump() == before);
        }
    }
    SECTION("an embedded template that does not validate") {
        auto first = events[0];
        first.data["template"]["steps"] = json::array();
        session_state s;
        const auto error = s.apply(first);
        REQUIRE(error);
        CHECK_THAT(error->message, Catch::Contains("/steps"));
    }
    SECTION("minutes of a broken log report the fold error") {
        auto broken = events;
        broken.erase(broken.begin() + 5);
        const auto built = build_minutes(broken);
        REQUIRE(std::holds_alternative<fold_error>(built));
        CHECK(std::get<fold_error>(built).seq == 7);
    }
}

TEST_CASE("the snapshot holds what a rejoining client needs", "[replay]") {
    auto s = full_quality_circle();
    const auto j = to_json(s.state());
    CHECK(j["format"] == "qualitaetszirkel");
    CHECK(j["ended"] == true);
    CHECK(j["steps"].size() == 9);
    CHECK(j["steps"][3]["key"] == s.state().data().format->steps[3].key);
    CHECK(j["steps"][3]["timer"]["extended_minutes"] == 5);
    CHECK(j["steps"][2]["timer"]["pauses"].size() == 1);
    // The step texts are the format's client document, named by key, not part of each state.
    CHECK(j["template_key"] == s.state().data().format->client_key);
    CHECK_FALSE(j["steps"][3].contains("categories"));
    const auto format = json::parse(s.state().data().format->client_frame)["format"];
    CHECK(format["steps"][3]["budget_minutes"] == 10);
    CHECK(format["steps"][3]["categories"][0]["title"]["de"] == "Schwächen");
    CHECK(j["participants"][5]["advocatus"] == true);
    CHECK(j["participants"][1]["presenter"] == true);
    CHECK(j["cards"].size() == 15); // 16 written, one withdrawn
    CHECK(j["groups"][0]["label"] == "Finanzen");
    CHECK(j["question"]["chosen"]["question_id"] == "a1");
    CHECK(j["decision"]["review_date"] == "2027-01-15");
    CHECK(j["backing"].size() == 3);
    CHECK(j["prognosis"].size() == 4);
    CHECK(j["feedback"].size() == 2);
    CHECK(j["suggestions"].size() == 1);
    CHECK(j["prognosis_obstacles"] == json{"c15"});
    CHECK(j["advocatus_available"] == true);
    CHECK(j["previous_session"]["previous_session_id"] == "5b1e");
    CHECK(j["timer"].is_object());
    CHECK(j["round"].is_null());
}

TEST_CASE("a state that knows the shipped templates shares them instead of parsing its copy",
          "[replay]") {
    const auto live = full_quality_circle();
    session_state shared(&shipped_templates());
    for (const auto& e : live.events())
        REQUIRE_FALSE(shared.apply(e));
    CHECK(shared.data().format == shipped_templates().find("qualitaetszirkel"));
    CHECK(to_json(shared).dump() == to_json(live.state()).dump());

    // A session created from another version of the template keeps its own copy.
    auto events = live.events();
    events[0].data["template"]["description"]["de"] = "Eine ältere Fassung";
    session_state older(&shipped_templates());
    for (const auto& e : events)
        REQUIRE_FALSE(older.apply(e));
    CHECK(older.data().format != shipped_templates().find("qualitaetszirkel"));
    CHECK(older.data().format->source["description"]["de"] == "Eine ältere Fassung");
}
