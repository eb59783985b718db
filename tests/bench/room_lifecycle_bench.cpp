// Rooms have an end (issue #15): how long a start takes over many old sessions, and what an idle
// room costs in memory before and after it leaves it. A benchmark, not a test: run it through
// tests/bench/run-room-lifecycle-bench on a Release build.
#include "tests/integration/support/live_room.hpp"
#include "tests/integration/support/metrics_probe.hpp"
#include "tests/integration/support/server_process.hpp"
#include "tests/integration/support/test_database.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <pqxx/pqxx>

using namespace casecircle::testing;

namespace {

// Old sessions `from`..`to` made from the seed room's log, each with a token "tok-<n>" for the
// seed's presenter.
void add_old_rooms(const std::string& url, const std::string& seed, int from, int to) {
    pqxx::connection conn(url);
    pqxx::work tx(conn);
    const auto range = "generate_series(" + std::to_string(from) + ", " + std::to_string(to) + ")";
    const auto id = tx.quote(seed);
    tx.exec0("INSERT INTO rooms (room_id, format, case_code, title, invite_hash, created_at) "
             "SELECT 'old-' || g, format, case_code, title, 'old-invite-' || g, created_at "
             "FROM rooms, " +
             range + " g WHERE room_id = " + id);
    tx.exec0("INSERT INTO room_events (room_id, seq, at_ms, actor, type, data, command_id) "
             "SELECT 'old-' || g, seq, at_ms, actor, type, data, command_id "
             "FROM room_events, " +
             range + " g WHERE room_id = " + id);
    tx.exec0("INSERT INTO room_members (room_id, participant_id, token_hash) "
             "SELECT 'old-' || g, 'p2', encode(sha256(convert_to('tok-' || g, 'UTF8')), 'hex') "
             "FROM " +
             range + " g");
    tx.commit();
}

long rss_kib(int pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    return -1;
}

double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

std::unique_ptr<server_process> start(const std::string& url, double& took) {
    const auto t = std::chrono::steady_clock::now();
    auto s = std::make_unique<server_process>(
        url, std::vector<std::string>{"--room-unload-after", "20"});
    took = seconds_since(t);
    return s;
}

} // namespace

// A Catch program because the client helpers report through Catch; never registered with CTest.
TEST_CASE("room lifecycle benchmark") {
    const char* rooms = std::getenv("ROOMS");
    const int loaded_rooms = rooms != nullptr ? std::atoi(rooms) : 2000;
    test_database db;
    std::string seed;
    {
        server_process first(db.url());
        live_room room(first.port(), 3, 5);
        seed = room.created["room_id"];
        first.stop();
    }
    for (const auto& [from, to] : {std::pair{1, 5000}, std::pair{5001, 50000}}) {
        add_old_rooms(db.url(), seed, from, to);
        double took = 0;
        auto server = start(db.url(), took);
        std::printf("start over %6d old rooms: %.3f s to listening, %ld KiB RSS, %g rooms in "
                    "memory\n",
                    to, took, rss_kib(server->process().pid()),
                    metric(server->port(), "casecircle_rooms"));
        if (to < 50000) continue;

        const auto base = rss_kib(server->process().pid());
        const auto entering = std::chrono::steady_clock::now();
        for (int i = 1; i <= loaded_rooms; ++i) {
            ws_client c(server->port());
            REQUIRE(c.resume("tok-" + std::to_string(i), 0)["type"] == "welcome");
        }
        const auto entered_in = seconds_since(entering);
        const auto loaded = rss_kib(server->process().pid());
        const auto in_memory = metric(server->port(), "casecircle_rooms");
        const auto unloading = std::chrono::steady_clock::now();
        eventually([&] { return metric(server->port(), "casecircle_rooms") == 0; },
                   std::chrono::seconds(60));
        const auto after = rss_kib(server->process().pid());
        std::printf("room objects alive after unloading: %g\n",
                    metric(server->port(), "casecircle_room_objects"));
        std::printf("%d rooms entered one after another in %.2f s (%.1f ms each), %g in memory\n",
                    loaded_rooms, entered_in, 1000 * entered_in / loaded_rooms, in_memory);
        std::printf("RSS: %ld KiB before, %ld KiB with them loaded (%.1f KiB per room), %ld KiB "
                    "%.1f s after they unloaded (%.1f KiB per room still held)\n",
                    base, loaded, double(loaded - base) / loaded_rooms, after,
                    seconds_since(unloading), double(after - base) / loaded_rooms);
    }
}
