// Several processes on one database (issue #18): a room is served by the holder of its lease,
// and PostgreSQL refuses every append of a lease epoch that is over.
#include "db/event_writer.hpp"
#include "db/room_leases.hpp"
#include "tests/integration/support/http_client.hpp"
#include "tests/integration/support/live_room.hpp"
#include "tests/integration/support/metrics_probe.hpp"
#include "tests/integration/support/server_process.hpp"
#include "tests/integration/support/test_database.hpp"

#include <catch2/catch.hpp>
#include <csignal>
#include <future>
#include <pqxx/pqxx>

using namespace casecircle::testing;
using json = nlohmann::json;
namespace db = casecircle::db;

namespace {

std::vector<std::string> node(const std::string& name) {
    return {"--node-name", name, "--lease-ttl", "2", "--open-rooms", "yes"};
}

json card(const std::string& text) {
    return {{"category", "was_taete_gut"}, {"text", text}};
}

struct lease_row {
    std::string node;
    long long epoch;
    bool live;
};

lease_row lease_of(const std::string& url, const std::string& room_id) {
    pqxx::connection conn(url);
    pqxx::nontransaction tx(conn);
    const auto row = tx.exec_params1(
        "SELECT node, epoch, expires_at > now() FROM room_leases WHERE room_id = $1", room_id);
    return {row[0].as<std::string>(), row[1].as<long long>(), row[2].as<bool>()};
}

long long stored_with(const std::string& url, const std::string& text) {
    pqxx::connection conn(url);
    pqxx::nontransaction tx(conn);
    return tx
        .exec_params1("SELECT count(*) FROM room_events WHERE data::text LIKE $1",
                      "%" + text + "%")[0]
        .as<long long>();
}

db::commit_result append_card(const std::string& url, const std::string& room_id,
                              std::int64_t epoch, std::uint64_t seq, const std::string& text) {
    db::event_writer writer({url, "lease test", std::chrono::seconds(5)},
                            {"a", std::chrono::seconds(5)}, nullptr,
                            [](const char*, const std::string&) {});
    std::promise<db::commit_result> result;
    db::append_request request;
    request.room_id = room_id;
    request.lease_epoch = epoch;
    request.rows.push_back(
        {{seq, 0, "p2", "card_added", {{"category", "was_taete_gut"}, {"text", text}}}, ""});
    request.done = [&result](db::commit_result r) { result.set_value(r); };
    writer.append(std::move(request));
    return result.get_future().get();
}

// Entering through `port` until the room is there: room_elsewhere ends an entry attempt, and the
// client tries again on a new connection (as the browser does, after retry_after_ms).
std::unique_ptr<ws_client> resume_where_served(std::uint16_t port, const std::string& token,
                                               std::uint64_t last_seq) {
    std::unique_ptr<ws_client> client;
    json answer;
    const bool served = eventually(
        [&] {
            client = std::make_unique<ws_client>(port);
            answer = client->resume(token, last_seq);
            return answer.value("code", "") != "room_elsewhere";
        },
        std::chrono::seconds(15));
    REQUIRE(served);
    REQUIRE(answer["type"] == "welcome");
    return client;
}

// Two processes on one database, a and b, and a quality circle at step 5 served by a.
struct two_nodes {
    test_database db;
    server_process a{db.url(), node("a")};
    server_process b{db.url(), node("b")};
    live_room room{a.port(), 1, 5};
    std::string room_id = room.created["room_id"];
};

} // namespace

TEST_CASE("PostgreSQL refuses an append that names a lease epoch taken over since") {
    test_database db;
    std::string room_id;
    std::uint64_t last_seq = 0;
    {
        server_process a(db.url(), node("a"));
        live_room room(a.port(), 1, 5);
        room_id = room.created["room_id"];
        last_seq = room.moderator->last_seq();
        a.stop();
    }
    // a stopped without handing its lease back; it runs out, and b takes the room.
    REQUIRE(lease_of(db.url(), room_id).epoch == 1);
    {
        pqxx::connection conn(db.url());
        pqxx::nontransaction tx(conn);
        tx.exec_params("UPDATE room_leases SET expires_at = now() - interval '1 s' "
                       "WHERE room_id = $1",
                       room_id);
    }
    {
        pqxx::connection as_server(db.server_url());
        const auto taken =
            db::take_room_lease(as_server, room_id, "b", std::chrono::milliseconds(60000));
        REQUIRE(taken.epoch == 2);
        // While b's lease is live, a third process gets no epoch and is told who holds it.
        const auto refused =
            db::take_room_lease(as_server, room_id, "c", std::chrono::milliseconds(60000));
        CHECK_FALSE(refused.epoch);
        CHECK(refused.holder == "b");
        CHECK(refused.wait.count() > 50000);
    }
    // The old holder's writer, with its old epoch: refused in the transaction, nothing stored.
    CHECK(append_card(db.server_url(), room_id, 1, last_seq + 1, "alte Epoche") ==
          db::commit_result::lease_lost);
    CHECK(stored_with(db.url(), "alte Epoche") == 0);
    CHECK(append_card(db.server_url(), room_id, 2, last_seq + 1, "neue Epoche") ==
          db::commit_result::committed);
    CHECK(stored_with(db.url(), "neue Epoche") == 1);
}

TEST_CASE_METHOD(
    two_nodes,
    "a paused process whose lease was taken over writes nothing more, and its people end "
    "on the new owner") {
    CHECK(lease_of(db.url(), room_id).node == "a");

    a.process().signal(SIGSTOP);
    REQUIRE(eventually([&] { return !lease_of(db.url(), room_id).live; }));
    // The moderator comes back through b, which takes the room (epoch 2) and serves it.
    auto moderator = resume_where_served(b.port(), room.tokens[0], room.moderator->last_seq());
    CHECK(lease_of(db.url(), room_id).node == "b");
    CHECK(lease_of(db.url(), room_id).epoch == 2);
    // (Command ids are the participant's across devices: the new connection uses its own.)
    REQUIRE(moderator->command_with_id("karte-b", "add_card", card("auf b geschrieben"))["type"] ==
            "ack");

    // A participant still on a sends a card while a is paused; a wakes up and must not store it.
    auto& on_a = *room.participants[0];
    on_a.send({{"type", "command"},
               {"id", "karte-1"},
               {"command", "add_card"},
               {"fields", card("auf a geschrieben")}});
    a.process().signal(SIGCONT);
    const auto moved = on_a.wait_for(
        [](const json& f) { return f["type"] == "error" && f["code"] == "room_moved"; });
    CHECK(moved["message"].get<std::string>().find("umgezogen") != std::string::npos);
    CHECK(eventually([&] { return metric(a.port(), "casecircle_rooms_fenced_total") == 1; }));
    CHECK(metric(a.port(), "casecircle_rooms") == 0);
    CHECK(stored_with(db.url(), "auf a geschrieben") == 0);

    // The participant resumes on b, sees the card written there and sends its card again.
    ws_client again(b.port());
    REQUIRE(again.resume(room.tokens[2], on_a.last_seq())["type"] == "welcome");
    again.wait_for([](const json& f) {
        return f["type"] == "events" && f.dump().find("auf b geschrieben") != std::string::npos;
    });
    CHECK(again.command_with_id("karte-1", "add_card", card("auf a geschrieben"))["type"] == "ack");
    CHECK(again.command_with_id("karte-1", "add_card", card("auf a geschrieben"))["type"] == "ack");
    CHECK(stored_with(db.url(), "auf a geschrieben") == 1);
}

TEST_CASE_METHOD(
    two_nodes, "a process asked for a room another process holds gets it handed over, and everyone "
               "follows") {

    // Someone enters through b (nginx sends the room's people there now): b asks a for it.
    ws_client first_try(b.port());
    const auto elsewhere = first_try.join(room.invite, "Neu");
    REQUIRE(elsewhere["type"] == "error");
    CHECK(elsewhere["code"] == "room_elsewhere");
    CHECK(elsewhere["retry_after_ms"].get<long long>() > 0);
    // a sends its people away to come back where the room is going.
    for (auto* c : room.everyone())
        c->wait_for(
            [](const json& f) { return f["type"] == "error" && f["code"] == "room_moved"; });
    CHECK(metric(a.port(), "casecircle_rooms_handed_over_total") == 1);

    auto moderator = resume_where_served(b.port(), room.tokens[0], room.moderator->last_seq());
    CHECK(lease_of(db.url(), room_id).node == "b");
    CHECK(moderator->command_with_id("karte-b", "add_card", card("nach der Uebergabe"))["type"] ==
          "ack");
    CHECK(stored_with(db.url(), "nach der Uebergabe") == 1);
    const auto health = json::parse(http_get(b.port(), "/healthz").body);
    CHECK(health["node"] == "b");
    CHECK(health["leases"] == 1);
    CHECK(health["writer"]["state"] == "ok");
}
