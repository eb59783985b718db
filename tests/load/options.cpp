#include "tests/load/options.hpp"

#include <charconv>
#include <functional>
#include <string_view>
#include <vector>

namespace casecircle::load {
namespace {

struct flag {
    std::string_view name;
    std::string_view help;
    std::function<bool(load_options&, const std::string&)> set;
};

template <class Number> bool parse_into(Number& target, const std::string& text) {
    Number value{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size()) return false;
    target = value;
    return true;
}

bool parse_seconds(double& target, const std::string& text) {
    return parse_into(target, text) && target >= 0;
}

constexpr traffic_kind all_traffic[] = {traffic_kind::minimal, traffic_kind::browser_before,
                                        traffic_kind::browser, traffic_kind::browser_full};

bool parse_traffic(traffic_kind& target, const std::string& text) {
    for (const auto t : all_traffic)
        if (text == traffic_name(t)) return target = t, true;
    return false;
}

const std::vector<flag>& flags() {
    static const std::vector<flag> table = {
        {"--host", "server address (default 127.0.0.1)",
         [](load_options& o, const std::string& v) { return o.host = v, true; }},
        {"--port", "server port (required)",
         [](load_options& o, const std::string& v) { return parse_into(o.port, v); }},
        {"--label", "name of the server under test in the report (default casecircle)",
         [](load_options& o, const std::string& v) { return o.label = v, true; }},
        {"--scenario", "scenario name copied into the JSON line",
         [](load_options& o, const std::string& v) { return o.scenario = v, true; }},
        {"--rooms", "rooms (default 100)",
         [](load_options& o, const std::string& v) { return parse_into(o.rooms, v); }},
        {"--participants", "clients per room, at least 2 (default 5)",
         [](load_options& o, const std::string& v) {
             return parse_into(o.participants, v) && o.participants >= 2;
         }},
        {"--rate", "cards per second per participant; 0 holds idle connections (default 1)",
         [](load_options& o, const std::string& v) { return parse_seconds(o.rate, v); }},
        {"--duration", "seconds of sending or holding (default 20)",
         [](load_options& o, const std::string& v) { return parse_seconds(o.duration, v); }},
        {"--drain", "seconds to wait for outstanding broadcasts afterwards (default 3)",
         [](load_options& o, const std::string& v) { return parse_seconds(o.drain, v); }},
        {"--card-bytes", "length of each card text (default 80)",
         [](load_options& o, const std::string& v) {
             return parse_into(o.card_bytes, v) && o.card_bytes >= 24 && o.card_bytes <= 500;
         }},
        {"--threads", "client threads (default 1)",
         [](load_options& o, const std::string& v) {
             return parse_into(o.threads, v) && o.threads >= 1 && o.threads <= 64;
         }},
        {"--setup-concurrency", "rooms set up at the same time (default 50)",
         [](load_options& o, const std::string& v) {
             return parse_into(o.setup_concurrency, v) && o.setup_concurrency >= 1;
         }},
        {"--server-pid", "read the server's RSS and CPU time from /proc/PID",
         [](load_options& o, const std::string& v) { return parse_into(o.server_pid, v); }},
        {"--no-metrics", "do not read /metrics (servers without it)",
         [](load_options& o, const std::string&) { return o.metrics = false, true; }},
        {"--resume-storm", "after sending: drop every client, write N cards per room, resume all",
         [](load_options& o, const std::string& v) {
             return parse_into(o.resume_missed, v) && o.resume_missed >= 1;
         }},
        {"--format", "template id (default qualitaetszirkel)",
         [](load_options& o, const std::string& v) { return o.format = v, true; }},
        {"--category", "card category of the writing step (default was_taete_gut)",
         [](load_options& o, const std::string& v) { return o.category = v, true; }},
        {"--steps-forward", "next_step commands after start (default 4: QZ step 5)",
         [](load_options& o, const std::string& v) { return parse_into(o.steps_forward, v); }},
        {"--traffic",
         "which client the members model (default minimal): minimal (entry and commands only, "
         "what the relays speak), browser-before (the browser before #17: a snapshot after "
         "every events frame, one in flight), browser (the browser now: state_updates patch), "
         "browser-full (state_updates full); the browser ones name the format key on entry and "
         "ping every --ping-seconds",
         [](load_options& o, const std::string& v) { return parse_traffic(o.traffic, v); }},
        {"--ping-seconds",
         "browser traffic: each member's ping period, phase-offset per member (default 15, as "
         "static/js/connection.js; 0: no pings)",
         [](load_options& o, const std::string& v) { return parse_seconds(o.ping_seconds, v); }},
    };
    return table;
}

bool takes_no_value(std::string_view name) {
    return name == "--no-metrics";
}

std::string help_text() {
    std::string text = "usage: loadgen --port N [flags]\n"
                       "Drives rooms x participants over WebSocket and reports latency from a "
                       "card's send to its receipt by the last member of the room.\n\n";
    for (const auto& f : flags())
        text += "  " + std::string(f.name) + (takes_no_value(f.name) ? "" : " VALUE") + "\n      " +
                std::string(f.help) + "\n";
    return text;
}

const flag* find(std::string_view name) {
    for (const auto& f : flags())
        if (f.name == name) return &f;
    return nullptr;
}

} // namespace

const char* traffic_name(traffic_kind t) {
    switch (t) {
    case traffic_kind::minimal:
        return "minimal";
    case traffic_kind::browser_before:
        return "browser-before";
    case traffic_kind::browser:
        return "browser";
    case traffic_kind::browser_full:
        return "browser-full";
    }
    return "?";
}

parse_result parse_options(int argc, const char* const* argv) {
    load_options o;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg(argv[i]);
        if (arg == "--help" || arg == "-h") return {std::nullopt, help_text(), false};
        const auto* f = find(arg);
        if (!f)
            return {std::nullopt, "unknown flag " + std::string(arg) + "\n" + help_text(), true};
        std::string value;
        if (!takes_no_value(arg)) {
            if (i + 1 >= argc) return {std::nullopt, std::string(arg) + " needs a value", true};
            value = argv[++i];
        }
        if (!f->set(o, value))
            return {std::nullopt, std::string(arg) + ": invalid value '" + value + "'", true};
    }
    if (o.port == 0) return {std::nullopt, "--port is required\n" + help_text(), true};
    return {o, "", false};
}

} // namespace casecircle::load
