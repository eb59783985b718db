#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <variant>

namespace casecircle::server {

struct config {
    std::string bind_address = "127.0.0.1";
    std::uint16_t port = 8080;
    std::string database_url;
    std::filesystem::path static_dir;
    std::filesystem::path migrations_dir;
    std::filesystem::path templates_dir;
    unsigned threads = 0;               // 0: one per core
    unsigned rate_limit = 100;          // frames per second per connection (bursts of twice that)
    unsigned client_queue_limit = 1024; // outgoing frames a slow client may have waiting
    bool secure_cookies = false;        // behind a TLS proxy: login cookies only over HTTPS
    bool open_rooms = false;            // sessions without login (training); never archived
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

} // namespace casecircle::server
