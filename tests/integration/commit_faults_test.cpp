// Issue #14: commits fail per room, a command id takes effect once at every timing, and a stalled
// PostgreSQL connection is noticed within the configured time.
#include "tests/integration/support/live_room.hpp"
#include "tests/integration/support/metrics_probe.hpp"
#include "tests/integration/support/server_process.hpp"
#include "tests/integration/support/test_database.hpp"

#include <catch2/catch.hpp>
#include <csignal>
#include <pqxx/pqxx>

using namespace casecircle::testing;
using json = nlohmann::json;

namespace {

json card(const std::string& text) {
    return {{"category", "was_taete_gut"}, {"text", text}};
}

json command_frame(const std::string& id, const std::string& type, const json& fields) {
    return {{"type", "command"}, {"id", id}, {"command", type}, {"fields", fields}};
}

// The answer (ack, rejected or error) to command `id`.
json answer_to(ws_client& c, const std::string& id) {
    return c.wait_for([&](const json& f) {
        return (f["type"] == "ack" || f["type"] == "rejected" || f["type"] == "error") &&
               f.value("id", "") == id;
    });
}

std::string room_of(const live_room& room) {
    return room.created["room_id"];
}

// Holds every append to room_events until released: the writer's next batch waits on the lock,
// and the commands sent meanwhile queue up behind it and share the batch after it.
class event_table_lock {
  public:
    explicit event_table_lock(const std::string& url) : conn_(url), tx_(conn_) {
        tx_.exec0("LOCK TABLE room_events IN EXCLUSIVE MODE");
    }
    void release() { tx_.commit(); }

  private:
    pqxx::connection conn_;
    pqxx::work tx_;
};

// Waits until the event writer is blocked on a lock (see event_table_lock). Only this test's
// database counts: the other lock test may run beside it in the same cluster.
void wait_for_writer_blocked(const std::string& url) {
    pqxx::connection conn(url);
    REQUIRE(eventually([&] {
        pqxx::nontransaction tx(conn);
        return tx.exec1("SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                        "'casecircle writer' AND wait_event_type = 'Lock' "
                        "AND datname = current_database()")[0]
                   .as<int>() == 1;
    }));
}

std::vector<long long> stored_seqs(const std::string& url, const std::string& room_id) {
    pqxx::connection conn(url);
    pqxx::nontransaction tx(conn);
    std::vector<long long> seqs;
    for (const auto& row : tx.exec(
             "SELECT seq FROM room_events WHERE room_id = " + tx.quote(room_id) + " ORDER BY seq"))
        seqs.push_back(row[0].as<long long>());
    return seqs;
}

long long stored_with_command(const std::string& url, const std::string& room_id,
                              const std::string& command_id) {
    pqxx::connection conn(url);
    pqxx::nontransaction tx(conn);
    return tx
        .exec1("SELECT count(*) FROM room_events WHERE room_id = " + tx.quote(room_id) +
               " AND command_id = " + tx.quote(command_id))[0]
        .as<long long>();
}

// What an in-doubt commit that did land leaves behind: the event of command `command_id` at
// `seq`, which the room's memory does not know. Made from the room's last card.
void store_landed_card(const std::string& url, const std::string& room_id, std::uint64_t seq,
                       const std::string& actor, const std::string& command_id,
                       const std::string& text) {
    pqxx::connection conn(url);
    pqxx::work tx(conn);
    const auto last =
        tx.exec1("SELECT data::text, at_ms FROM room_events WHERE room_id = " + tx.quote(room_id) +
                 " AND type = 'card_added' ORDER BY seq DESC "
                 "LIMIT 1");
    auto data = json::parse(last[0].as<std::string>());
    const auto number = std::stoi(data["card_id"].get<std::string>().substr(1)) + 1;
    data["card_id"] = "c" + std::to_string(number);
    data["text"] = text;
    tx.exec0("INSERT INTO room_events (room_id, seq, at_ms, actor, type, data, command_id) "
             "VALUES (" +
             tx.quote(room_id) + "," + std::to_string(seq) + "," +
             std::to_string(last[1].as<long long>() + 1) + "," + tx.quote(actor) +
             ",'card_added'," + tx.quote(data.dump()) + "::jsonb," + tx.quote(command_id) + ")");
    tx.commit();
}

std::vector<std::string> card_texts(ws_client& c) {
    c.send({{"type", "snapshot"}});
    std::vector<std::string> texts;
    const auto state = c.wait_type("state");
    for (const auto& k : state["state"]["cards"])
        texts.push_back(k["text"]);
    return texts;
}

} // namespace

TEST_CASE("a room whose commit clashes with a stored seq reads back what landed, and the other "
          "rooms in the same batch are acknowledged") {
    test_database db;
    server_process server(db.url());
    live_room a(server.port(), 1, 5, "FALL-2026-1");
    live_room b(server.port(), 1, 5, "FALL-2026-2");
    live_room c(server.port(), 1, 5, "FALL-2026-3");
    auto& writer_a = *a.participants[0];
    const auto first = writer_a.command_with_id("a-0", "add_card", card("erste"));
    REQUIRE(first["type"] == "ack");
    const auto n = first["seqs"][0].get<std::uint64_t>();
    // A commit of "a-1" whose outcome the server never learnt, but which landed.
    store_landed_card(db.url(), room_of(a), n + 1, a.ids[2], "a-1", "gelandet");

    event_table_lock lock(db.url());
    c.participants[0]->send(command_frame("c-1", "add_card", card("wartet")));
    wait_for_writer_blocked(db.url());
    // Room a resends "a-1" and sends "a-2" behind it; room b sends one card. a's and b's
    // requests wait for the writer together.
    writer_a.send(command_frame("a-1", "add_card", card("gelandet")));
    writer_a.send(command_frame("a-2", "add_card", card("frisch")));
    b.participants[0]->send(command_frame("b-1", "add_card", card("anderer Raum")));
    REQUIRE(
        eventually([&] { return metric(server.port(), "casecircle_commit_queue_requests") == 2; }));
    lock.release();

    CHECK(answer_to(*c.participants[0], "c-1")["type"] == "ack");
    const auto other_room = answer_to(*b.participants[0], "b-1");
    CHECK(other_room["type"] == "ack");
    // The landed command is answered with the seq it landed at, not applied a second time.
    const auto landed = answer_to(writer_a, "a-1");
    REQUIRE(landed["type"] == "ack");
    CHECK(landed["seqs"] == json::array({n + 1}));
    const auto fresh = answer_to(writer_a, "a-2");
    REQUIRE(fresh["type"] == "ack");
    CHECK(fresh["seqs"] == json::array({n + 2}));

    CHECK(metric(server.port(), "casecircle_commit_splits_total") >= 1);
    CHECK(metric(server.port(), "casecircle_room_syncs_total") >= 1);
    std::vector<long long> expected;
    for (long long s = 1; s <= static_cast<long long>(n + 2); ++s)
        expected.push_back(s);
    CHECK(stored_seqs(db.url(), room_of(a)) == expected);
    CHECK(stored_with_command(db.url(), room_of(a), "a-1") == 1);
    // Everyone in the room saw the landed event, and the room's state is the stored log's.
    a.moderator->wait_seq(n + 2);
    CHECK(card_texts(*a.moderator) == std::vector<std::string>{"erste", "gelandet", "frisch"});
    // And it carries on.
    CHECK(writer_a.command_with_id("a-3", "add_card", card("weiter"))["seqs"] ==
          json::array({n + 3}));
}

TEST_CASE("one command id sent three times before its commit, on two connections of the same "
          "participant, takes effect once and gets three identical answers") {
    test_database db;
    server_process server(db.url());
    live_room room(server.port(), 1, 5);
    auto& first = *room.participants[0];
    ws_client second(server.port());
    REQUIRE(second.resume(room.tokens[2], 0)["type"] == "welcome");

    event_table_lock lock(db.url());
    room.moderator->send(command_frame("m-1", "add_card", card("vorweg")));
    wait_for_writer_blocked(db.url());
    first.send(command_frame("same", "add_card", card("nur einmal")));
    first.send(command_frame("same", "add_card", card("nur einmal")));
    second.send(command_frame("same", "add_card", card("nur einmal")));
    lock.release();

    const auto one = answer_to(first, "same");
    const auto two = answer_to(first, "same");
    const auto three = answer_to(second, "same");
    REQUIRE(one["type"] == "ack");
    CHECK(two == one);
    CHECK(three == one);
    CHECK(stored_with_command(db.url(), room_of(room), "same") == 1);
    const auto texts = card_texts(*room.moderator);
    CHECK(std::count(texts.begin(), texts.end(), "nur einmal") == 1);
}

TEST_CASE("a refused command id stays refused, also after a restart and once the situation "
          "would allow it") {
    test_database db;
    auto server = std::make_unique<server_process>(db.url());
    live_room room(server->port(), 1, 0);
    auto& p = *room.participants[0];
    const auto early = p.command_with_id("zu-frueh", "add_card", card("vor dem Start"));
    REQUIRE(early["type"] == "rejected");
    CHECK(early["code"] == "not_started");
    REQUIRE(room.moderator->command("start")["type"] == "ack");
    for (int s = 1; s < 5; ++s)
        REQUIRE(room.moderator->command("next_step")["type"] == "ack");
    CHECK(p.command_with_id("zu-frueh", "add_card", card("vor dem Start")) == early);

    server->kill();
    server = std::make_unique<server_process>(db.url());
    ws_client again(server->port());
    REQUIRE(again.resume(room.tokens[2], 0)["type"] == "welcome");
    CHECK(again.command_with_id("zu-frueh", "add_card", card("vor dem Start")) == early);
    CHECK(again.command_with_id("danach", "add_card", card("jetzt"))["type"] == "ack");
}

TEST_CASE("a stalled PostgreSQL connection turns into storage_unavailable within the database "
          "timeout, and the room continues afterwards") {
    test_database db;
    server_process server(db.url(), {"--database-timeout", "2"});
    live_room room(server.port(), 1, 5);
    auto& p = *room.participants[0];
    REQUIRE(p.command_with_id("vorher", "add_card", card("vorher"))["type"] == "ack");

    pqxx::connection conn(db.url());
    int backend = 0;
    {
        pqxx::nontransaction tx(conn);
        backend = tx.exec1("SELECT pid FROM pg_stat_activity WHERE application_name = "
                           "'casecircle writer' AND datname = current_database()")[0]
                      .as<int>();
    }
    // The backend stops answering, as a frozen host or a half-open connection would; the kernel
    // still accepts our bytes, so only a deadline can tell.
    REQUIRE(::kill(backend, SIGSTOP) == 0);
    struct resume_backend {
        int pid;
        ~resume_backend() { ::kill(pid, SIGCONT); }
    } resume{backend};

    const auto sent = std::chrono::steady_clock::now();
    p.send(command_frame("stau", "add_card", card("im Stau")));
    const auto refused = answer_to(p, "stau");
    const auto waited = std::chrono::steady_clock::now() - sent;
    CHECK(refused["type"] == "error");
    CHECK(refused["code"] == "storage_unavailable");
    CHECK(waited < std::chrono::seconds(6));
    CHECK(metric(server.port(), "casecircle_errors_total{what=\"storage_stall\"}") >= 1);

    ::kill(backend, SIGCONT);
    // The same command, sent again, lands once; the stalled transaction may hold its row for
    // one more try.
    auto accepted = json::object();
    for (int attempt = 0; attempt < 5 && accepted.value("type", "") != "ack"; ++attempt)
        accepted = p.command_with_id("stau", "add_card", card("im Stau"));
    REQUIRE(accepted["type"] == "ack");
    CHECK(stored_with_command(db.url(), room_of(room), "stau") == 1);
    CHECK(room.moderator->command("add_card", card("weiter"))["type"] == "ack");
}
