// Issue #14: a connection cannot pin the server's memory or descriptors, and running out of
// descriptors neither stops the server nor floods its log.
#include "tests/integration/support/accounts.hpp"
#include "tests/integration/support/http_client.hpp"
#include "tests/integration/support/live_room.hpp"
#include "tests/integration/support/metrics_probe.hpp"
#include "tests/integration/support/server_process.hpp"
#include "tests/integration/support/test_database.hpp"

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>
#include <catch2/catch.hpp>
#include <memory>
#include <thread>

using namespace casecircle::testing;
using json = nlohmann::json;
namespace asio = boost::asio;

namespace {

std::size_t count_lines(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1))
        ++n;
    return n;
}

// A connection that ends with a reset (RST) after one answered request, so that the server is
// reading it when the reset comes.
void reset_connection(std::uint16_t port) {
    asio::io_context ioc;
    asio::ip::tcp::socket s(ioc);
    s.connect({asio::ip::make_address("127.0.0.1"), port});
    asio::write(s, asio::buffer(std::string("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")));
    std::string answer;
    asio::read_until(s, asio::dynamic_buffer(answer), "}");
    s.set_option(asio::socket_base::linger(true, 0));
    s.close();
}

} // namespace

TEST_CASE("a member who asks for snapshots and never reads is cut off by the bytes waiting for "
          "them, and can resume") {
    test_database db;
    server_process server(db.url(), {"--client-queue-bytes", "65536", "--client-queue-limit",
                                     "1000000", "--rate-limit", "1000000"});
    live_room room(server.port(), 1, 5);
    auto& greedy = *room.participants[0];
    const auto cut_off = [&] {
        return metric(server.port(), "casecircle_queue_bytes_disconnects_total") == 1;
    };
    // Kernel buffers take a few megabytes first; then the server's queue fills.
    for (int chunk = 0; chunk < 40 && !cut_off(); ++chunk) {
        try {
            for (int i = 0; i < 500; ++i)
                greedy.send({{"type", "snapshot"}});
        } catch (const std::exception&) {
            break; // the server closed the connection
        }
    }
    REQUIRE(eventually(cut_off));
    CHECK(metric(server.port(), "casecircle_queue_overflow_disconnects_total") == 0);
    CHECK(metric(server.port(), "casecircle_limit{name=\"client-queue-bytes\"}") == 65536);
    // Everyone else is unaffected, and the member comes back.
    CHECK(room.moderator->command("add_card", {{"category", "was_taete_gut"}, {"text", "x"}})
              .at("type") == "ack");
    ws_client back(server.port());
    CHECK(back.resume(room.tokens[2], 0)["type"] == "welcome");
}

TEST_CASE("a WebSocket that enters no session is closed at its deadline, and one that sends a "
          "large frame before entering is closed at once") {
    test_database db;
    server_process server(db.url(), {"--entry-timeout", "1"});
    ws_client silent(server.port());
    const auto opened = std::chrono::steady_clock::now();
    CHECK_FALSE(silent.next(std::chrono::seconds(10)).has_value());
    CHECK(silent.closed());
    const auto lasted = std::chrono::steady_clock::now() - opened;
    CHECK(lasted >= std::chrono::milliseconds(900));
    CHECK(lasted < std::chrono::seconds(5));
    CHECK(metric(server.port(), "casecircle_entry_timeouts_total") == 1);

    ws_client large(server.port());
    large.send_text(std::string(20000, ' '));
    CHECK_FALSE(large.next(std::chrono::seconds(5)).has_value());
    CHECK(large.closed());

    // Entering in time works as always, and the deadline no longer applies.
    ws_client member(server.port());
    REQUIRE(member.create("qualitaetszirkel", "FALL-1", "Moderatorin M.")["type"] == "welcome");
    member.send({{"type", "ping"}, {"t", 1}});
    CHECK(member.wait_type("pong")["type"] == "pong");
}

TEST_CASE("connections beyond the per-address limit are closed at once and counted") {
    test_database db;
    server_process server(db.url(), {"--max-connections-per-address", "3"});
    ws_client one(server.port());
    ws_client two(server.port());
    {
        ws_client three(server.port());
        CHECK_THROWS(ws_client(server.port()));
    }
    one.send({{"type", "ping"}, {"t", 1}});
    CHECK(one.wait_type("pong")["type"] == "pong");
    // The probe needs a slot of its own: the third client's, once the server saw it close.
    CHECK(eventually([&] {
        try {
            return metric(server.port(),
                          "casecircle_connections_refused_total{reason=\"per_address\"}") == 1;
        } catch (const std::exception&) {
            return false;
        }
    }));
}

TEST_CASE("behind the trusted proxy, its connections count only toward the total") {
    // Every client comes through the proxy's one address; limiting it would lock out everyone
    // after a few users (the proxy limits per client, e.g. nginx's limit_conn).
    test_database db;
    server_process server(db.url(), {"--max-connections-per-address", "2", "--max-connections", "4",
                                     "--trusted-proxy", "127.0.0.1"});
    std::vector<std::unique_ptr<ws_client>> clients;
    for (int i = 0; i < 3; ++i)
        clients.push_back(std::make_unique<ws_client>(server.port()));
    clients[2]->send({{"type", "ping"}, {"t", 1}});
    CHECK(clients[2]->wait_type("pong")["type"] == "pong");
    clients.push_back(std::make_unique<ws_client>(server.port()));
    clients[3]->send({{"type", "ping"}, {"t", 2}});
    CHECK(clients[3]->wait_type("pong")["type"] == "pong");
    // The total still holds (/metrics is not for proxied requests, so the refusal is seen here).
    CHECK_THROWS(ws_client(server.port()));
}

TEST_CASE("out of file descriptors, the server backs off, logs a bounded number of lines and "
          "answers /healthz once the flood ends") {
    test_database db;
    // Few descriptors: the flood below exhausts them.
    server_process server(
        db.url(), {"--max-connections", "100000", "--max-connections-per-address", "100000"},
        {"/usr/bin/prlimit", "--nofile=128:128", "--"});
    // UBSan checks an error category's type the first time it meets one and needs a descriptor
    // (a pipe) for that; with none left it reports a false "invalid vptr" and ends the server.
    // A connection reset first lets it check the system category while descriptors are free.
    reset_connection(server.port());
    REQUIRE(eventually(
        [&] { return metric(server.port(), "casecircle_errors_total{what=\"http_read\"}") == 1; }));
    asio::io_context ioc;
    std::vector<std::unique_ptr<asio::ip::tcp::socket>> flood;
    for (int i = 0; i < 300; ++i) {
        auto s = std::make_unique<asio::ip::tcp::socket>(ioc);
        s->connect({asio::ip::make_address("127.0.0.1"), server.port()});
        flood.push_back(std::move(s));
    }
    REQUIRE(server.process().wait_for_line([](const std::string& line) {
        return line.find("accept: Too many open files") != std::string::npos;
    }));
    // The flood lasts a while: a busy loop would log thousands of lines in this time.
    const auto flooded_until = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (std::chrono::steady_clock::now() < flooded_until)
        server.process().wait_for_line([](const std::string&) { return false; },
                                       std::chrono::milliseconds(200));
    flood.clear();

    http_reply health;
    std::string last_error;
    const bool healthy = eventually([&] {
        try {
            health = http_get(server.port(), "/healthz");
            return health.status == 200;
        } catch (const std::exception& e) {
            last_error = e.what();
            return false;
        }
    });
    INFO("last answer " << health.status << " " << health.body << "; last error " << last_error
                        << "; server said:\n"
                        << server.process().output().substr(server.process().output().size() > 3000
                                                                ? server.process().output().size() -
                                                                      3000
                                                                : 0));
    REQUIRE(healthy);
    CHECK(json::parse(health.body)["database"] == "ok");
    CHECK(count_lines(server.process().output(), "accept: ") <= 2);
    CHECK(metric(server.port(), "casecircle_errors_total{what=\"accept\"}") >= 1);
}

TEST_CASE("a burst of logins waits for its turn at the password work, while /healthz and "
          "entering a session go ahead in the fast lane") {
    test_database db;
    create_user(db.url(), "mona", "ASD Nord", "moderator");
    server_process server(db.url(), {"--open-rooms", "no", "--login-concurrency", "1"});
    const auto mona = log_in(server.port(), "mona");

    std::vector<std::thread> burst;
    std::atomic<int> answered{0};
    for (int i = 0; i < 16; ++i)
        burst.emplace_back([&] {
            const auto reply =
                http_request(server.port(), "POST", "/api/login",
                             json{{"username", "mona"}, {"password", test_password}}.dump(),
                             {{"Content-Type", "application/json"}});
            if (reply.status == 200) ++answered;
        });
    // The logins queue up behind the one turn at the password work...
    CHECK(eventually([&] {
        return metric(server.port(), "casecircle_storage_queue_jobs{lane=\"normal\"}") >= 5;
    }));
    // ...and meanwhile the fast lane answers at once.
    const auto asked = std::chrono::steady_clock::now();
    CHECK(http_get(server.port(), "/healthz").status == 200);
    ws_client moderator(server.port(), mona.cookie);
    CHECK(moderator.create("qualitaetszirkel", "FALL-9", "Mona")["type"] == "welcome");
    const auto took = std::chrono::steady_clock::now() - asked;
    CHECK(answered < 16);
    CHECK(took < std::chrono::seconds(1));
    for (auto& t : burst)
        t.join();
    CHECK(answered == 16);
}

TEST_CASE("a silent WebSocket is closed after the idle timeout; one that talks stays") {
    test_database db;
    server_process server(db.url(), {"--idle-timeout", "2"});
    ws_client silent(server.port());
    REQUIRE(silent.create("qualitaetszirkel", "FALL-2026-5", "Moderatorin M.")["type"] ==
            "welcome");
    ws_client talking(server.port());
    REQUIRE(talking.create("qualitaetszirkel", "FALL-2026-6", "Moderator N.")["type"] == "welcome");
    // `silent` reads nothing, so it answers none of the server's pings either.
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    for (int t = 0; std::chrono::steady_clock::now() < until; ++t) {
        talking.send({{"type", "ping"}, {"t", t}});
        CHECK(talking.wait_type("pong")["t"] == t);
        // The pace of a person's client, well under the idle timeout; not a wait for anything.
        std::this_thread::sleep_for(std::chrono::milliseconds(400));
    }
    CHECK(metric(server.port(), "casecircle_idle_disconnects_total") == 1);
    // What the server sent before it closed the connection is still there to read; then the end.
    for (int frames = 0; frames < 10 && silent.next(std::chrono::seconds(5)); ++frames) {
    }
    CHECK(silent.closed());
}
