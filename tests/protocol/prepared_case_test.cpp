#include "protocol/minutes_csv.hpp"
#include "protocol/minutes_html.hpp"
#include "support.hpp"

using namespace casecircle::protocol;
using namespace casecircle::protocol::testing;
using nlohmann::json;

// prepare_case: the server carries in what a case manager registered for the circle date, right
// after the session was created.

namespace {

json summary_parts() {
    return {{"history", "Hauptschulabschluss, Ausbildung abgebrochen."},
            {"initial_situation", "Seit 2 Jahren arbeitslos."},
            {"work_so_far", "Profiling; Arbeitsbündnis brüchig."},
            {"service_steering", "Schuldnerberatung bisher nicht erreicht."}};
}

json card_for(int step, const char* category, const char* text, const char* author = "Kollegin K") {
    return {{"step", step}, {"category", category}, {"text", text}, {"author_name", author}};
}

json registered_case() {
    return {
        {"registration_id", "reg-42"},
        {"prepared_by", "Carla Case"},
        {"case_summary", summary_parts()},
        {"question", "Wie gewinne ich K. für verbindliche Termine?"},
        {"cards",
         {card_for(4, "staerken", "Humor"), card_for(4, "schwaechen", "Meidet Post", "Kollege L"),
          card_for(6, "vorhandene_hilfe", "Schuldnerberatung")}}};
}

std::string message_of(const outcome& o) {
    const auto* r = std::get_if<rejection>(&o);
    return r == nullptr ? std::string() : r->message_en;
}

// A prepared quality circle that ran through to the end without the presenter's own summary or
// question.
session_driver prepared_and_ended() {
    auto s = qz_with_roles();
    s.ok("system", "prepare_case", registered_case());
    s.ok("p1", "start");
    s.go_to_step(9);
    s.ok("p1", "end");
    return s;
}

} // namespace

TEST_CASE("prepare_case: the registered case arrives as events", "[prepared]") {
    auto s = qz_with_roles();
    const auto events = s.ok("system", "prepare_case", registered_case());
    REQUIRE(events.size() == 4);
    CHECK(events[0].type == "case_prepared");
    CHECK(events[0].actor == "system");
    CHECK(events[0].data == json{{"registration_id", "reg-42"},
                                 {"prepared_by", "Carla Case"},
                                 {"case_summary", summary_parts()},
                                 {"question", "Wie gewinne ich K. für verbindliche Termine?"},
                                 {"cards", 3}});
    CHECK(events[2].type == "card_added");
    CHECK(events[2].actor == "system");
    CHECK(events[2].data == json{{"card_id", "c2"},
                                 {"step", 4},
                                 {"category", "schwaechen"},
                                 {"text", "Meidet Post"},
                                 {"advocatus", false},
                                 {"written_beforehand", true},
                                 {"author_name", "Kollege L"}});
    CHECK(events[3].seq == events[0].seq + 3);

    SECTION("parts and question may be left out; missing parts are empty") {
        auto t = qz_with_roles();
        const auto only = t.ok("system", "prepare_case",
                               {{"registration_id", "r"},
                                {"prepared_by", "Carla Case"},
                                {"case_summary", {{"history", "Nur die Vorgeschichte"}}}});
        REQUIRE(only.size() == 1);
        CHECK(only[0].data["case_summary"]["work_so_far"] == "");
        CHECK(only[0].data["question"] == "");
        CHECK(only[0].data["cards"] == 0);
        CHECK_FALSE(t.data().question);
        REQUIRE(t.data().summary);
        CHECK(t.data().summary->history == "Nur die Vorgeschichte");
    }
    SECTION("nothing but the registration leaves the records empty") {
        auto t = qz_with_roles();
        t.ok("system", "prepare_case", {{"registration_id", "r"}, {"prepared_by", "Carla"}});
        CHECK(t.data().prepared);
        CHECK_FALSE(t.data().summary);
        CHECK_FALSE(t.data().question);
        CHECK(to_json(t.state())["case_summary"].is_null());
    }
}

TEST_CASE("prepare_case: refusals", "[prepared]") {
    auto s = qz_with_roles();
    const auto seq = s.data().last_seq;
    CHECK(s.refused("p1", "prepare_case", registered_case()) == "role_forbidden");
    CHECK(s.refused("p2", "prepare_case", registered_case()) == "role_forbidden");
    CHECK(s.refused("", "prepare_case", registered_case()) == "role_forbidden");

    const auto with = [](const char* key, json value) {
        auto f = registered_case();
        f[key] = std::move(value);
        return f;
    };
    CHECK(s.refused("system", "prepare_case", with("registration_id", "")) == "invalid_field");
    CHECK(s.refused("system", "prepare_case", with("registration_id", std::string(101, 'r'))) ==
          "invalid_field");
    CHECK(s.refused("system", "prepare_case", with("prepared_by", "Zwei\nZeilen")) ==
          "invalid_field");
    CHECK(s.refused("system", "prepare_case", with("case_summary", "Text")) == "invalid_field");
    CHECK(message_of(s.run("system", "prepare_case",
                           with("case_summary", {{"history", std::string(4001, 'x')}}))) ==
          "The field \"case_summary/history\" is missing or invalid.");
    CHECK(s.refused("system", "prepare_case", with("question", std::string(501, 'q'))) ==
          "invalid_field");
    CHECK(s.refused("system", "prepare_case", with("cards", "keine")) == "invalid_field");
    CHECK(s.refused("system", "prepare_case",
                    with("cards", json(std::vector<json>(201, card_for(4, "staerken", "x"))))) ==
          "invalid_field");

    SECTION("each card: an existing step, with writers, and one of its categories") {
        const auto bad_step =
            s.run("system", "prepare_case",
                  with("cards", {card_for(4, "staerken", "ok"), card_for(10, "x", "y")}));
        CHECK(code_of(bad_step) == "invalid_field");
        CHECK(message_of(bad_step) == "The field \"cards/1/step\" is missing or invalid.");
        CHECK(code_of(s.run("system", "prepare_case", with("cards", {card_for(0, "x", "y")}))) ==
              "invalid_field");
        auto as_text = card_for(4, "staerken", "x");
        as_text["step"] = "4";
        CHECK(s.refused("system", "prepare_case", with("cards", {as_text})) == "invalid_field");
        CHECK(s.refused("system", "prepare_case", with("cards", {card_for(1, "staerken", "x")})) ==
              "no_cards_in_step");
        CHECK(s.refused("system", "prepare_case", with("cards", {card_for(5, "staerken", "x")})) ==
              "unknown_category");
        // The session's own records are written in the session.
        CHECK(s.refused("system", "prepare_case", with("cards", {card_for(9, "prognose", "x")})) ==
              "unknown_category");
        CHECK(message_of(s.run("system", "prepare_case",
                               with("cards", {card_for(4, "staerken", "  ")}))) ==
              "The field \"cards/0/text\" is missing or invalid.");
        CHECK(message_of(s.run("system", "prepare_case",
                               with("cards", {card_for(4, "staerken", "x", "")}))) ==
              "The field \"cards/0/author_name\" is missing or invalid.");
    }
    CHECK(s.data().last_seq == seq); // nothing of a refused preparation is kept

    SECTION("once, and only before the start") {
        auto twice = s;
        twice.ok("system", "prepare_case", registered_case());
        CHECK(twice.refused("system", "prepare_case", registered_case()) == "already_prepared");
        auto started = s;
        started.ok("p1", "start");
        CHECK(started.refused("system", "prepare_case", registered_case()) == "already_started");
        started.ok("p1", "end");
        CHECK(started.refused("system", "prepare_case", registered_case()) == "session_ended");
    }
}

TEST_CASE("prepare_case: the state shows the prepared records and cards", "[prepared]") {
    auto s = qz_with_roles();
    s.ok("system", "prepare_case", registered_case());
    const auto state = to_json(s.state());
    CHECK(state["prepared"] ==
          json{{"registration_id", "reg-42"}, {"prepared_by", "Carla Case"}, {"at", t0}});
    CHECK(state["case_summary"]["author"] == "system");
    CHECK(state["case_summary"]["prepared_by"] == "Carla Case");
    CHECK(state["case_summary"]["work_so_far"] == "Profiling; Arbeitsbündnis brüchig.");
    CHECK(state["question"]["original"]["text"] == "Wie gewinne ich K. für verbindliche Termine?");
    CHECK(state["question"]["original"]["prepared_by"] == "Carla Case");
    REQUIRE(state["cards"].size() == 3);
    CHECK(state["cards"][0]["author"] == "system");
    CHECK(state["cards"][0]["written_beforehand"] == true);
    CHECK(state["cards"][0]["author_name"] == "Kollegin K");

    s.ok("p1", "start");
    s.go_to_step(4);
    s.ok("p3", "add_card", {{"category", "staerken"}, {"text", "Kontakt zur Schwester"}});
    const auto own = to_json(s.state())["cards"][3];
    CHECK(own["author"] == "p3");
    CHECK_FALSE(own.contains("written_beforehand")); // the state stays compact
    CHECK_FALSE(own.contains("author_name"));

    SECTION("nobody in the session edits or withdraws them; the moderator sorts them") {
        CHECK(s.refused("p3", "edit_card", {{"card_id", "c1"}, {"text", "x"}}) == "not_author");
        CHECK(s.refused("p1", "edit_card", {{"card_id", "c1"}, {"text", "x"}}) == "not_author");
        CHECK(s.refused("p2", "withdraw_card", {{"card_id", "c2"}}) == "not_author");
        s.ok("p1", "move_card", {{"card_id", "c1"}, {"category", "schwaechen"}});
        s.ok("p1", "group_cards", {{"card_ids", {"c1", "c2", "c4"}}, {"label", "Familie"}});
        CHECK(s.data().cards[0].group == "g1");
        CHECK(s.data().cards[0].category == "schwaechen");
    }
}

TEST_CASE("prepare_case: the presenter replaces the prepared summary and question", "[prepared]") {
    auto s = qz_with_roles();
    s.ok("system", "prepare_case", registered_case());
    s.ok("p1", "start");
    s.ok("p2", "set_case_summary", {{"history", "Eigene Fassung"}});
    auto state = to_json(s.state());
    CHECK(state["case_summary"]["author"] == "p2");
    CHECK(state["case_summary"]["prepared_by"].is_null());
    CHECK(state["case_summary"]["work_so_far"] == ""); // replaced as a whole, as always
    CHECK(state["question"]["original"]["prepared_by"] == "Carla Case");
    s.go_to_step(2);
    s.ok("p2", "set_question", {{"text", "Eigene Frage?"}});
    state = to_json(s.state());
    CHECK(state["question"]["original"]["author"] == "p2");
    CHECK(state["question"]["original"]["prepared_by"].is_null());
    CHECK(state["prepared"]["prepared_by"] == "Carla Case"); // the registration stays on record
}

TEST_CASE("prepare_case: the moderator chooses the prepared question like the presenter's",
          "[prepared]") {
    auto s = qz_with_roles();
    s.ok("system", "prepare_case", registered_case());
    s.ok("p1", "start");
    s.go_to_step(3);
    const auto chosen = s.ok("p1", "choose_question", {{"question_id", "original"}});
    CHECK(chosen[0].data["text"] == "Wie gewinne ich K. für verbindliche Termine?");
}

TEST_CASE("prepare_case: the minutes say what was prepared and by whom", "[prepared][minutes]") {
    const auto s = prepared_and_ended();
    const auto m = build_minutes(s.state());
    CHECK(m["prepared"] == json{{"registration_id", "reg-42"}, {"prepared_by", "Carla Case"}});
    CHECK(m["case_summary"]["prepared_by"] == "Carla Case");
    CHECK(m["case_summary"]["author"] == json{{"id", "system"}, {"name", "Carla Case"}});
    CHECK(m["question"]["original"]["prepared_by"] == "Carla Case");
    CHECK(m["question"]["valid"]["text"] == "Wie gewinne ich K. für verbindliche Termine?");
    const auto& strengths = m["steps"][3]["categories"][1]["cards"];
    REQUIRE(strengths.size() == 1);
    CHECK(strengths[0]["written_beforehand"] == true);
    CHECK(strengths[0]["author"] == json{{"id", "system"}, {"name", "Kollegin K"}});

    // Prepared records count as present.
    for (const auto& point : m["open_points"]) {
        CHECK(point["code"] != "case_summary_incomplete");
        CHECK(point["code"] != "no_question");
    }

    const auto markdown = render_minutes_markdown(m);
    CHECK(markdown.find("*Vorab vorbereitet von Carla Case.*") != std::string::npos);
    CHECK(markdown.find("Wie gewinne ich K. für verbindliche Termine? *(Vorab vorbereitet von "
                        "Carla Case)*") != std::string::npos);
    CHECK(markdown.find("- Humor — Kollegin K *(vorab geschrieben)*") != std::string::npos);

    const auto html = render_minutes_html(m);
    CHECK(html.find("Vorab vorbereitet von Carla Case.") != std::string::npos);
    CHECK(html.find("Humor <span class=\"who\">— Kollegin K</span> <span "
                    "class=\"tag\">(vorab geschrieben)</span>") != std::string::npos);

    const auto csv = render_cards_csv(m);
    CHECK(csv.find("c1;Humor;Kollegin K;nein;;ja\r\n") != std::string::npos);
}

TEST_CASE("prepare_case: once replaced, the minutes no longer say prepared", "[prepared]") {
    auto s = qz_with_roles();
    s.ok("system", "prepare_case", registered_case());
    s.ok("p1", "start");
    s.ok("p2", "set_case_summary", summary_parts());
    s.go_to_step(2);
    s.ok("p2", "set_question", {{"text", "Eigene Frage?"}});
    s.ok("p1", "end");
    const auto m = build_minutes(s.state());
    CHECK(m["case_summary"]["prepared_by"].is_null());
    CHECK(m["case_summary"]["author"]["id"] == "p2");
    CHECK(m["question"]["original"]["prepared_by"].is_null());
    CHECK(render_minutes_markdown(m).find("orbereitet") == std::string::npos);
}

TEST_CASE("prepare_case: an incomplete draft is an incomplete summary", "[prepared][minutes]") {
    auto s = qz_with_roles();
    s.ok("system", "prepare_case",
         {{"registration_id", "r"},
          {"prepared_by", "Carla Case"},
          {"case_summary", {{"history", "Nur die Vorgeschichte"}}}});
    s.ok("p1", "start");
    s.ok("p1", "end");
    const auto m = build_minutes(s.state());
    CHECK(m["case_summary"]["missing_parts"] ==
          json{"initial_situation", "work_so_far", "service_steering"});
    std::vector<std::string> codes;
    for (const auto& point : m["open_points"])
        codes.push_back(point["code"]);
    CHECK(std::find(codes.begin(), codes.end(), "case_summary_incomplete") != codes.end());
    CHECK(std::find(codes.begin(), codes.end(), "no_question") != codes.end());
}

TEST_CASE("prepare_case: the log replays, and the fold refuses forgeries", "[prepared][replay]") {
    check_stored_log_replays(prepared_and_ended());

    auto fresh = qz_with_roles();
    auto prepared = fresh;
    const auto events = prepared.ok("system", "prepare_case", registered_case());
    auto forged = events[0];
    forged.actor = "p1";
    CHECK(session_state(fresh.state()).apply(forged));
    auto card_by_person = events[1];
    card_by_person.seq = fresh.data().last_seq + 1;
    card_by_person.actor = "p3";
    CHECK(session_state(fresh.state()).apply(card_by_person)); // beforehand is the system's
    auto again = events[0];
    again.seq = prepared.data().last_seq + 1;
    CHECK(session_state(prepared.state()).apply(again)); // twice
}
