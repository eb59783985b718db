// state_updates (issue #17): a client that asks for it gets the state with every events frame,
// whole or as a JSON Patch from the state it holds, so that it never has to ask for a snapshot.
#include "tests/integration/support/live_room.hpp"
#include "tests/integration/support/metrics_probe.hpp"
#include "tests/integration/support/server_process.hpp"
#include "tests/integration/support/test_database.hpp"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace casecircle::testing;
using json = nlohmann::json;

namespace {

json card(const std::string& text) {
    return {{"category", "was_taete_gut"}, {"text", text}};
}

json snapshot(ws_client& c) {
    c.send({{"type", "snapshot"}});
    return c.wait_type("state")["state"];
}

// A client's view of the state, kept only from what the server pushes.
struct pushed_state {
    json state;
    std::uint64_t seq = 0;
    int patches = 0;

    explicit pushed_state(const json& welcome)
        : state(welcome["state"]), seq(welcome["last_seq"].get<std::uint64_t>()) {}

    // Every events frame the client has received since `from` (an index into seen()).
    void apply(const ws_client& c, std::size_t from) {
        for (auto i = from; i < c.seen().size(); ++i) {
            const auto& frame = c.seen()[i];
            if (frame["type"] != "events") continue;
            const auto last = frame["events"].back()["seq"].get<std::uint64_t>();
            if (frame.contains("state_patch") && frame["base_seq"] == seq) {
                state = state.patch(frame["state_patch"]);
                seq = last;
                ++patches;
            } else {
                // Only events the welcome's state already holds come without a usable patch.
                INFO(frame.dump());
                CHECK(last <= seq);
            }
        }
    }
};

json enter(ws_client& c, const json& frame) {
    c.send(frame);
    const auto welcome = c.wait_entry();
    INFO(welcome.dump());
    REQUIRE(welcome["type"] == "welcome");
    return welcome;
}

} // namespace

TEST_CASE("with state_updates, every events frame brings the state along: whole, or as a patch "
          "of the state the client holds") {
    test_database db;
    server_process server(db.url());
    live_room room(server.port(), 1, 5);
    ws_client patched(server.port()), whole(server.port());
    const auto paula = enter(
        patched,
        {{"type", "join"}, {"invite", room.invite}, {"name", "Paula"}, {"state_updates", "patch"}});
    pushed_state mine(paula);
    enter(whole,
          {{"type", "join"}, {"invite", room.invite}, {"name", "Vera"}, {"state_updates", "full"}});

    auto& p = *room.participants[0];
    for (int i = 0; i < 5; ++i)
        REQUIRE(p.command("add_card", card("Karte " + std::to_string(i)))["type"] == "ack");
    const auto paulas = patched.command("add_card", card("von Paula"));
    REQUIRE(paulas["type"] == "ack");
    const auto last = paulas["seqs"].back().get<std::uint64_t>();
    for (auto* c : {&patched, &whole, &p})
        c->wait_seq(last);

    mine.apply(patched, 0);
    CHECK(mine.patches >= 6);
    CHECK(mine.seq == last);
    const auto truth = snapshot(p);
    CHECK(mine.state == truth);
    const auto last_whole = std::find_if(whole.seen().rbegin(), whole.seen().rend(),
                                         [](const json& f) { return f["type"] == "events"; });
    REQUIRE(last_whole != whole.seen().rend());
    CHECK((*last_whole)["events"].back()["seq"] == last);
    CHECK((*last_whole)["state"] == truth);
    // A client that did not ask gets the events alone, as before.
    for (const auto& frame : p.seen())
        if (frame["type"] == "events") {
            CHECK_FALSE(frame.contains("state"));
            CHECK_FALSE(frame.contains("state_patch"));
        }

    SECTION("after a resume the welcome's state is the base, and the patches go on from it") {
        // Paula's second device, behind by the cards added meanwhile.
        const auto seen_before = mine.seq;
        ws_client back(server.port());
        for (int i = 0; i < 3; ++i)
            REQUIRE(p.command("add_card", card("während weg " + std::to_string(i)))["type"] ==
                    "ack");
        pushed_state resumed(enter(back, {{"type", "resume"},
                                          {"token", paula["token"]},
                                          {"last_seq", seen_before},
                                          {"state_updates", "patch"}}));
        const auto again = p.command("add_card", card("wieder da"));
        REQUIRE(again["type"] == "ack");
        back.wait_seq(again["seqs"].back().get<std::uint64_t>());
        resumed.apply(back, 0);
        CHECK(resumed.patches >= 1);
        CHECK(resumed.state == snapshot(p));
    }
    SECTION("an unknown kind of update is refused at the entry") {
        ws_client odd(server.port());
        odd.send({{"type", "join"},
                  {"invite", room.invite},
                  {"name", "Otto"},
                  {"state_updates", "oft"}});
        const auto refused = odd.wait_entry();
        CHECK(refused["code"] == "invalid_field");
    }
}

TEST_CASE("frames handed to one connection together leave in one socket write") {
    test_database db;
    server_process server(db.url());
    ws_client moderator(server.port());
    REQUIRE(moderator.create("qualitaetszirkel", "FALL-2026-17", "Mira")["type"] == "welcome");
    // The format document and the welcome: two frames, one write (and one for the handshake).
    CHECK(metric(server.port(), "casecircle_websocket_frames_written_total") == 2);
    CHECK(metric(server.port(), "casecircle_websocket_writes_total") == 2);
    // Who is online goes out 150 ms after the entry, as a frame of its own.
    moderator.wait_type("presence");
    const auto frames = metric(server.port(), "casecircle_websocket_frames_written_total");
    const auto writes = metric(server.port(), "casecircle_websocket_writes_total");
    // A command's events frame and its ack to the sender: two frames, one write.
    REQUIRE(moderator.command("cancel_session", {{"reason", "too_few_present"}})["type"] == "ack");
    CHECK(metric(server.port(), "casecircle_websocket_frames_written_total") == frames + 2);
    CHECK(metric(server.port(), "casecircle_websocket_writes_total") == writes + 1);
}
