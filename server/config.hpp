#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace casecircle::server {

struct config {
    std::string bind_address = "127.0.0.1";
    std::uint16_t port = 8080;
    std::string database_url;
    std::string owner_database_url; // migrations run with it when given
    // Development only: a superuser or the tables' owner as the server's role.
    bool allow_privileged_database_role = false;
    std::filesystem::path static_dir;
    std::filesystem::path migrations_dir;
    std::filesystem::path templates_dir;
    unsigned threads = 0;               // 0: one per core
    unsigned rate_limit = 100;          // frames per second per connection (bursts of twice that)
    unsigned client_queue_limit = 1024; // outgoing frames a slow client may have waiting
    unsigned client_queue_bytes = 1024 * 1024; // and the bytes they may hold together
    unsigned max_connections = 10000;          // open TCP connections in total
    unsigned max_connections_per_address = 256;
    unsigned entry_timeout_s = 10;            // a WebSocket must enter a session within this
    unsigned entry_frame_limit = 16384;       // largest frame before it has entered one
    unsigned idle_timeout_s = 60;             // a silent WebSocket is pinged, then closed
    unsigned max_room_events = 20000;         // events one session may hold
    unsigned max_participant_commands = 5000; // commands one participant may have accepted
    unsigned database_timeout_s = 5;          // longest wait for PostgreSQL before giving up
    unsigned database_connections = 4;    // storage threads, one connection each (one: fast lane)
    unsigned database_queue_limit = 1000; // storage jobs waiting per lane
    unsigned login_concurrency = 2;       // passwords hashed or checked at once
    unsigned login_queue_limit = 32;      // logins waiting for that; more are told to retry
    unsigned login_failures_per_account = 5;  // failed logins per name in the window
    unsigned login_failures_per_address = 20; // and per client address
    unsigned login_window_s = 900;            // and one summary audit entry per window
    unsigned room_unload_after_s = 600;       // a room nobody is in leaves memory after this
    unsigned session_idle_close_s = 28800;    // a session without events this long is ended
    unsigned written_idle_close_s = 2592000;  // the same for a written consultation
    unsigned token_grace_s = 86400; // room tokens still resume this long after the session closed
    std::string node_name;          // unique among the processes on one database
    unsigned lease_ttl_s = 5;       // a room stays this process's this long after a renewal
    bool secure_cookies = false;    // behind a TLS proxy: login cookies only over HTTPS
    bool open_rooms = false;        // sessions without login (training); never archived
    // Pages of other origins whose scripts may open a WebSocket here, besides the server's own
    // ("https://intranet.example"); a browser always names its page's origin on the upgrade.
    std::vector<std::string> allowed_origins;
    std::string metrics_token; // /metrics wants it as a Bearer token; "" = loopback only
    std::string trusted_proxy; // its X-Forwarded-For names the client; "" = no proxy trusted
    // Benchmarks only: acknowledge commands without writing the event log to PostgreSQL, to
    // show what durability costs. Nothing of such a run survives a restart.
    bool event_log_in_memory = false;
};

struct show_help {};
struct config_error {
    std::string message;
};

using config_result = std::variant<config, show_help, config_error>;

// Flags win over the environment (PORT, DATABASE_URL, ...), which wins over the defaults.
config_result parse_config(int argc, const char* const* argv, const char* const* envp);

std::string help_text();

// Every limit in force, by flag name without the dashes (for /metrics).
std::vector<std::pair<std::string, unsigned>> limit_values(const config& cfg);

} // namespace casecircle::server
