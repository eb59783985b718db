// Issue #14: a room cannot grow without end.
#include "tests/integration/support/live_room.hpp"
#include "tests/integration/support/metrics_probe.hpp"
#include "tests/integration/support/server_process.hpp"
#include "tests/integration/support/test_database.hpp"

#include <catch2/catch.hpp>

using namespace casecircle::testing;
using json = nlohmann::json;

namespace {

json card(const std::string& text) {
    return {{"category", "was_taete_gut"}, {"text", text}};
}

} // namespace

TEST_CASE("a participant's commands and a room's events are bounded, with a coded refusal") {
    test_database db;
    server_process server(db.url(),
                          {"--max-participant-commands", "12", "--max-room-events", "34"});
    live_room room(server.port(), 2, 5);
    auto& busy = *room.participants[0];
    for (int i = 0; i < 12; ++i)
        REQUIRE(busy.command("add_card", card("Karte " + std::to_string(i)))["type"] == "ack");
    const auto fourth = busy.command("add_card", card("eine zu viel"));
    CHECK(fourth["type"] == "rejected");
    CHECK(fourth["code"] == "participant_command_limit");
    CHECK(fourth["message"].get<std::string>().find("Aktionen") != std::string::npos);
    // Others still may, until the room is full.
    auto& other = *room.participants[1];
    std::uint64_t last = 0;
    auto answer = other.command("add_card", card("andere"));
    for (int i = 0; i < 40 && answer["type"] == "ack"; ++i) {
        last = answer["seqs"].back();
        answer = other.command("add_card", card("andere"));
    }
    CHECK(answer["type"] == "rejected");
    CHECK(answer["code"] == "room_event_limit");
    CHECK(last <= 34); // the last command may go past by the few events it makes
    CHECK(metric(server.port(), "casecircle_commands_rejected_total{code=\"room_event_limit\"}") ==
          1);
    CHECK(metric(server.port(), "casecircle_limit{name=\"max-room-events\"}") == 34);
}
