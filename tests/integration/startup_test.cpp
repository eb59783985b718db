#include "tests/integration/support/child_process.hpp"
#include "tests/integration/support/server_process.hpp"
#include "tests/integration/support/test_database.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <pqxx/pqxx>

using namespace casecircle::testing;

namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

int count_lines(const std::string& text) {
    return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

} // namespace

TEST_CASE("--help explains every option and exits 0") {
    const auto result = run_command({server_binary(), "--help"});
    CHECK(result.status == 0);
    for (const auto* flag : {"--port", "--bind", "--database-url", "--static-dir",
                             "--migrations-dir", "--templates-dir", "DATABASE_URL", "PORT"})
        CHECK(contains(result.output, flag));
}

TEST_CASE("a bad flag is refused with one clear line and a non-zero exit") {
    SECTION("unknown flag") {
        const auto result = run_command({server_binary(), "--colour", "blue"});
        CHECK(result.status == 2);
        CHECK(contains(result.output, "unknown option '--colour'"));
        CHECK(count_lines(result.output) == 1);
    }
    SECTION("port that is not a number") {
        const auto result =
            run_command({server_binary(), "--port", "eighty", "--database-url", "postgresql://x"});
        CHECK(result.status == 2);
        CHECK(contains(result.output, "--port: 'eighty' is not a port number"));
    }
    SECTION("port out of range") {
        const auto result =
            run_command({server_binary(), "--port=70000", "--database-url", "postgresql://x"});
        CHECK(result.status == 2);
        CHECK(contains(result.output, "is not a port number"));
    }
    SECTION("event log neither in PostgreSQL nor in memory") {
        const auto result = run_command(
            {server_binary(), "--event-log", "disk", "--database-url", "postgresql://x"});
        CHECK(result.status == 2);
        CHECK(contains(result.output, "--event-log: 'disk' must be postgres or memory"));
    }
    SECTION("flag without a value") {
        const auto result = run_command({server_binary(), "--database-url"});
        CHECK(result.status == 2);
        CHECK(contains(result.output, "--database-url needs a value"));
    }
    SECTION("no database at all") {
        child_process child({server_binary()}, {"DATABASE_URL="});
        CHECK(child.wait_exit() == 2);
        CHECK(contains(child.output(), "no database"));
    }
}

TEST_CASE("an unreachable database stops the start with a clear error") {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const auto result = run_command(
        {server_binary(), "--port", "0", "--database-url", "postgresql://nobody@127.0.0.1:1/none"});
    CHECK(result.status == 2);
    CHECK(contains(result.output, "cannot reach the database"));
    CHECK(count_lines(result.output) == 1);
}

TEST_CASE("an occupied port stops the start with a clear error") {
    test_database db;
    server_process first(db.url());
    const auto result = run_command({server_binary(), "--port", std::to_string(first.port()),
                                     "--database-url", db.server_url()});
    CHECK(result.status == 2);
    CHECK(contains(result.output, "cannot listen on 127.0.0.1:" + std::to_string(first.port())));
    CHECK(contains(result.output, "in use"));
}

TEST_CASE("SIGTERM shuts the server down cleanly") {
    test_database db;
    server_process server(db.url());
    CHECK(server.stop() == 0);
    CHECK(contains(server.process().output(), "casecircle stopped"));
}
