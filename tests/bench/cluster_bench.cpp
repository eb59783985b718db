// Several processes behind nginx (issue #18): how long a session is away when the process that
// serves it is killed, and how many notices PostgreSQL passes between processes. A benchmark,
// not a test: run it through tests/bench/run-cluster-bench on a Release build.
#include "db/notice_listener.hpp"
#include "tests/integration/support/metrics_probe.hpp"
#include "tests/integration/support/nginx_proxy.hpp"
#include "tests/integration/support/roaming_member.hpp"
#include "tests/integration/support/server_process.hpp"
#include "tests/integration/support/test_database.hpp"

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <pqxx/pqxx>

using namespace casecircle::testing;
using json = nlohmann::json;
using steady = std::chrono::steady_clock;

namespace {

int env_number(const char* name, int fallback) {
    const char* value = std::getenv(name);
    return value ? std::atoi(value) : fallback;
}

double seconds(steady::duration d) {
    return std::chrono::duration<double>(d).count();
}

double percentile(std::vector<double> values, double p) {
    std::sort(values.begin(), values.end());
    const auto at = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(at, values.size() - 1)];
}

std::string owner_of(const std::string& url, const std::string& room_id) {
    pqxx::connection conn(url);
    pqxx::nontransaction tx(conn);
    return tx.exec_params1("SELECT node FROM room_leases WHERE room_id = $1", room_id)[0]
        .as<std::string>();
}

std::unique_ptr<server_process> start_node(const std::string& url, int index, std::uint16_t port) {
    return std::make_unique<server_process>(
        url, std::vector<std::string>{"--node-name", "node" + std::to_string(index), "--port",
                                      std::to_string(port), "--trusted-proxy", "127.0.0.1"});
}

} // namespace

TEST_CASE("failover: a session is served again after the SIGKILL of its node") {
    const int kills = env_number("KILLS", 20);
    test_database db;
    std::vector<std::unique_ptr<server_process>> nodes;
    std::vector<std::uint16_t> ports;
    for (int i = 0; i < 3; ++i) {
        nodes.push_back(start_node(db.url(), i, 0));
        ports.push_back(nodes.back()->port());
    }
    nginx_proxy proxy(ports);
    auto moderator = roaming_member::create(proxy.port(), "FALL-2026-9", "Moderation");
    auto presenter = roaming_member::join(proxy.port(), moderator->invite(), "Fallmanagerin");
    auto colleague = roaming_member::join(proxy.port(), moderator->invite(), "Kollegin");
    REQUIRE(moderator->command("assign_role", {{"participant_id", presenter->participant_id()},
                                               {"role", "presenter"}})["type"] == "ack");
    REQUIRE(moderator->command("start")["type"] == "ack");
    for (int step = 1; step < 5; ++step)
        REQUIRE(moderator->command("next_step")["type"] == "ack");

    std::vector<double> away;
    for (int k = 0; k < kills; ++k) {
        const auto owner = owner_of(db.url(), moderator->room_id());
        const auto victim = owner.back() - '0';
        nodes[static_cast<std::size_t>(victim)]->kill();
        const auto killed = steady::now();
        const auto answer = colleague->command(
            "add_card", {{"category", "was_taete_gut"}, {"text", "Karte " + std::to_string(k)}});
        REQUIRE(answer["type"] == "ack");
        away.push_back(seconds(steady::now() - killed));
        std::printf("kill %2d: %s, served again after %.3f s\n", k + 1, owner.c_str(), away.back());
        // Back under its name and port: nginx's ring sends the session there again later.
        nodes[static_cast<std::size_t>(victim)] =
            start_node(db.url(), victim, ports[static_cast<std::size_t>(victim)]);
    }
    std::printf("failover over %d kills: p50 %.2f s, p99 %.2f s, max %.2f s (--lease-ttl 5 s)\n",
                kills, percentile(away, 0.5), percentile(away, 0.99),
                *std::max_element(away.begin(), away.end()));
}

TEST_CASE("notices: how many PostgreSQL passes from one process to another") {
    const int seconds_to_run = env_number("NOTICE_SECONDS", 5);
    test_database db;
    { server_process migrate(db.url()); } // the schema, then the server is gone again
    std::atomic<long> received{0};
    casecircle::db::notice_listener listener(
        {db.server_url(), "notice bench", std::chrono::seconds(5)},
        [&](const std::string&) { received.fetch_add(1, std::memory_order_relaxed); },
        [](const char*, const std::string&) {});
    REQUIRE(eventually([&] { return listener.listening(); }));
    pqxx::connection sender(db.server_url());
    long sent = 0;
    const auto start = steady::now();
    const auto until = start + std::chrono::seconds(seconds_to_run);
    while (steady::now() < until) {
        casecircle::db::send_notice(sender, "handover bench-" + std::to_string(sent));
        ++sent;
    }
    const auto sending = seconds(steady::now() - start);
    REQUIRE(eventually([&] { return received.load() == sent; }, std::chrono::seconds(30)));
    const auto all_in = seconds(steady::now() - start);
    std::printf("notices: %ld sent in %.1f s (%.0f/s, one per transaction, one sender), all %ld "
                "received after %.1f s (%.0f/s)\n",
                sent, sending, static_cast<double>(sent) / sending, received.load(), all_in,
                static_cast<double>(received.load()) / all_in);
}
