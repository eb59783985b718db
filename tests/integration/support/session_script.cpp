#include "tests/integration/support/session_script.hpp"

#include "tests/integration/support/live_room.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>

namespace casecircle::testing {
namespace {

using json = nlohmann::json;

void ok(ws_client& c, const std::string& type, const json& fields = json::object()) {
    const auto answer = c.command(type, fields);
    INFO(type << " " << fields.dump() << " → " << answer.dump());
    REQUIRE(answer["type"] == "ack");
}

void add_cards(ws_client& c, const std::vector<std::pair<std::string, std::string>>& cards) {
    for (const auto& [category, text] : cards)
        ok(c, "add_card", {{"category", category}, {"text", text}});
}

} // namespace

std::string date_from_today(int days) {
    using namespace std::chrono;
    const year_month_day day{floor<std::chrono::days>(system_clock::now()) +
                             std::chrono::days(days)};
    char text[32]; // room for any year the compiler can imagine
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()),
                  static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
    return text;
}

std::string run_session(std::uint16_t port, const session_script& script) {
    // At step 2: moderator, presenter, colleague.
    live_room room(port, 1, 2, script.case_code, script.cookies, script.registration_id,
                   script.format);
    auto& moderator = *room.moderator;
    auto& colleague = *room.participants[0];
    if (!script.outcome.empty())
        ok(*room.presenter, "record_outcome",
           {{"outcome", script.outcome}, {"note", script.outcome_note}});
    ok(*room.presenter, "set_question", {{"text", script.question}});
    for (int step = 3; step <= 5; ++step)
        ok(moderator, "next_step");
    add_cards(colleague, script.needs);
    ok(moderator, "next_step");
    ok(moderator, "next_step");
    add_cards(colleague, script.deficits);
    ok(moderator, "next_step");
    ok(*room.presenter, "record_decision",
       {{"text", script.decision},
        {"review_date", script.review_date.empty() ? date_from_today(30) : script.review_date}});
    ok(colleague, "state_backing", {{"vote", "yes"}});
    ok(moderator, "next_step");
    ok(colleague, "give_prognosis", {{"rating", 4}});
    if (!script.suggestion.empty())
        ok(colleague, "suggest_improvement", {{"text", script.suggestion}});
    ok(moderator, "end");
    if (script.approve)
        ok(moderator, "approve_minutes", {{"closing_remark", script.closing_remark}});
    return room.created["room_id"];
}

} // namespace casecircle::testing
