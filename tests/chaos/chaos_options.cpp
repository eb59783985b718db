#include "tests/chaos/chaos_options.hpp"

#include <charconv>
#include <functional>
#include <string_view>
#include <vector>

namespace casecircle::chaos {
namespace {

template <class T> bool parse_into(T& out, const std::string& text) {
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, out);
    return ec == std::errc{} && ptr == end;
}

bool parse_seconds(double& out, const std::string& text) {
    try {
        std::size_t used = 0;
        out = std::stod(text, &used);
        return used == text.size() && out >= 0;
    } catch (const std::exception&) {
        return false;
    }
}

struct flag {
    std::string_view name;
    std::string_view help;
    std::function<bool(chaos_options&, const std::string&)> set;
};

const std::vector<flag>& flags() {
    using o = chaos_options;
    using s = const std::string&;
    static const std::vector<flag> all = {
        {"--port", "server port on 127.0.0.1 (required)",
         [](o& x, s v) { return parse_into(x.port, v) && x.port != 0; }},
        {"--database-url", "PostgreSQL URL of the server's database (required)",
         [](o& x, s v) { return x.database_url = v, !v.empty(); }},
        {"--rooms", "rooms (default 30)", [](o& x, s v) { return parse_into(x.rooms, v); }},
        {"--participants", "members per room, at least 2 (default 5)",
         [](o& x, s v) { return parse_into(x.participants, v) && x.participants >= 2; }},
        {"--rate", "cards per second per participant (default 0.6)",
         [](o& x, s v) { return parse_seconds(x.rate, v) && x.rate > 0; }},
        {"--max-send", "seconds of sending at most; SIGUSR1 ends it earlier (default 900)",
         [](o& x, s v) { return parse_seconds(x.max_send_s, v); }},
        {"--settle", "seconds for the last commands to be acknowledged (default 120)",
         [](o& x, s v) { return parse_seconds(x.settle_s, v); }},
        {"--resend-after",
         "seconds without an answer before a resend on the same connection "
         "(default 2; 0 = only after reconnecting)",
         [](o& x, s v) { return parse_seconds(x.resend_after_s, v); }},
        {"--cards-per-room", "cards a room writes at most (default 1800; the engine caps 2000)",
         [](o& x, s v) { return parse_into(x.cards_per_room, v); }},
    };
    return all;
}

std::string help_text() {
    std::string text = "chaos_client: rooms under load that resend until acknowledged and check "
                       "the stored log at the end\n\n";
    for (const auto& f : flags())
        text += "  " + std::string(f.name) + " VALUE\n      " + std::string(f.help) + "\n";
    return text;
}

} // namespace

parse_result parse_options(int argc, const char* const* argv) {
    chaos_options options;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--help" || arg == "-h") return {std::nullopt, help_text(), false};
        const flag* match = nullptr;
        for (const auto& f : flags())
            if (f.name == arg) match = &f;
        if (!match) return {std::nullopt, "unknown flag " + std::string(arg), true};
        if (i + 1 >= argc) return {std::nullopt, std::string(arg) + " needs a value", true};
        if (!match->set(options, argv[++i]))
            return {std::nullopt, std::string(arg) + ": invalid value '" + argv[i] + "'", true};
    }
    if (options.port == 0 || options.database_url.empty())
        return {std::nullopt, "--port and --database-url are required", true};
    return {std::move(options), {}, false};
}

} // namespace casecircle::chaos
