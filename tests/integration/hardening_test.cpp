// Browser-facing hardening (issue #16): the WebSocket upgrade's Origin check, the security
// headers of the pages, /metrics behind a token, the client address behind a trusted proxy, and
// malformed input answered with 400 instead of 500. Each against the real server and PostgreSQL.

#include "tests/integration/support/accounts.hpp"
#include "tests/integration/support/api_client.hpp"
#include "tests/integration/support/http_client.hpp"
#include "tests/integration/support/server_process.hpp"
#include "tests/integration/support/test_database.hpp"
#include "tests/integration/support/ws_client.hpp"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace casecircle::testing;
using json = nlohmann::json;

namespace {

const std::vector<std::string> closed_rooms = {"--open-rooms", "no"};

// A session of Mira's team, opened over the WebSocket with her login; the welcome.
json open_team_session(const logged_in& mira, ws_client& moderator) {
    moderator.send({{"type", "create"},
                    {"format", "qualitaetszirkel"},
                    {"case_code", "NORD-2026-1"},
                    {"name", "Mira"},
                    {"team_id", mira.team("ASD Nord")}});
    return moderator.wait_type("welcome");
}

// A browser's upgrade request written by hand, to see the HTTP status the server answers with.
http_reply upgrade(std::uint16_t port, const std::string& origin,
                   std::vector<std::pair<std::string, std::string>> headers = {}) {
    headers.insert(headers.end(), {{"Connection", "Upgrade"},
                                   {"Upgrade", "websocket"},
                                   {"Sec-WebSocket-Version", "13"},
                                   {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="}});
    if (!origin.empty()) headers.emplace_back("Origin", origin);
    return http_request(port, "GET", "/ws", "", headers);
}

// Mira holds a session of Nord with Max as presenter and approves its minutes; its room id.
std::string approved_session(std::uint16_t port, const logged_in& mira, const logged_in& max) {
    ws_client moderator(port, mira.cookie);
    ws_client presenter(port, max.cookie);
    const auto created = open_team_session(mira, moderator);
    REQUIRE(presenter.join(created["invite_code"], "Max")["type"] == "welcome");
    REQUIRE(moderator.command("assign_role",
                              {{"participant_id", "p2"}, {"role", "presenter"}})["type"] == "ack");
    REQUIRE(moderator.command("start")["type"] == "ack");
    REQUIRE(moderator.command("end")["type"] == "ack");
    REQUIRE(moderator.command("approve_minutes", {{"closing_remark", "Geklärt."}})["type"] ==
            "ack");
    return created["room_id"];
}

std::vector<std::string> audit_addresses(std::uint16_t port, const logged_in& reader,
                                         const std::string& action) {
    const auto trail = api(port, &reader, "GET",
                           "/api/teams/" + std::to_string(reader.team("ASD Nord")) + "/audit");
    REQUIRE(trail.status == 200);
    const auto entries = json::parse(trail.body)["entries"];
    std::vector<std::string> out;
    for (const auto& e : entries)
        if (e["action"] == action) out.push_back(e["address"]);
    std::sort(out.begin(), out.end());
    return out;
}

http_reply failed_login(std::uint16_t port, const std::string& forwarded_for) {
    return http_request(port, "POST", "/api/login",
                        json{{"username", "mira"}, {"password", "falsch-falsch"}}.dump(),
                        {{"X-Forwarded-For", forwarded_for}});
}

} // namespace

TEST_CASE(
    "a browser's WebSocket upgrade is accepted only from the server's own or allowed origins") {
    test_database db;
    server_process server(db.url(),
                          {"--allowed-origins", "https://intranet.example, http://b.test/"});
    const auto port = server.port();

    const auto foreign = upgrade(port, "https://evil.example");
    CHECK(foreign.status == 403);
    CHECK(error_code(foreign) == "origin_refused");
    CHECK(upgrade(port, "http://127.0.0.1.evil.example").status == 403);
    CHECK(upgrade(port, "https://127.0.0.1").status == 403); // plain HTTP here, not TLS
    CHECK(upgrade(port, "null").status == 403);              // a sandboxed page or a file
    CHECK(upgrade(port, "http://127.0.0.1").status == 101);  // the Host header's own origin
    CHECK(upgrade(port, "https://intranet.example").status == 101);
    CHECK(upgrade(port, "http://b.test").status == 101);
    CHECK(upgrade(port, "").status == 101); // no browser: no Origin, no cookie riding along

    // A real client from the own page enters a session; from another site's page it never
    // gets a socket.
    ws_client own(port, {}, "http://127.0.0.1:" + std::to_string(port));
    CHECK(own.create("qualitaetszirkel", "FALL-2026-17", "Mira")["type"] == "welcome");
    CHECK_THROWS(ws_client(port, {}, "https://evil.example"));
}

TEST_CASE("the own origin is https with secure cookies or when the trusted proxy says so") {
    test_database db;
    {
        server_process tls(db.url(), {"--secure-cookies", "yes"});
        CHECK(upgrade(tls.port(), "https://127.0.0.1").status == 101);
        CHECK(upgrade(tls.port(), "http://127.0.0.1").status == 403);
    }
    server_process proxied(db.url(), {"--trusted-proxy", "127.0.0.1"});
    CHECK(upgrade(proxied.port(), "https://127.0.0.1", {{"X-Forwarded-Proto", "https"}}).status ==
          101);
    CHECK(upgrade(proxied.port(), "http://127.0.0.1", {{"X-Forwarded-Proto", "https"}}).status ==
          403);
    server_process direct(db.url());
    CHECK(upgrade(direct.port(), "https://127.0.0.1", {{"X-Forwarded-Proto", "https"}}).status ==
          403); // from a peer that is no trusted proxy the header means nothing
}

TEST_CASE("pages carry a Content-Security-Policy and the other browser headers") {
    test_database db;
    create_user(db.url(), "mira", "ASD Nord", "moderator");
    create_user(db.url(), "max", "ASD Nord", "member");
    server_process server(db.url(), closed_rooms);
    const auto port = server.port();

    const std::string client_csp =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    for (const auto* target : {"/", "/js/app.js", "/style.css"}) {
        INFO(target);
        const auto page = http_get(port, target);
        REQUIRE(page.status == 200);
        CHECK(page.header("Content-Security-Policy") == client_csp);
        CHECK(page.header("X-Frame-Options") == "DENY");
        CHECK(page.header("X-Content-Type-Options") == "nosniff");
        CHECK(page.header("Referrer-Policy") == "no-referrer");
    }
    CHECK(http_request(port, "HEAD", "/").header("Content-Security-Policy") == client_csp);

    const auto mira = log_in(port, "mira");
    const auto max = log_in(port, "max");
    const auto room = approved_session(port, mira, max);
    const auto print = api(port, &mira, "GET", "/api/minutes/" + room + "/export.html");
    REQUIRE(print.status == 200);
    CHECK_THAT(print.body, Catch::Contains("<style>") && !Catch::Contains("<script"));
    const auto csp = print.header("Content-Security-Policy");
    CHECK_THAT(csp, Catch::Contains("default-src 'none'") &&
                        Catch::Contains("style-src 'unsafe-inline'") &&
                        Catch::Contains("sandbox") && Catch::Contains("frame-ancestors 'none'") &&
                        !Catch::Contains("script-src"));
    CHECK(print.header("X-Frame-Options") == "DENY");
    CHECK(print.header("X-Content-Type-Options") == "nosniff");
    CHECK(print.header("Referrer-Policy") == "no-referrer");
}

TEST_CASE("/metrics needs the token when one is set, and loopback otherwise") {
    test_database db;
    {
        server_process server(db.url(), {"--metrics-token", "s3cret-figures"});
        CHECK(http_get(server.port(), "/metrics").status == 403);
        CHECK(
            http_request(server.port(), "GET", "/metrics", "", {{"Authorization", "Bearer wrong"}})
                .status == 403);
        CHECK(http_request(server.port(), "GET", "/metrics", "",
                           {{"Authorization", "Basic s3cret-figures"}})
                  .status == 403);
        const auto ok = http_request(server.port(), "GET", "/metrics", "",
                                     {{"Authorization", "Bearer s3cret-figures"}});
        CHECK(ok.status == 200);
        CHECK_THAT(ok.body, Catch::Contains("casecircle_limit"));
    }
    {
        server_process loopback(db.url());
        CHECK(http_get(loopback.port(), "/metrics").status == 200);
    }
    // Through a proxy on this host every request comes from loopback: that is no local reader.
    server_process proxied(db.url(), {"--trusted-proxy", "127.0.0.1"});
    CHECK(http_get(proxied.port(), "/metrics").status == 403);
}

TEST_CASE("behind the trusted proxy the client's address comes from X-Forwarded-For") {
    test_database db;
    create_user(db.url(), "mira", "ASD Nord", "moderator");
    create_user(db.url(), "sina", "ASD Nord", "supervisor");
    {
        server_process proxied(db.url(), {"--trusted-proxy", "127.0.0.1"});
        CHECK(failed_login(proxied.port(), "198.51.100.7").status == 401);
        // The client may send its own header; the proxy appends what it saw, the last entry.
        CHECK(failed_login(proxied.port(), "10.9.9.9, 203.0.113.9").status == 401);
        const auto sina = log_in(proxied.port(), "sina");
        CHECK(audit_addresses(proxied.port(), sina, "login_failed") ==
              std::vector<std::string>{"198.51.100.7", "203.0.113.9"});
    }
    server_process direct(db.url());
    CHECK(failed_login(direct.port(), "192.0.2.1").status == 401);
    const auto sina = log_in(direct.port(), "sina");
    CHECK(audit_addresses(direct.port(), sina, "login_failed") ==
          std::vector<std::string>{"127.0.0.1", "198.51.100.7", "203.0.113.9"});
}

TEST_CASE("malformed input is answered 400 with a code, never 500") {
    test_database db;
    create_user(db.url(), "mira", "ASD Nord", "moderator");
    server_process server(db.url(), closed_rooms);
    const auto mira = log_in(server.port(), "mira");
    ws_client moderator(server.port(), mira.cookie);
    const auto room = open_team_session(mira, moderator)["room_id"].get<std::string>();
    const auto team = "/api/teams/" + std::to_string(mira.team("ASD Nord"));

    // A JSON field of the wrong type.
    const auto addendum =
        api(server.port(), &mira, "POST", "/api/minutes/" + room + "/addenda", json{{"text", 5}});
    CHECK(addendum.status == 400);
    CHECK(error_code(addendum) == "invalid_field");
    // A user name no account can have is refused before anything is looked up; a password of
    // the wrong type is the login's own answer to unusable credentials.
    const auto no_name = api(server.port(), nullptr, "POST", "/api/login",
                             json{{"username", json::array()}, {"password", "x"}});
    CHECK(no_name.status == 400);
    CHECK(error_code(no_name) == "invalid_field");
    const auto no_password = api(server.port(), nullptr, "POST", "/api/login",
                                 json{{"username", "mira"}, {"password", 17}});
    CHECK(no_password.status == 401);
    CHECK(error_code(no_password) == "login_failed");

    // Invalid UTF-8: in a body it is no JSON; in a query it is no usable filter.
    const auto raw = http_request(server.port(), "POST", "/api/login",
                                  "{\"username\":\"\xff\",\"password\":\"x\"}");
    CHECK(raw.status == 400);
    CHECK(error_code(raw) == "invalid_json");
    for (const auto* query :
         {"/archive?q=%ff", "/archive?case_code=%c3", "/archive?moderator=%80"}) {
        INFO(query);
        const auto reply = api(server.port(), &mira, "GET", team + query);
        CHECK(reply.status == 400);
        CHECK(error_code(reply) == "invalid_field");
    }

    // Dates of the right shape that name no day.
    for (const auto* query :
         {"/archive?from=2026-02-30", "/archive?to=2026-13-01", "/reviews?until=2026-02-30",
          "/deficits?from=2026-02-30&to=2026-12-31", "/outcomes?from=2026-01-01&to=2026-04-31"}) {
        INFO(query);
        const auto reply = api(server.port(), &mira, "GET", team + query);
        CHECK(reply.status == 400);
        CHECK(error_code(reply) == "invalid_filter");
    }
}
