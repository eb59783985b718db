#include "tests/integration/support/child_process.hpp"
#include "tests/integration/support/http_client.hpp"
#include "tests/integration/support/private_cluster.hpp"
#include "tests/integration/support/server_process.hpp"
#include "tests/integration/support/test_database.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace casecircle::testing;
namespace fs = std::filesystem;

namespace {

// A static folder of our own, with a secret file beside it that must never be served.
struct static_fixture {
    fs::path base = scratch_dir("static");
    fs::path root = base / "www";
    static_fixture() {
        fs::create_directories(root / "sub");
        std::ofstream(root / "index.html") << "<!doctype html><title>Start</title>";
        std::ofstream(root / "app.js") << "export const x = 1;";
        std::ofstream(root / "style.css") << "body{}";
        std::ofstream(root / "sub" / "index.html") << "sub";
        std::ofstream(base / "secret.txt") << "geheim";
        fs::create_symlink(base / "secret.txt", root / "link.txt");
    }
};

nlohmann::json health(std::uint16_t port, int& status) {
    const auto reply = http_get(port, "/healthz");
    status = reply.status;
    CHECK(reply.content_type == "application/json");
    return nlohmann::json::parse(reply.body);
}

} // namespace

TEST_CASE("static files are served with their content types") {
    test_database db;
    static_fixture files;
    server_process server(db.url(), {"--static-dir", files.root.string()});

    const auto index = http_get(server.port(), "/");
    CHECK(index.status == 200);
    CHECK(index.content_type == "text/html; charset=utf-8");
    CHECK(index.body == "<!doctype html><title>Start</title>");

    CHECK(http_get(server.port(), "/app.js").content_type == "text/javascript; charset=utf-8");
    CHECK(http_get(server.port(), "/style.css").content_type == "text/css; charset=utf-8");
    CHECK(http_get(server.port(), "/sub/").body == "sub");
    CHECK(http_get(server.port(), "/app.js?v=2").status == 200);
    CHECK(http_get(server.port(), "/missing.html").status == 404);
    CHECK(http_request(server.port(), "HEAD", "/app.js").status == 200);
    CHECK(http_request(server.port(), "DELETE", "/app.js").status == 405);
}

TEST_CASE("path traversal attempts get 404, plain or encoded") {
    test_database db;
    static_fixture files;
    server_process server(db.url(), {"--static-dir", files.root.string()});
    for (const auto* target :
         {"/../secret.txt", "/../../etc/passwd", "/%2e%2e/secret.txt", "/%2E%2E/%2E%2E/etc/passwd",
          "/sub/..%2f..%2fsecret.txt", "/..%5csecret.txt", "/%252e%252e/secret.txt", "/link.txt",
          "/sub/%00", "/%", "/..", "/./../secret.txt"}) {
        INFO(target);
        const auto reply = http_get(server.port(), target);
        CHECK(reply.status == 404);
        CHECK(reply.body.find("geheim") == std::string::npos);
    }
}

TEST_CASE("/healthz reports the database, up and unreachable") {
    // A cluster of this test's own, because the test stops it under the running server.
    private_cluster cluster;
    const auto admin_url = cluster.url();

    server_process server(admin_url);
    int status = 0;
    auto body = health(server.port(), status);
    CHECK(status == 200);
    CHECK(body["status"] == "ok");
    CHECK(body["database"] == "ok");
    CHECK(body["version"].is_string());

    REQUIRE(cluster.stop() == 0);
    body = health(server.port(), status);
    CHECK(status == 503);
    CHECK(body["database"] == "unavailable");
    body = health(server.port(), status);
    CHECK(body["database"] == "unavailable");

    // Back again: the storage pool reconnects on its own.
    REQUIRE(cluster.start() == admin_url);
    body = health(server.port(), status);
    CHECK(body["database"] == "ok");
    CHECK(status == 200);
}
