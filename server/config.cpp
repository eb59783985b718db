#include "server/config.hpp"

#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/host_name.hpp>
#include <charconv>
#include <map>
#include <optional>
#include <string_view>
#include <vector>

namespace casecircle::server {
namespace {

// Every option is declared once here; parsing and --help are both made from this table.
struct option {
    std::string_view flag;
    std::string_view env;
    std::string_view value_name;
    std::string_view help;
};

const std::vector<option>& options() {
    static const std::vector<option> table = {
        {"--port", "PORT", "N",
         "TCP port for HTTP and WebSocket (default 8080; 0 picks a free one)"},
        {"--bind", "BIND", "ADDRESS", "address to listen on (default 127.0.0.1)"},
        {"--database-url", "DATABASE_URL", "URL",
         "PostgreSQL connection URL of the server's own role, which owns nothing, e.g. "
         "postgresql://casecircle_server@host:5432/casecircle (required; README, \"Database "
         "roles\")"},
        {"--owner-database-url", "OWNER_DATABASE_URL", "URL",
         "URL of the role that owns the tables (casecircle_owner); when given, pending "
         "migrations are applied with it at start (default: none; then the database must be "
         "up to date)"},
        {"--allow-privileged-database-role", "ALLOW_PRIVILEGED_DATABASE_ROLE", "yes|no",
         "development only: let the server connect as a superuser or the tables' owner, and "
         "migrate with that role (default no: such a start is refused)"},
        {"--static-dir", "STATIC_DIR", "DIR", "folder of the browser client (default: static/)"},
        {"--migrations-dir", "MIGRATIONS_DIR", "DIR",
         "folder of numbered SQL migrations (default: db/migrations/)"},
        {"--templates-dir", "TEMPLATES_DIR", "DIR",
         "folder of the format templates (default: protocol/templates/)"},
        {"--threads", "THREADS", "N", "network threads (default: one per core)"},
        {"--rate-limit", "RATE_LIMIT", "N",
         "frames per second one connection may send, bursts of twice that (default 100)"},
        {"--client-queue-limit", "CLIENT_QUEUE_LIMIT", "N",
         "frames waiting for a slow client before it is disconnected (default 1024)"},
        {"--client-queue-bytes", "CLIENT_QUEUE_BYTES", "BYTES",
         "bytes waiting for a slow client before it is disconnected (default 1048576)"},
        {"--max-connections", "MAX_CONNECTIONS", "N",
         "open connections in total; more are closed at once (default 10000)"},
        {"--max-connections-per-address", "MAX_CONNECTIONS_PER_ADDRESS", "N",
         "open connections from one IP address; the --trusted-proxy counts only toward the "
         "total, since every client behind it shares its address (default 256)"},
        {"--entry-timeout", "ENTRY_TIMEOUT", "SECONDS",
         "time a WebSocket has to enter a session before it is closed (default 10)"},
        {"--entry-frame-limit", "ENTRY_FRAME_LIMIT", "BYTES",
         "largest frame a WebSocket may send before it has entered a session (default 16384)"},
        {"--idle-timeout", "IDLE_TIMEOUT", "SECONDS",
         "a WebSocket silent this long is closed; it is pinged at half the time (default 60)"},
        {"--max-room-events", "MAX_ROOM_EVENTS", "N",
         "events one session may hold; further commands are refused (default 20000)"},
        {"--max-participant-commands", "MAX_PARTICIPANT_COMMANDS", "N",
         "commands one participant may have accepted in one session (default 5000)"},
        {"--database-timeout", "DATABASE_TIMEOUT", "SECONDS",
         "longest wait for one PostgreSQL call; then the connection is dropped and the "
         "commands get storage_unavailable (default 5)"},
        {"--database-connections", "DATABASE_CONNECTIONS", "N",
         "storage threads with a PostgreSQL connection each, at least 2; one serves only "
         "entering rooms and /healthz (default 4)"},
        {"--database-queue-limit", "DATABASE_QUEUE_LIMIT", "N",
         "storage jobs that may wait per lane; more are answered server_busy (default 1000)"},
        {"--login-concurrency", "LOGIN_CONCURRENCY", "N",
         "passwords hashed or checked at the same time (default 2)"},
        {"--login-queue-limit", "LOGIN_QUEUE_LIMIT", "N",
         "logins that may wait for that; more are answered server_busy (default 32)"},
        {"--login-failures-per-account", "LOGIN_FAILURES_PER_ACCOUNT", "N",
         "failed logins for one user name within the login window before further attempts are "
         "answered too_many_attempts (default 5)"},
        {"--login-failures-per-address", "LOGIN_FAILURES_PER_ADDRESS", "N",
         "the same for one client address, whatever the names (default 20)"},
        {"--login-window", "LOGIN_WINDOW", "SECONDS",
         "how long failed logins count, and how long refused ones are summed into one audit "
         "entry (default 900 = 15 minutes)"},
        {"--room-unload-after", "ROOM_UNLOAD_AFTER", "SECONDS",
         "a session nobody is connected to leaves memory after this; an ended one at once "
         "(default 600)"},
        {"--session-idle-close", "SESSION_IDLE_CLOSE", "SECONDS",
         "a session without any event for this long is ended by the server and waits for its "
         "moderator to approve or discard the minutes (default 28800 = 8 hours)"},
        {"--written-idle-close", "WRITTEN_IDLE_CLOSE", "SECONDS",
         "the same for a written consultation, which waits days for its people "
         "(default 2592000 = 30 days)"},
        {"--token-grace", "TOKEN_GRACE", "SECONDS",
         "how long room tokens still let people back in after the minutes were approved or "
         "discarded or the session was cancelled (default 86400 = 1 day)"},
        {"--node-name", "NODE_NAME", "NAME",
         "this process's name among several on one database, unique to it; a process takes "
         "back at once the rooms its name still holds after a restart (default: the host "
         "name)"},
        {"--lease-ttl", "LEASE_TTL", "SECONDS",
         "how long a room stays this process's after its last renewal (renewed every third of "
         "it): when a process dies, another takes its rooms over after this (default 5)"},
        {"--secure-cookies", "SECURE_COOKIES", "yes|no",
         "mark login cookies Secure; set when users reach the server over HTTPS (default no)"},
        {"--open-rooms", "OPEN_ROOMS", "yes|no",
         "let anyone open a session without logging in, e.g. for training; such sessions belong "
         "to no team and never appear in an archive (default no)"},
        {"--allowed-origins", "ALLOWED_ORIGINS", "ORIGINS",
         "comma-separated origins (scheme://host[:port]) whose pages may open a WebSocket "
         "besides the server's own; others get 403 on the upgrade (default: none)"},
        {"--metrics-token", "METRICS_TOKEN", "TOKEN",
         "/metrics answers only with 'Authorization: Bearer TOKEN'; without a token only to "
         "direct connections from loopback addresses (default: none)"},
        {"--trusted-proxy", "TRUSTED_PROXY", "ADDRESS",
         "IP address of a reverse proxy: for its requests the last address in X-Forwarded-For "
         "is the client's (login throttle, audit trail) and X-Forwarded-Proto is believed "
         "(default: none)"},
        {"--event-log", "EVENT_LOG", "postgres|memory",
         "where commands are made durable (default postgres); memory is for benchmarks only: "
         "commands are acknowledged without being stored and are lost on restart"},
    };
    return table;
}

std::map<std::string, std::string> environment(const char* const* envp) {
    std::map<std::string, std::string> env;
    for (; envp && *envp; ++envp) {
        std::string_view entry(*envp);
        const auto eq = entry.find('=');
        if (eq != std::string_view::npos)
            env.emplace(std::string(entry.substr(0, eq)), std::string(entry.substr(eq + 1)));
    }
    return env;
}

template <class Number> std::optional<Number> parse_number(std::string_view text) {
    Number value{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

// "a, b,,c" → "a", "b", "c"; a trailing slash is dropped, since an Origin header has none.
std::vector<std::string> origin_list(std::string_view text) {
    std::vector<std::string> out;
    std::size_t at = 0;
    while (at <= text.size()) {
        const auto end = std::min(text.find(',', at), text.size());
        auto item = text.substr(at, end - at);
        while (!item.empty() && item.front() == ' ')
            item.remove_prefix(1);
        while (!item.empty() && (item.back() == ' ' || item.back() == '/'))
            item.remove_suffix(1);
        if (!item.empty()) out.emplace_back(item);
        at = end + 1;
    }
    return out;
}

// The settings that take a positive whole number: the limits.
using positive_table = std::vector<std::pair<std::string_view, unsigned config::*>>;
const positive_table& positive_settings() {
    static const positive_table table = {
        {"--rate-limit", &config::rate_limit},
        {"--client-queue-limit", &config::client_queue_limit},
        {"--client-queue-bytes", &config::client_queue_bytes},
        {"--max-connections", &config::max_connections},
        {"--max-connections-per-address", &config::max_connections_per_address},
        {"--entry-timeout", &config::entry_timeout_s},
        {"--entry-frame-limit", &config::entry_frame_limit},
        {"--idle-timeout", &config::idle_timeout_s},
        {"--max-room-events", &config::max_room_events},
        {"--max-participant-commands", &config::max_participant_commands},
        {"--database-timeout", &config::database_timeout_s},
        {"--database-connections", &config::database_connections},
        {"--database-queue-limit", &config::database_queue_limit},
        {"--login-concurrency", &config::login_concurrency},
        {"--login-queue-limit", &config::login_queue_limit},
        {"--login-failures-per-account", &config::login_failures_per_account},
        {"--login-failures-per-address", &config::login_failures_per_address},
        {"--login-window", &config::login_window_s},
        {"--room-unload-after", &config::room_unload_after_s},
        {"--session-idle-close", &config::session_idle_close_s},
        {"--written-idle-close", &config::written_idle_close_s},
        {"--token-grace", &config::token_grace_s},
        {"--lease-ttl", &config::lease_ttl_s},
    };
    return table;
}

unsigned* positive_setting(config& cfg, std::string_view flag) {
    for (const auto& [name, member] : positive_settings())
        if (name == flag) return &(cfg.*member);
    return nullptr;
}

bool* yes_no_setting(config& cfg, std::string_view flag) {
    if (flag == "--secure-cookies") return &cfg.secure_cookies;
    if (flag == "--open-rooms") return &cfg.open_rooms;
    if (flag == "--allow-privileged-database-role") return &cfg.allow_privileged_database_role;
    return nullptr;
}

std::optional<config_error> set_value(config& cfg, std::string_view flag,
                                      const std::string& value) {
    if (flag == "--port") {
        const auto port = parse_number<std::uint16_t>(value);
        if (!port) return config_error{"--port: '" + value + "' is not a port number (0-65535)"};
        cfg.port = *port;
    } else if (flag == "--bind") {
        cfg.bind_address = value;
    } else if (flag == "--database-url") {
        cfg.database_url = value;
    } else if (flag == "--owner-database-url") {
        cfg.owner_database_url = value;
    } else if (flag == "--static-dir") {
        cfg.static_dir = value;
    } else if (flag == "--migrations-dir") {
        cfg.migrations_dir = value;
    } else if (flag == "--templates-dir") {
        cfg.templates_dir = value;
    } else if (flag == "--threads") {
        const auto threads = parse_number<unsigned>(value);
        if (!threads || *threads > 256)
            return config_error{"--threads: '" + value + "' is not a number from 0 to 256"};
        cfg.threads = *threads;
    } else if (auto* limit = positive_setting(cfg, flag)) {
        const auto n = parse_number<unsigned>(value);
        if (!n || *n == 0)
            return config_error{std::string(flag) + ": '" + value + "' is not a positive number"};
        *limit = *n;
    } else if (auto* choice = yes_no_setting(cfg, flag)) {
        if (value != "yes" && value != "no")
            return config_error{std::string(flag) + ": '" + value + "' must be yes or no"};
        *choice = value == "yes";
    } else if (flag == "--allowed-origins") {
        cfg.allowed_origins = origin_list(value);
    } else if (flag == "--node-name") {
        if (value.empty() || value.size() > 100)
            return config_error{"--node-name: '" + value + "' must have 1 to 100 characters"};
        cfg.node_name = value;
    } else if (flag == "--metrics-token") {
        cfg.metrics_token = value;
    } else if (flag == "--trusted-proxy") {
        boost::system::error_code ec;
        const auto address = boost::asio::ip::make_address(value, ec);
        if (ec) return config_error{"--trusted-proxy: '" + value + "' is not an IP address"};
        cfg.trusted_proxy = address.to_string(); // the form the peer's address is compared in
    } else if (flag == "--event-log") {
        if (value != "postgres" && value != "memory")
            return config_error{"--event-log: '" + value + "' must be postgres or memory"};
        cfg.event_log_in_memory = value == "memory";
    }
    return std::nullopt;
}

const option* find_flag(std::string_view flag) {
    for (const auto& opt : options())
        if (opt.flag == flag) return &opt;
    return nullptr;
}

config defaults() {
    const std::filesystem::path share = CASECIRCLE_DEFAULT_SHARE_DIR;
    config cfg;
    cfg.static_dir = share / "static";
    cfg.migrations_dir = share / "db" / "migrations";
    cfg.templates_dir = share / "protocol" / "templates";
    cfg.node_name = boost::asio::ip::host_name();
    return cfg;
}

} // namespace

config_result parse_config(int argc, const char* const* argv, const char* const* envp) {
    config cfg = defaults();
    const auto env = environment(envp);
    for (const auto& opt : options()) {
        const auto it = env.find(std::string(opt.env));
        if (it == env.end() || it->second.empty()) continue;
        if (auto error = set_value(cfg, opt.flag, it->second)) {
            error->message = std::string(opt.env) + " (environment) " + error->message;
            return *error;
        }
    }
    for (int i = 1; i < argc; ++i) {
        std::string_view arg(argv[i]);
        if (arg == "--help" || arg == "-h") return show_help{};
        std::string value;
        const auto eq = arg.find('=');
        const auto flag = arg.substr(0, eq);
        const option* opt = find_flag(flag);
        if (!opt) return config_error{"unknown option '" + std::string(arg) + "' (see --help)"};
        if (eq != std::string_view::npos) {
            value = std::string(arg.substr(eq + 1));
        } else if (i + 1 < argc) {
            value = argv[++i];
        } else {
            return config_error{std::string(flag) + " needs a value (" +
                                std::string(opt->value_name) + ")"};
        }
        if (auto error = set_value(cfg, flag, value)) return *error;
    }
    if (cfg.database_url.empty())
        return config_error{"no database: set DATABASE_URL or pass --database-url"};
    return cfg;
}

std::vector<std::pair<std::string, unsigned>> limit_values(const config& cfg) {
    std::vector<std::pair<std::string, unsigned>> values;
    for (const auto& [name, member] : positive_settings())
        values.emplace_back(std::string(name.substr(2)), cfg.*member);
    return values;
}

std::string help_text() {
    std::string text = "casecircle - structured case reviews (Qualitaetszirkel) in the browser\n\n"
                       "usage: casecircle [options]\n\n"
                       "Each option can also be set in the environment variable named beside it;\n"
                       "a flag wins over the environment.\n\n";
    for (const auto& opt : options()) {
        std::string left = "  " + std::string(opt.flag) + " " + std::string(opt.value_name);
        left.resize(std::max<std::size_t>(left.size() + 1, 30), ' ');
        text += left + "[" + std::string(opt.env) + "] " + std::string(opt.help) + "\n";
    }
    text += "  --help                      this text\n";
    return text;
}

} // namespace casecircle::server
