#include "tests/integration/support/child_process.hpp"
#include "tests/integration/support/live_room.hpp"
#include "tests/integration/support/metrics_probe.hpp"
#include "tests/integration/support/private_cluster.hpp"
#include "tests/integration/support/server_process.hpp"
#include "tests/integration/support/test_database.hpp"

#include <catch2/catch.hpp>
#include <pqxx/pqxx>

using namespace casecircle::testing;
using json = nlohmann::json;

namespace {

json card(const std::string& text) {
    return {{"category", "was_taete_gut"}, {"text", text}};
}

json snapshot(ws_client& c) {
    c.send({{"type", "snapshot"}});
    return c.wait_type("state");
}

long long stored_events(const std::string& url) {
    pqxx::connection conn(url);
    pqxx::nontransaction tx(conn);
    return tx.exec1("SELECT count(*) FROM room_events")[0].as<long long>();
}

} // namespace

TEST_CASE("a card acknowledged just before SIGKILL survives, and the client resumes with exactly "
          "what it missed") {
    test_database db;
    auto server = std::make_unique<server_process>(db.url());
    live_room room(server->port(), 1, 5);
    const auto presenter_saw = room.presenter->last_seq();
    const auto ack = room.participants[0]->command("add_card", card("vor dem Absturz"));
    REQUIRE(ack["type"] == "ack");
    const auto card_seq = ack["seqs"][0].get<std::uint64_t>();
    const auto before = snapshot(*room.moderator);
    server->kill();

    server_process restarted(db.url());
    // Nothing is read at the start: the room is loaded when someone comes back to it.
    CHECK(metric(restarted.port(), "casecircle_rooms") == 0);
    ws_client again(restarted.port());
    const auto welcome = again.resume(room.tokens[1], presenter_saw);
    REQUIRE(welcome["type"] == "welcome");
    CHECK(metric(restarted.port(), "casecircle_rooms") == 1);
    CHECK(welcome["participant_id"] == room.ids[1]);
    CHECK(welcome["last_seq"] == before["last_seq"]);
    // Timers and everything else continue from the log: the state is the one before the crash.
    CHECK(welcome["state"] == before["state"]);

    // The missed events follow the welcome in one frame.
    again.wait_type("events");
    std::vector<std::uint64_t> seqs;
    for (const auto& e : again.events())
        seqs.push_back(e["seq"]);
    std::vector<std::uint64_t> expected;
    for (auto s = presenter_saw + 1; s <= welcome["last_seq"].get<std::uint64_t>(); ++s)
        expected.push_back(s);
    REQUIRE(seqs == expected);
    const auto& card_event = again.events()[card_seq - presenter_saw - 1];
    CHECK(card_event["type"] == "card_added");
    CHECK(card_event["data"].dump().find("vor dem Absturz") != std::string::npos);

    // The room carries on where it stopped.
    const auto next = again.command_with_id("after-restart", "add_card", card("nach dem Neustart"));
    REQUIRE(next["type"] == "ack");
    CHECK(next["seqs"][0] == welcome["last_seq"].get<std::uint64_t>() + 1);
}

TEST_CASE("resuming with an up-to-date sequence number sends nothing old") {
    test_database db;
    server_process server(db.url());
    live_room room(server.port(), 1, 5);
    const auto seq =
        room.participants[0]->command("add_card", card("eins"))["seqs"][0].get<std::uint64_t>();
    ws_client again(server.port());
    const auto welcome = again.resume(room.tokens[2], seq);
    REQUIRE(welcome["type"] == "welcome");
    CHECK(welcome["last_seq"] == seq);
    // A fresh id: the same participant's "c1" from the first connection would be a resend.
    const auto ack = again.command_with_id("after-resume", "add_card", card("zwei"));
    REQUIRE(ack["type"] == "ack");
    // The only events it receives are the new ones.
    REQUIRE(!again.events().empty());
    CHECK(again.events().front()["seq"] == seq + 1);
}

TEST_CASE(
    "with PostgreSQL stopped, commands get storage_unavailable and afterwards the room continues") {
    private_cluster cluster;
    const auto admin_url = cluster.url();

    server_process server(admin_url);
    live_room room(server.port(), 1, 5);
    auto& p = *room.participants[0];
    const auto before = p.command("add_card", card("vorher"));
    REQUIRE(before["type"] == "ack");
    const auto committed_before = stored_events(admin_url);

    REQUIRE(cluster.stop() == 0);
    const auto refused = p.command_with_id("during", "add_card", card("während"));
    CHECK(refused["type"] == "error");
    CHECK(refused["code"] == "storage_unavailable");
    CHECK(refused["id"] == "during");

    REQUIRE(cluster.start() == admin_url);
    // The same command, sent again, now lands; a dead connection may cost one more try.
    json accepted;
    for (int attempt = 0; attempt < 3; ++attempt) {
        accepted = p.command_with_id("during", "add_card", card("während"));
        if (accepted["type"] == "ack") break;
    }
    REQUIRE(accepted["type"] == "ack");
    CHECK(stored_events(admin_url) ==
          committed_before + static_cast<long long>(accepted["seqs"].size()));
    // The refused attempt left nothing behind in the room either: no gap, no second card.
    CHECK(accepted["seqs"][0] == before["seqs"][0].get<std::uint64_t>() + 1);
    p.send({{"type", "snapshot"}});
    const auto state = p.wait_type("state");
    std::size_t copies = 0;
    for (const auto& c : state["state"]["cards"])
        copies += c["text"] == "während";
    CHECK(copies == 1);
    CHECK(room.moderator->command("add_card", card("weiter"))["type"] == "ack");
}

TEST_CASE("the benchmark flag --event-log memory acknowledges commands and stores none") {
    test_database db;
    server_process server(db.url(), {"--open-rooms", "yes", "--event-log", "memory"});
    CHECK_THAT(server.process().output(), Catch::Contains("--event-log memory"));
    live_room room(server.port(), 1, 5);
    const auto ack = room.participants[0]->command("add_card", card("nur im Speicher"));
    REQUIRE(ack["type"] == "ack");
    room.presenter->wait_seq(ack["seqs"][0]);
    CHECK(stored_events(db.url()) == 0);
}
