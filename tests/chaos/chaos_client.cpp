// The chaos command's client (issue #14): rooms under load whose members resend every command
// until it is acknowledged and resume after every fault, then a check of everything acknowledged
// and everything seen against PostgreSQL. tests/chaos/run starts it and does the faults.
#include "tests/chaos/chaos_options.hpp"
#include "tests/chaos/chaos_room.hpp"
#include "tests/chaos/verify.hpp"
#include "tests/load/spawn.hpp"

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cstdio>
#include <ctime>
#include <iostream>

namespace {

namespace asio = boost::asio;
using namespace casecircle::chaos;
using namespace std::chrono_literals;
using rooms_t = std::vector<std::unique_ptr<chaos_room>>;

double seconds(steady::duration d) {
    return std::chrono::duration<double>(d).count();
}

asio::awaitable<void> sleep(steady::duration d) {
    asio::steady_timer timer(co_await asio::this_coro::executor, d);
    boost::system::error_code ignored;
    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
}

std::string counts(const std::map<std::string, std::uint64_t>& by_code) {
    std::string out;
    for (const auto& [code, n] : by_code)
        out += (out.empty() ? "" : ", ") + code + " " + std::to_string(n);
    return out.empty() ? "none" : out;
}

std::size_t total(const rooms_t& rooms, std::size_t (chaos_room::*what)() const) {
    std::size_t n = 0;
    for (const auto& r : rooms)
        n += ((*r).*what)();
    return n;
}

void progress(const rooms_t& rooms, const chaos_stats& s, const char* phase) {
    std::printf("chaos-client: %s %.0f s: acks %llu, pending %zu, live %zu/%zu, reconnects %llu\n",
                phase, seconds(steady::now() - s.window_start),
                static_cast<unsigned long long>(s.acks), total(rooms, &chaos_room::pending),
                total(rooms, &chaos_room::live), rooms.size() * rooms.front()->members().size(),
                static_cast<unsigned long long>(s.reconnects));
    std::fflush(stdout);
}

// Sends until SIGUSR1 (the faults are done) or the time limit.
asio::awaitable<void> send_phase(const rooms_t& rooms, chaos_stats& s, const chaos_options& o,
                                 const bool& stop) {
    s.window_start = steady::now();
    for (auto& r : rooms)
        r->start_sending();
    const auto limit = s.window_start + std::chrono::duration_cast<steady::duration>(
                                            std::chrono::duration<double>(o.max_send_s));
    auto next_report = s.window_start + 30s;
    while (!stop && steady::now() < limit) {
        co_await sleep(100ms);
        if (steady::now() >= next_report) {
            progress(rooms, s, "sending");
            next_report += 30s;
        }
    }
    for (auto& r : rooms)
        r->stop_sending();
    s.window_end = steady::now();
}

// Waits until every command is answered and everyone is connected, within the settle time.
asio::awaitable<void> settle_phase(const rooms_t& rooms, const chaos_stats& s,
                                   const chaos_options& o) {
    const auto limit = steady::now() + std::chrono::duration_cast<steady::duration>(
                                           std::chrono::duration<double>(o.settle_s));
    const auto members = rooms.size() * rooms.front()->members().size();
    while (steady::now() < limit) {
        if (total(rooms, &chaos_room::pending) == 0 && total(rooms, &chaos_room::live) == members)
            break;
        co_await sleep(200ms);
    }
    progress(rooms, s, "settled");
}

std::string utc_time(std::chrono::system_clock::time_point t) {
    const auto seconds_since_epoch = std::chrono::system_clock::to_time_t(t);
    std::tm parts{};
    gmtime_r(&seconds_since_epoch, &parts);
    char text[16];
    std::strftime(text, sizeof text, "%H:%M:%S", &parts);
    return text;
}

void print_outages(const rooms_t& rooms) {
    std::vector<const chaos_room*> by_outage;
    for (const auto& r : rooms)
        by_outage.push_back(r.get());
    std::sort(by_outage.begin(), by_outage.end(), [](const auto* a, const auto* b) {
        return a->longest_outage() > b->longest_outage();
    });
    const auto* worst = by_outage.front();
    std::printf("longest unavailability: %.2f s (room %zu, from %s UTC); median of the rooms' "
                "longest %.2f s; per room (s, began):",
                seconds(worst->longest_outage()), worst->index() + 1,
                utc_time(worst->longest_outage_began()).c_str(),
                seconds(by_outage[by_outage.size() / 2]->longest_outage()));
    for (const auto* r : by_outage)
        std::printf(" R%zu %.1f %s", r->index() + 1, seconds(r->longest_outage()),
                    utc_time(r->longest_outage_began()).c_str());
    std::printf("\n");
}

void print_client_figures(const chaos_stats& s, const chaos_options& o, std::size_t rooms) {
    const auto window = seconds(s.window_end - s.window_start);
    std::printf("load: %zu rooms x %u members, %.2f cards/s each (offered %.1f cmd/s), sending "
                "%.1f s\n",
                rooms, o.participants, o.rate, o.rate * rooms * o.participants, window);
    std::printf("commands: cards %llu, first sends %llu, resends after reconnect %llu / error "
                "%llu / timeout %llu, acks %llu (repeated %llu, with other seqs %llu), late "
                "refusals %llu\n",
                (unsigned long long)s.cards_created, (unsigned long long)s.first_sends,
                (unsigned long long)s.resends_after_reconnect,
                (unsigned long long)s.resends_after_error,
                (unsigned long long)s.resends_after_timeout, (unsigned long long)s.acks,
                (unsigned long long)s.repeated_acks, (unsigned long long)s.ack_mismatches,
                (unsigned long long)s.late_answers);
    std::printf("answers: rejected: %s; errors: %s; resume refused: %s\n",
                counts(s.rejected).c_str(), counts(s.errors).c_str(),
                counts(s.entry_refusals).c_str());
    std::printf("connections: disconnects %llu, send failures %llu, resumes %llu, failed attempts "
                "%llu, given up as hung %llu\n",
                (unsigned long long)s.disconnects, (unsigned long long)s.send_failures,
                (unsigned long long)s.reconnects, (unsigned long long)s.failed_reconnects,
                (unsigned long long)s.hung_drops);
    std::printf("wire: seq gaps %llu, repeats %llu (different %llu), welcomes behind the seen "
                "seq %llu\n",
                (unsigned long long)s.wire_gaps, (unsigned long long)s.wire_repeats,
                (unsigned long long)s.wire_conflicts, (unsigned long long)s.rooms_gone_back);
    std::printf("load held: %.1f cmd/s acknowledged while sending\n",
                window > 0 ? s.card_acks_while_sending / window : 0.0);
}

bool report(const rooms_t& rooms, const chaos_stats& s, const chaos_options& o, const verdict& v) {
    print_client_figures(s, o, rooms.size());
    print_outages(rooms);
    std::printf("stored: events %llu; acked commands checked %llu: lost %llu, duplicated %llu, "
                "other seqs %llu; seq gaps %llu; view mismatches %llu; clients behind %llu; "
                "never answered %llu (of them stored %llu); refused but stored %llu; unknown "
                "ids %llu\n",
                (unsigned long long)v.stored_events, (unsigned long long)v.commands_checked,
                (unsigned long long)v.lost, (unsigned long long)v.duplicated,
                (unsigned long long)v.seq_mismatches, (unsigned long long)v.gaps,
                (unsigned long long)v.view_mismatches, (unsigned long long)v.members_behind,
                (unsigned long long)v.unresolved, (unsigned long long)v.unresolved_stored,
                (unsigned long long)v.refused_stored, (unsigned long long)v.foreign);
    for (const auto& p : s.problems)
        std::printf("  client saw: %s\n", p.c_str());
    for (const auto& d : v.details)
        std::printf("  check: %s\n", d.c_str());
    const bool wire_ok = s.ack_mismatches == 0 && s.wire_gaps == 0 && s.wire_repeats == 0 &&
                         s.rooms_gone_back == 0 && s.late_answers == 0;
    double longest = 0;
    for (const auto& r : rooms)
        longest = std::max(longest, seconds(r->longest_outage()));
    const auto window = seconds(s.window_end - s.window_start);
    // One line for tests/chaos/run to read.
    std::printf("RESULT pass=%d acked=%llu lost=%llu duplicated=%llu gaps=%llu "
                "view_mismatches=%llu wire_ok=%d load=%.1f longest_unavailable=%.2f "
                "resends=%llu stored=%llu\n",
                v.pass() && wire_ok, (unsigned long long)v.commands_checked,
                (unsigned long long)v.lost, (unsigned long long)v.duplicated,
                (unsigned long long)(v.gaps + s.wire_gaps), (unsigned long long)v.view_mismatches,
                wire_ok, window > 0 ? s.card_acks_while_sending / window : 0.0, longest,
                (unsigned long long)(s.resends_after_reconnect + s.resends_after_error +
                                     s.resends_after_timeout),
                (unsigned long long)v.stored_events);
    return v.pass() && wire_ok;
}

// PostgreSQL may still be starting after the last fault: a few tries, a second apart.
asio::awaitable<std::optional<stored_log>> read_log(const std::string& url) {
    for (int attempt = 1;; ++attempt) {
        try {
            co_return read_stored_log(url);
        } catch (const std::exception& e) {
            if (attempt == 10) {
                std::cerr << "chaos-client: cannot read the stored log: " << e.what() << "\n";
                co_return std::nullopt;
            }
        }
        co_await sleep(1s);
    }
}

asio::awaitable<int> run(const chaos_options& o, const bool& stop) {
    auto ex = co_await asio::this_coro::executor;
    const asio::ip::tcp::endpoint server(asio::ip::make_address("127.0.0.1"), o.port);
    chaos_stats stats;
    rooms_t rooms;
    for (unsigned i = 0; i < o.rooms; ++i) {
        rooms.push_back(std::make_unique<chaos_room>(ex, o, server, i, stats));
        if (!co_await rooms.back()->set_up()) {
            std::cerr << "chaos-client: setup failed: " << rooms.back()->last_failure() << "\n";
            co_return 2;
        }
    }
    std::printf("chaos-client: ready, %u rooms set up\n", o.rooms);
    std::fflush(stdout);
    co_await send_phase(rooms, stats, o, stop);
    co_await settle_phase(rooms, stats, o);
    for (auto& r : rooms)
        co_await r->finish();
    const auto log = co_await read_log(o.database_url);
    if (!log) co_return 2;
    co_return report(rooms, stats, o, check(rooms, *log)) ? 0 : 1;
}

} // namespace

int main(int argc, char** argv) {
    const auto parsed = parse_options(argc, argv);
    if (!parsed.options) {
        (parsed.error ? std::cerr : std::cout) << parsed.message << "\n";
        return parsed.error ? 2 : 0;
    }
    asio::io_context ioc(1);
    bool stop = false;
    // SIGUSR1: the faults are over, stop sending and check. SIGINT/SIGTERM: the same, early.
    asio::signal_set signals(ioc, SIGUSR1, SIGINT, SIGTERM);
    signals.async_wait([&](auto, int) { stop = true; });
    int status = 2;
    asio::co_spawn(ioc, run(*parsed.options, stop), [&](std::exception_ptr e, int rc) {
        status = e ? 2 : rc;
        signals.cancel();
        ioc.stop();
    });
    ioc.run();
    return status;
}
