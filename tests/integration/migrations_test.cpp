#include "tests/integration/support/child_process.hpp"
#include "tests/integration/support/server_process.hpp"
#include "tests/integration/support/test_database.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>

using namespace casecircle::testing;
namespace fs = std::filesystem;

namespace {

std::size_t migration_files() {
    std::size_t n = 0;
    for (const auto& entry : fs::directory_iterator(fs::path(source_dir()) / "db" / "migrations"))
        if (entry.path().extension() == ".sql") ++n;
    return n;
}

long long recorded_migrations(const std::string& url) {
    pqxx::connection conn(url);
    pqxx::nontransaction tx(conn);
    return tx.exec1("SELECT count(*) FROM schema_migrations")[0].as<long long>();
}

int applied_lines(const std::string& output) {
    int n = 0;
    for (std::size_t at = 0; (at = output.find("applied migration ", at)) != std::string::npos;
         ++at)
        ++n;
    return n;
}

} // namespace

TEST_CASE("migrations are applied once, in order, and a second start applies nothing") {
    test_database db;
    {
        server_process first(db.url());
        CHECK(applied_lines(first.process().output()) == static_cast<int>(migration_files()));
        REQUIRE(first.stop() == 0);
    }
    CHECK(recorded_migrations(db.url()) == static_cast<long long>(migration_files()));
    {
        server_process second(db.url());
        CHECK(applied_lines(second.process().output()) == 0);
        REQUIRE(second.stop() == 0);
    }
    CHECK(recorded_migrations(db.url()) == static_cast<long long>(migration_files()));

    pqxx::connection conn(db.url());
    pqxx::nontransaction tx(conn);
    const auto names = tx.exec("SELECT name FROM schema_migrations ORDER BY version");
    REQUIRE(names.size() >= 1);
    CHECK(names[0][0].as<std::string>() == "001_event_log.sql");
}

TEST_CASE("a failing migration stops the start and names the file and PostgreSQL's error") {
    test_database db;
    const fs::path dir = scratch_dir("migrations");
    for (const auto& entry : fs::directory_iterator(fs::path(source_dir()) / "db" / "migrations"))
        fs::copy_file(entry.path(), dir / entry.path().filename());
    std::ofstream(dir / "900_broken.sql")
        << "CREATE TABLE broken (id integer REFERENCES nowhere (id));\n";

    const auto result =
        run_command({server_binary(), "--port", "0", "--database-url", db.server_url(),
                     "--owner-database-url", db.owner_url(), "--migrations-dir", dir.string()});
    CHECK(result.status == 2);
    CHECK_THAT(result.output, Catch::Contains("900_broken.sql"));
    CHECK_THAT(result.output, Catch::Contains("relation \"nowhere\" does not exist"));
    CHECK_THAT(result.output, !Catch::Contains("listening"));

    // The good ones before it are kept; the broken one left nothing behind.
    pqxx::connection conn(db.url());
    pqxx::nontransaction tx(conn);
    CHECK(tx.exec1("SELECT count(*) FROM schema_migrations")[0].as<long long>() ==
          static_cast<long long>(migration_files()));
    CHECK(tx.exec1("SELECT to_regclass('broken') IS NULL")[0].as<bool>());
}

TEST_CASE("an applied migration whose file changed stops the start with the file's name") {
    test_database db;
    const fs::path dir = scratch_dir("migrations-changed");
    for (const auto& entry : fs::directory_iterator(fs::path(source_dir()) / "db" / "migrations"))
        fs::copy_file(entry.path(), dir / entry.path().filename());
    {
        server_process first(db.url(), {"--migrations-dir", dir.string()});
        REQUIRE(first.stop() == 0);
    }
    {
        // Every applied file is recorded with its SHA-256.
        pqxx::connection conn(db.url());
        pqxx::nontransaction tx(conn);
        CHECK(
            tx.exec1("SELECT count(*) FROM schema_migrations WHERE checksum ~ '^[0-9a-f]{64}$'")[0]
                .as<long long>() == static_cast<long long>(migration_files()));
    }
    std::ofstream(dir / "005_follow_ups.sql", std::ios::app) << "\n-- changed afterwards\n";
    // With the owner (who applies migrations) and with the server's role alone (who only checks).
    for (const bool owner : {true, false}) {
        std::vector<std::string> args{server_binary(),  "--port",        "0",
                                      "--database-url", db.server_url(), "--migrations-dir",
                                      dir.string()};
        if (owner) args.insert(args.end(), {"--owner-database-url", db.owner_url()});
        const auto result = run_command(args);
        INFO(result.output);
        CHECK(result.status == 2);
        CHECK_THAT(result.output, Catch::Contains("005_follow_ups.sql was changed after it was "
                                                  "applied to this database"));
        CHECK_THAT(result.output, !Catch::Contains("listening"));
    }
}
