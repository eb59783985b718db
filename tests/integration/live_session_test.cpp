#include "tests/integration/support/http_client.hpp"
#include "tests/integration/support/live_room.hpp"
#include "tests/integration/support/server_process.hpp"
#include "tests/integration/support/test_database.hpp"

#include <catch2/catch.hpp>
#include <set>

using namespace casecircle::testing;
using json = nlohmann::json;

namespace {

json card(const std::string& text, const std::string& category = "was_taete_gut") {
    return {{"category", category}, {"text", text}};
}

// (seq, type) of every event a client saw, to compare clients with each other.
std::vector<std::pair<std::uint64_t, std::string>> timeline(const ws_client& c) {
    std::vector<std::pair<std::uint64_t, std::string>> out;
    for (const auto& e : c.events())
        out.emplace_back(e["seq"].get<std::uint64_t>(), e["type"].get<std::string>());
    return out;
}

std::size_t cards_in_snapshot(ws_client& c) {
    c.send({{"type", "snapshot"}});
    const auto state = c.wait_type("state");
    std::size_t live = 0;
    for (const auto& k : state["state"]["cards"])
        if (!k.value("withdrawn", false)) ++live;
    return live;
}

std::vector<json> frames_of_type(const ws_client& c, const std::string& type) {
    std::vector<json> out;
    for (const auto& f : c.seen())
        if (f["type"] == type) out.push_back(f);
    return out;
}

} // namespace

TEST_CASE("a client receives a format's steps once; states and events name them by key") {
    test_database db;
    server_process server(db.url());
    ws_client moderator(server.port());
    const auto welcome = moderator.create("qualitaetszirkel", "FALL-1", "Moderatorin");
    REQUIRE(welcome["type"] == "welcome");
    const auto key = welcome["state"]["template_key"].get<std::string>();
    REQUIRE(frames_of_type(moderator, "format").size() == 1);
    const auto format = frames_of_type(moderator, "format").front()["format"];
    CHECK(format["key"] == key);
    REQUIRE(format["steps"].size() == 9);
    CHECK(format["steps"][0]["title"]["de"].is_string());
    CHECK(welcome["state"]["steps"].size() == 9);
    CHECK_FALSE(welcome["state"]["steps"][0].contains("title"));
    CHECK(welcome["state"]["steps"][0]["key"] == format["steps"][0]["key"]);

    moderator.send({{"type", "snapshot"}});
    CHECK(moderator.wait_type("state")["state"]["template_key"] == key);
    CHECK(frames_of_type(moderator, "format").size() == 1);

    const auto token = welcome["token"].get<std::string>();
    SECTION("a resume that names the key gets no format frame") {
        ws_client again(server.port());
        CHECK(again.resume(token, 2, {"anderes@1-0", key})["type"] == "welcome");
        CHECK(frames_of_type(again, "format").empty());
    }
    SECTION("a resume from the start gets the format, and session_created names it by key") {
        ws_client fresh(server.port());
        CHECK(fresh.resume(token, 0)["type"] == "welcome");
        REQUIRE(frames_of_type(fresh, "format").size() == 1);
        CHECK(frames_of_type(fresh, "format").front()["format"] == format);
        // The welcome already says last_seq 2: wait for the events frame itself.
        fresh.wait_type("events");
        const auto created = fresh.events().front();
        REQUIRE(created["type"] == "session_created");
        CHECK(created["data"]["template_key"] == key);
        CHECK_FALSE(created["data"].contains("template"));
        CHECK(created["data"]["case_code"] == "FALL-1");
    }
    SECTION("a client that knows one format still gets another one's steps") {
        ws_client other(server.port());
        other.send({{"type", "create"},
                    {"format", "kollegiale_fallberatung"},
                    {"case_code", "FALL-2"},
                    {"name", "Moderator"},
                    {"known_templates", {key}}});
        const auto second = other.wait_type("welcome");
        REQUIRE(frames_of_type(other, "format").size() == 1);
        CHECK(frames_of_type(other, "format").front()["format"]["key"] ==
              second["state"]["template_key"]);
        CHECK(second["state"]["template_key"] != key);
    }
}

TEST_CASE("create and join hand out credentials and a wrong invitation code cannot join") {
    test_database db;
    server_process server(db.url());
    ws_client moderator(server.port());
    const auto welcome = moderator.create("qualitaetszirkel", "FALL-1", "Moderatorin");
    REQUIRE(welcome["type"] == "welcome");
    CHECK(welcome["participant_id"] == "p1");
    CHECK(welcome["token"].get<std::string>().size() == 64);
    CHECK(welcome["invite_code"].get<std::string>().size() == 14);
    CHECK(welcome["server_time"].is_number_integer());
    CHECK(welcome["state"].is_object());

    ws_client stranger(server.port());
    const auto refused = stranger.join("AAAA-BBBB-CCCC", "Fremd");
    CHECK(refused["type"] == "error");
    CHECK(refused["code"] == "unknown_invite");
    CHECK(stranger.resume(std::string(64, 'a'), 0)["code"] == "unknown_token");
    CHECK(stranger.command("add_card", card("x"))["code"] == "not_joined");

    // Case and separators do not matter when typing the code.
    auto code = welcome["invite_code"].get<std::string>();
    std::string typed;
    for (char c : code)
        if (c != '-') typed += static_cast<char>(std::tolower(c));
    ws_client colleague(server.port());
    const auto joined = colleague.join(typed, "Kollegin");
    REQUIRE(joined["type"] == "welcome");
    CHECK(joined["participant_id"] == "p2");
    CHECK(joined.contains("invite_code") == false);

    ws_client unknown_format(server.port());
    CHECK(unknown_format.create("kaffeerunde", "X", "Y")["code"] == "unknown_format");
    ws_client bad_case(server.port());
    CHECK(bad_case.create("qualitaetszirkel", "", "Y")["type"] == "rejected");
}

TEST_CASE(
    "clients in one room see each other's cards in the same order with the same sequence numbers") {
    test_database db;
    server_process server(db.url());
    live_room room(server.port(), 3, 5);
    auto all = room.everyone();
    // Everyone writes at once, without waiting for answers.
    for (int round = 0; round < 5; ++round)
        for (std::size_t i = 0; i < all.size(); ++i)
            all[i]->send(
                {{"type", "command"},
                 {"id", "k" + std::to_string(round)},
                 {"command", "add_card"},
                 {"fields", card("Karte " + std::to_string(i) + "/" + std::to_string(round))}});
    for (auto* c : all)
        for (int round = 0; round < 5; ++round)
            c->wait_for([&](const json& f) {
                return f["type"] == "ack" && f["id"] == "k" + std::to_string(round);
            });
    const auto final_seq = room.moderator->command("pause")["seqs"].back().get<std::uint64_t>();
    for (auto* c : all)
        c->wait_seq(final_seq);
    const auto reference = timeline(*room.moderator);
    std::set<std::uint64_t> seqs;
    for (const auto& [seq, type] : reference)
        seqs.insert(seq);
    CHECK(seqs.size() == reference.size());
    for (auto* c : all) {
        // Joined at different times, each client saw a suffix of the same log.
        const auto mine = timeline(*c);
        REQUIRE(mine.size() <= reference.size());
        CHECK(std::equal(mine.rbegin(), mine.rend(), reference.rbegin()));
    }
    CHECK(cards_in_snapshot(*room.moderator) == all.size() * 5);
}

TEST_CASE("a resent command id is answered with the original result and applied once") {
    test_database db;
    server_process server(db.url());
    live_room room(server.port(), 1, 5);
    auto& p = *room.participants[0];
    const auto first = p.command_with_id("same-id", "add_card", card("Einmal"));
    REQUIRE(first["type"] == "ack");
    const auto again = p.command_with_id("same-id", "add_card", card("Einmal"));
    CHECK(again["type"] == "ack");
    CHECK(again["seqs"] == first["seqs"]);
    CHECK(cards_in_snapshot(p) == 1);
    // The same id from another participant is another command.
    CHECK(room.presenter->command_with_id("same-id", "add_card", card("Andere"))["seqs"] !=
          first["seqs"]);
}

TEST_CASE("roles are enforced over the wire") {
    test_database db;
    server_process server(db.url());
    live_room room(server.port(), 2, 5);
    auto answer = room.participants[0]->command("next_step");
    CHECK(answer["type"] == "rejected");
    CHECK(answer["code"] == "role_forbidden");
    CHECK(answer["message"].get<std::string>().size() > 0);
    CHECK(answer["message_en"].get<std::string>().size() > 0);

    REQUIRE(room.moderator->command("assign_role", {{"participant_id", room.ids[3]},
                                                    {"role", "observer"}})["type"] == "ack");
    CHECK(room.participants[1]->command("add_card", card("darf nicht"))["type"] == "rejected");
    CHECK(room.participants[0]->command("add_card", card("darf"))["type"] == "ack");
}

TEST_CASE("bad input gets a coded error and the connection keeps working") {
    test_database db;
    server_process server(db.url());
    live_room room(server.port(), 1, 5);
    auto& c = *room.participants[0];
    const auto expect_error = [&](const std::string& text, const std::string& code) {
        c.send_text(text);
        const auto error = c.wait_type("error");
        CHECK(error["code"] == code);
        CHECK(!error["message"].get<std::string>().empty());
        c.send({{"type", "ping"}, {"t", 42}});
        CHECK(c.wait_type("pong")["t"] == 42);
    };
    expect_error("{not json", "invalid_json");
    expect_error(R"({"type":"dance"})", "unknown_type");
    expect_error(R"({"type":"command","id":"x"})", "missing_field");
    expect_error(R"({"type":"command","id":"x","command":"add_card","fields":5})", "invalid_field");
    expect_error(R"({"type":7})", "invalid_field");
    expect_error(R"([1,2,3])", "invalid_field");
    expect_error(R"({"type":"join","invite":"x","name":"y"})", "already_joined");
    expect_error(json{{"type", "command"},
                      {"id", "big"},
                      {"command", "add_card"},
                      {"fields", card(std::string(70 * 1024, 'x'))}}
                     .dump(),
                 "frame_too_large");
    CHECK(c.command("add_card", card("danach geht es weiter"))["type"] == "ack");
}

TEST_CASE("a flood of frames is answered with rate_limited, and others carry on") {
    test_database db;
    server_process server(db.url(), {"--rate-limit", "20"});
    live_room room(server.port(), 1, 5);
    auto& flooder = *room.participants[0];
    for (int i = 0; i < 300; ++i)
        flooder.send({{"type", "ping"}, {"t", i}});
    flooder.wait_for(
        [](const json& f) { return f["type"] == "error" && f["code"] == "rate_limited"; });
    CHECK(room.presenter->command("add_card", card("unbeeindruckt"))["type"] == "ack");
    const auto metrics = http_get(server.port(), "/metrics").body;
    CHECK(metrics.find("casecircle_frames_rate_limited_total") != std::string::npos);
    CHECK(metrics.find("casecircle_frames_rate_limited_total 0\n") == std::string::npos);
}

TEST_CASE("a client that stops reading is disconnected while the others carry on") {
    test_database db;
    server_process server(db.url(), {"--client-queue-limit", "16", "--rate-limit", "100000"});
    live_room room(server.port(), 1, 5);
    auto& stuck = *room.participants[0];
    // Large answers it never reads: the socket buffers fill, then its queue on the server.
    try {
        for (int i = 0; i < 3000; ++i)
            stuck.send({{"type", "snapshot"}});
    } catch (const boost::system::system_error&) {
        // The server may cut the connection before the last request is written: that is the point.
    }
    for (int i = 0; i < 20; ++i)
        REQUIRE(room.presenter->command("add_card", card("weiter " + std::to_string(i)))["type"] ==
                "ack");
    // The disconnect shows in /metrics.
    bool dropped = false;
    for (int attempt = 0; attempt < 200 && !dropped; ++attempt) {
        const auto metrics = http_get(server.port(), "/metrics").body;
        dropped =
            metrics.find("casecircle_queue_overflow_disconnects_total 0\n") == std::string::npos;
        if (!dropped) room.presenter->command("add_card", card("noch eine"));
    }
    CHECK(dropped);
    // Reading now, the stuck client finds its connection closed after what was already sent.
    while (stuck.next(std::chrono::seconds(10))) {
    }
    CHECK(stuck.closed());
    CHECK(room.moderator->command("add_card", card("läuft"))["type"] == "ack");
}
