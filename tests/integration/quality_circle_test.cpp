#include "tests/integration/support/live_room.hpp"
#include "tests/integration/support/server_process.hpp"
#include "tests/integration/support/test_database.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>

using namespace casecircle::testing;
using json = nlohmann::json;

namespace {

json card(const std::string& category, const std::string& text) {
    return {{"category", category}, {"text", text}};
}

// The engine refuses review dates in the past; a month ahead is always valid.
std::string date_in_a_month() {
    using namespace std::chrono;
    const year_month_day day{floor<days>(system_clock::now()) + days(30)};
    char text[11];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()),
                  static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
    return text;
}

void ok(ws_client& c, const std::string& type, const json& fields = json::object()) {
    const auto answer = c.command(type, fields);
    INFO(type << " " << fields.dump() << " → " << answer.dump());
    REQUIRE(answer["type"] == "ack");
}

std::string refused(ws_client& c, const std::string& type, const json& fields = json::object()) {
    const auto answer = c.command(type, fields);
    return answer.value("code", answer["type"].get<std::string>());
}

json snapshot(ws_client& c) {
    c.send({{"type", "snapshot"}});
    return c.wait_type("state")["state"];
}

json fetch_minutes(ws_client& c) {
    c.send({{"type", "minutes"}});
    return c.wait_for([](const json& f) {
        return f["type"] == "minutes" || (f["type"] == "error" && !f.contains("id"));
    });
}

// Every client has every event up to the newest one, and all agree on the step.
void everyone_at(live_room& room, int step) {
    const auto seq = room.moderator->last_seq();
    for (auto* c : room.everyone()) {
        c->wait_seq(seq);
        CHECK(snapshot(*c)["current_step"] == step);
    }
}

void next_step(live_room& room, int to) {
    // Only the moderator moves on.
    CHECK(refused(*room.participants[0], "next_step") == "role_forbidden");
    CHECK(refused(*room.presenter, "next_step") == "role_forbidden");
    ok(*room.moderator, "next_step");
    everyone_at(room, to);
}

} // namespace

TEST_CASE("a full nine-step quality circle runs over the wire with five clients") {
    test_database db;
    server_process server(db.url());
    live_room room(server.port(), 3, 1); // p1 moderator, p2 presenter, p3–p5 colleagues
    auto& moderator = *room.moderator;
    auto& presenter = *room.presenter;
    auto& p3 = *room.participants[0];
    auto& p4 = *room.participants[1];
    auto& p5 = *room.participants[2];
    everyone_at(room, 1);

    // 1 Fallvorstellung: only the presenter records the case report.
    CHECK(refused(p3, "set_case_summary", {{"history", "x"}}) == "role_forbidden");
    ok(presenter, "set_case_summary",
       {{"history", "Ausbildung abgebrochen."},
        {"initial_situation", "Seit 2 Jahren arbeitslos."},
        {"work_so_far", "Arbeitsbündnis brüchig."},
        {"service_steering", "Schuldnerberatung nicht erreicht."}});
    next_step(room, 2);

    // 2 Beratungsfrage.
    ok(presenter, "set_question", {{"text", "Wie gewinne ich K. für verbindliche Termine?"}});
    next_step(room, 3);

    // 3 Verständnisfragen: an alternative question is proposed and chosen.
    ok(p3, "propose_alternative_question", {{"text", "Was hindert K. daran, Termine zu halten?"}});
    const auto alternative = snapshot(moderator)["question"]["alternatives"][0]["id"];
    ok(moderator, "choose_question", {{"question_id", alternative}});
    next_step(room, 4);

    // 4 Stärken/Schwächen reihum: one card per turn, in join order.
    CHECK(snapshot(p3)["round"]["turn"] == "p3");
    CHECK(refused(p4, "add_card", card("staerken", "Zu früh")) == "not_your_turn");
    ok(p3, "add_card", card("staerken", "Hält Termine, die ihn interessieren"));
    ok(p4, "pass_turn");
    ok(p5, "add_card", card("schwaechen", "Vermeidet Behördenpost"));
    ok(p3, "add_card", card("schwaechen", "Schulden"));
    next_step(room, 5);

    // 5 Was täte gut: free cards for everyone at once.
    for (auto* c : {&presenter, &p3, &p4, &p5})
        c->send({{"type", "command"},
                 {"id", "gut"},
                 {"command", "add_card"},
                 {"fields", card("was_taete_gut", "Ein fester Ansprechpartner")}});
    for (auto* c : {&presenter, &p3, &p4, &p5})
        CHECK(c->wait_for([](const json& f) { return f.value("id", "") == "gut"; })["type"] ==
              "ack");
    next_step(room, 6);

    // 6 Hilfen.
    ok(p3, "add_card", card("vorhandene_hilfe", "Schuldnerberatung"));
    ok(p4, "add_card", card("vorhandene_hilfe", "Aufsuchende Hilfe"));
    next_step(room, 7);

    // 7 Defizite im Hilfesystem.
    ok(p4, "add_card", card("fehlt", "Aufsuchende Schuldnerberatung"));
    ok(p5, "add_card", card("zu_spaet", "Termin erst nach 10 Wochen"));
    next_step(room, 8);

    // 8 Optionen, Entscheidung, Rückhalt: the presenter decides, the team backs.
    ok(p3, "add_option", {{"text", "Gemeinsamer Termin bei der Schuldnerberatung"}});
    CHECK(refused(p3, "record_decision", {{"text", "x"}, {"review_date", date_in_a_month()}}) ==
          "role_forbidden");
    const auto review_date = date_in_a_month();
    ok(presenter, "record_decision",
       {{"text", "Ich begleite K. zum ersten Termin."}, {"review_date", review_date}});
    ok(p3, "state_backing", {{"vote", "yes"}});
    ok(p4, "state_backing", {{"vote", "yes"}});
    ok(p5, "state_backing", {{"vote", "no"}, {"note", "Erst die Sucht angehen"}});
    next_step(room, 9);

    // 9 Prognose und Rückmeldung.
    CHECK(refused(moderator, "next_step") == "no_next_step");
    for (auto* c : {&presenter, &p3, &p4, &p5})
        ok(*c, "give_prognosis", {{"rating", 4}});
    ok(presenter, "give_feedback", {{"text", "Entlastet"}});
    ok(p4, "suggest_improvement", {{"text", "Mehr Zeit für die Beratungsfrage"}});
    CHECK(refused(p3, "end") == "role_forbidden");
    ok(moderator, "end");
    const auto ended_seq = moderator.last_seq();
    for (auto* c : room.everyone())
        c->wait_seq(ended_seq);

    // The minutes: a draft for the moderator only, then approved and readable for all.
    CHECK(fetch_minutes(p3)["code"] == "minutes_not_available");
    const auto draft = fetch_minutes(moderator);
    REQUIRE(draft["type"] == "minutes");
    CHECK(draft["approved"] == false);
    CHECK(refused(p3, "approve_minutes") == "role_forbidden");
    ok(moderator, "approve_minutes", {{"closing_remark", "Wiedervorlage wie vereinbart."}});
    CHECK(refused(moderator, "approve_minutes") == "already_approved");

    const auto minutes = fetch_minutes(p5);
    REQUIRE(minutes["type"] == "minutes");
    CHECK(minutes["approved"] == true);
    const auto& m = minutes["minutes"];
    CHECK(m["case_code"] == "FALL-2026-17");
    CHECK(m["question"]["valid"]["text"] == "Was hindert K. daran, Termine zu halten?");
    CHECK(m["decision"]["text"] == "Ich begleite K. zum ersten Termin.");
    CHECK(m["review_date"] == review_date);
    CHECK(m["backing"]["tally"] == json{{"yes", 2}, {"no", 1}, {"abstain", 0}});
    CHECK(m["prognosis"]["count"] == 4);
    CHECK(m["closing_remark"] == "Wiedervorlage wie vereinbart.");
    CHECK(m["steps"].size() == 9);
    for (const auto& step : m["steps"])
        CHECK(step["reached"] == true);
    CHECK(minutes["markdown"].get<std::string>().find("Ich begleite K. zum ersten Termin.") !=
          std::string::npos);

    // All five saw the same log, event for event.
    const auto last = moderator.last_seq();
    for (auto* c : room.everyone()) {
        c->wait_seq(last);
        const auto& mine = c->events();
        const auto& reference = moderator.events();
        REQUIRE(mine.size() <= reference.size());
        CHECK(std::equal(mine.rbegin(), mine.rend(), reference.rbegin()));
    }
}
