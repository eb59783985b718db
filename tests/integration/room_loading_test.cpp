// Issue #15: a start reads no room; rooms are loaded when someone enters them, and a room whose
// log does not replay is set aside instead of stopping the start.
#include "tests/integration/support/live_room.hpp"
#include "tests/integration/support/metrics_probe.hpp"
#include "tests/integration/support/server_process.hpp"
#include "tests/integration/support/test_database.hpp"

#include <catch2/catch.hpp>
#include <pqxx/pqxx>

using namespace casecircle::testing;
using json = nlohmann::json;

namespace {

const std::vector<std::string> open_rooms = {"--open-rooms", "yes"};

// `copies` old sessions made from the stored log of `room_id`, as months of use leave them.
void copy_room(const std::string& url, const std::string& room_id, int copies) {
    pqxx::connection conn(url);
    pqxx::work tx(conn);
    const auto n = std::to_string(copies);
    const auto id = tx.quote(room_id);
    tx.exec0("INSERT INTO rooms (room_id, format, case_code, title, invite_hash, created_at) "
             "SELECT 'old-' || g, format, case_code, title, 'old-invite-' || g, created_at "
             "FROM rooms, generate_series(1, " +
             n + ") g WHERE room_id = " + id);
    tx.exec0("INSERT INTO room_events (room_id, seq, at_ms, actor, type, data, command_id) "
             "SELECT 'old-' || g, seq, at_ms, actor, type, data, command_id "
             "FROM room_events, generate_series(1, " +
             n + ") g WHERE room_id = " + id);
    tx.commit();
}

} // namespace

TEST_CASE("a server started over 5,000 old rooms is ready at once and holds only the rooms "
          "someone enters, and a room whose log does not replay is set aside") {
    test_database db;
    std::string kept_token, broken_token;
    std::string kept_room, broken_room;
    {
        server_process first(db.url(), open_rooms);
        live_room kept(first.port(), 1, 3);
        live_room broken(first.port(), 1, 2);
        kept_token = kept.tokens[1];
        broken_token = broken.tokens[1];
        kept_room = kept.created["room_id"];
        broken_room = broken.created["room_id"];
        first.stop();
    }
    copy_room(db.url(), kept_room, 5000);
    {
        // An event the engine cannot apply, after the last one (the log is append-only).
        pqxx::connection conn(db.url());
        pqxx::work tx(conn);
        tx.exec0("INSERT INTO room_events (room_id, seq, at_ms, actor, type, data) "
                 "SELECT room_id, seq + 1, at_ms, actor, 'card_added', '{}' FROM room_events "
                 "WHERE room_id = " +
                 tx.quote(broken_room) + " ORDER BY seq DESC LIMIT 1");
        tx.commit();
    }

    const auto started = std::chrono::steady_clock::now();
    server_process server(db.url(), open_rooms);
    const auto ready = std::chrono::steady_clock::now() - started;
    CHECK(ready < std::chrono::seconds(2));
    CHECK(metric(server.port(), "casecircle_rooms") == 0);

    ws_client back(server.port());
    const auto welcome = back.resume(kept_token, 0);
    REQUIRE(welcome["type"] == "welcome");
    CHECK(welcome["room_id"] == kept_room);
    CHECK(metric(server.port(), "casecircle_rooms") == 1);

    ws_client refused(server.port());
    CHECK(refused.resume(broken_token, 0)["code"] == "room_unavailable");
    CHECK(metric(server.port(), "casecircle_rooms_set_aside") == 1);
    CHECK(metric(server.port(), "casecircle_rooms") == 1);
    // The others carry on.
    back.send({{"type", "snapshot"}});
    CHECK(back.wait_type("state")["last_seq"] == welcome["last_seq"]);
    server.stop();
    CHECK_THAT(server.process().output(), Catch::Contains("room_set_aside"));
}

TEST_CASE("a session that retention deleted leaves a running server at once: its people are sent "
          "away and its tokens are unknown") {
    test_database db;
    // Housekeeping looks every second (a quarter of the shortest period, at least one second).
    server_process server(db.url(), {"--open-rooms", "yes", "--room-unload-after", "4"});
    live_room room(server.port(), 1, 2);
    const auto id = room.created["room_id"].get<std::string>();
    {
        // An open room expires a day after it was opened; retention's function takes it.
        pqxx::connection admin(db.url());
        pqxx::nontransaction(admin).exec0(
            "UPDATE rooms SET created_at = now() - interval '2 days' WHERE room_id = " +
            admin.quote(id));
        pqxx::connection conn(db.server_url());
        pqxx::work tx(conn);
        REQUIRE(tx.exec("SELECT * FROM delete_expired_sessions(24, 'test')").size() == 1);
        tx.commit();
    }
    const auto farewell =
        room.moderator->wait_for([](const json& f) { return f["type"] == "error"; });
    CHECK(farewell["code"] == "session_deleted");
    REQUIRE(eventually([&] { return metric(server.port(), "casecircle_rooms") == 0; }));
    ws_client back(server.port());
    CHECK(back.resume(room.tokens[1], 0)["code"] == "unknown_token");
}
