#include "tests/load/report.hpp"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <vector>

namespace casecircle::load {
namespace {

using json = nlohmann::json;

// Per-bucket counts (not cumulative) of a Prometheus histogram between two samples.
json histogram_delta(const metrics_sample& before, const metrics_sample& after,
                     const std::string& name) {
    const auto prefix = name + "_bucket{le=\"";
    std::vector<std::pair<double, double>> cumulative; // upper bound, count
    for (const auto& [key, value] : after.values) {
        if (key.rfind(prefix, 0) != 0) continue;
        const auto bound = key.substr(prefix.size(), key.size() - prefix.size() - 2);
        const double le = bound == "+Inf" ? 1e300 : std::strtod(bound.c_str(), nullptr);
        cumulative.emplace_back(le, value - before.value(key));
    }
    std::sort(cumulative.begin(), cumulative.end());
    json buckets = json::array();
    double below = 0;
    for (const auto& [le, count] : cumulative) {
        if (count - below > 0)
            buckets.push_back(
                {{"le", le >= 1e300 ? json("+Inf") : json(le)}, {"n", count - below}});
        below = count;
    }
    const double count = after.value(name + "_count") - before.value(name + "_count");
    const double sum = after.value(name + "_sum") - before.value(name + "_sum");
    return {{"count", count},
            {"sum", sum},
            {"mean", count > 0 ? sum / count : 0.0},
            {"buckets", buckets}};
}

json latency_json(latency_histogram& h) {
    return {{"n", h.count()},
            {"p50", h.quantile_ms(0.50)},
            {"p99", h.quantile_ms(0.99)},
            {"p999", h.quantile_ms(0.999)},
            {"max", h.max_ms()},
            {"mean", h.mean_ms()}};
}

json server_json(const run_report& r) {
    json s = json::object();
    if (r.proc_start.ok && r.proc_ready.ok && r.proc_end.ok) {
        const double cpu = r.proc_end.cpu_seconds - r.proc_ready.cpu_seconds;
        const auto frames = static_cast<double>(r.totals.frames_sending_phase);
        s["rss_kb_start"] = r.proc_start.rss_kb;
        s["rss_kb_ready"] = r.proc_ready.rss_kb;
        s["rss_kb_end"] = r.proc_end.rss_kb;
        s["cpu_seconds_setup"] = r.proc_ready.cpu_seconds - r.proc_start.cpu_seconds;
        s["cpu_seconds_window"] = cpu;
        s["cpu_share_window"] = r.probe_seconds > 0 ? cpu / r.probe_seconds : 0.0;
        s["bytes_per_connection"] =
            r.connections
                ? 1024.0 * static_cast<double>(r.proc_ready.rss_kb - r.proc_start.rss_kb) /
                      static_cast<double>(r.connections)
                : 0.0;
        s["cpu_us_per_frame"] = frames > 0 ? 1e6 * cpu / frames : 0.0;
        // Over the same span as the CPU: every card acked after setup, the drain included.
        const auto cards = static_cast<double>(r.totals.acks);
        s["cpu_ms_per_card"] = cards > 0 ? 1e3 * cpu / cards : 0.0;
    }
    if (r.metrics_ready.ok && r.metrics_end.ok) {
        s["commit_batch_size"] =
            histogram_delta(r.metrics_ready, r.metrics_end, "casecircle_commit_batch_size");
        s["commit_latency_seconds"] =
            histogram_delta(r.metrics_ready, r.metrics_end, "casecircle_commit_latency_seconds");
        s["commands_accepted"] = r.metrics_end.value("casecircle_commands_accepted_total") -
                                 r.metrics_ready.value("casecircle_commands_accepted_total");
    }
    return s;
}

// What the clients received and sent per card acked in the window, and what the browser traffic
// added: the figures that tell the traffic modes apart.
json traffic_json(const run_report& r) {
    const auto& t = r.totals;
    const auto cards = static_cast<double>(t.acks_in_window);
    const auto per_card = [&](std::uint64_t n) {
        return cards > 0 ? static_cast<double>(n) / cards : 0.0;
    };
    return {{"frames_per_card", per_card(t.frames_in_window)},
            {"bytes_per_card", per_card(t.bytes_in_window)},
            {"bytes_sent_per_card", per_card(t.bytes_sent_in_window)},
            {"snapshot_requests_per_card", per_card(t.snapshot_requests_in_window)},
            {"frames_in_window", t.frames_in_window},
            {"bytes_in_window", t.bytes_in_window},
            {"bytes_sent_in_window", t.bytes_sent_in_window},
            {"snapshot_requests", t.snapshot_requests},
            {"snapshot_requests_in_window", t.snapshot_requests_in_window},
            {"state_frames", t.state_frames},
            {"state_frames_in_window", t.state_frames_in_window},
            {"state_misses", t.state_misses},
            {"pings", t.pings_sent},
            {"pongs", t.pongs}};
}

json report_json(run_report& r) {
    const auto& o = *r.options;
    auto& t = r.totals;
    const double window = r.window_seconds > 0 ? r.window_seconds : 1.0;
    json j = {
        {"label", o.label},
        {"scenario", o.scenario},
        {"traffic", traffic_name(o.traffic)},
        {"rooms", o.rooms},
        {"participants", o.participants},
        {"rate", o.rate},
        {"duration", o.duration},
        {"rooms_ready", r.rooms_ready},
        {"connections", r.connections},
        {"setup_seconds", r.setup_seconds},
        {"cards_sent", t.cards_sent},
        {"acks", t.acks},
        {"commands_per_s", static_cast<double>(t.acks_in_window) / window},
        {"offered_per_s", o.rate * o.participants * static_cast<double>(r.rooms_ready)},
        {"events_frames_per_s", static_cast<double>(t.events_frames_in_window) / window},
        {"rejected", t.rejected},
        {"errors", t.errors},
        {"lost", t.tags_lost},
        {"seq_gaps", t.seq_gaps},
        {"seq_duplicates", t.seq_duplicates},
        {"disconnects", t.disconnects},
        {"setup_failures", t.setup_failures},
        {"send_failures", t.send_failures},
        {"fan_out_ms", latency_json(t.fan_out)},
        {"server", server_json(r)},
        {"clients", traffic_json(r)},
    };
    if (std::FILE* f = std::fopen("/proc/loadavg", "r")) {
        double load = 0;
        if (std::fscanf(f, "%lf", &load) == 1) j["load_average_1m"] = load;
        std::fclose(f);
    }
    if (r.self_ready.ok && r.self_end.ok)
        j["client_cpu_share_window"] = (r.self_end.cpu_seconds - r.self_ready.cpu_seconds) / window;
    if (o.resume_missed > 0) {
        j["resume_ms"] = latency_json(t.resume);
        j["resumed"] = t.resumed;
        j["resume_failures"] = t.resume_failures;
        j["resume_cpu_s"] = {
            {"server", r.storm_server_end.cpu_seconds - r.storm_server_start.cpu_seconds},
            {"loadgen", r.storm_self_end.cpu_seconds - r.storm_self_start.cpu_seconds}};
    }
    return j;
}

void print_latency(const char* what, const json& l) {
    std::printf("%s: n=%llu  p50 %.2f ms  p99 %.2f ms  p99.9 %.2f ms  max %.2f ms\n", what,
                l["n"].get<unsigned long long>(), l["p50"].get<double>(), l["p99"].get<double>(),
                l["p999"].get<double>(), l["max"].get<double>());
}

void print_server(const json& s) {
    if (s.contains("rss_kb_start"))
        std::printf("server: RSS %.1f MB at start, %.1f MB ready, %.1f MB at end "
                    "(%.0f bytes per connection); CPU %.2f s in the window (%.0f%% of one core), "
                    "%.1f us per delivered frame, %.3f ms per card\n",
                    s["rss_kb_start"].get<double>() / 1024, s["rss_kb_ready"].get<double>() / 1024,
                    s["rss_kb_end"].get<double>() / 1024, s["bytes_per_connection"].get<double>(),
                    s["cpu_seconds_window"].get<double>(),
                    100 * s["cpu_share_window"].get<double>(), s["cpu_us_per_frame"].get<double>(),
                    s["cpu_ms_per_card"].get<double>());
    if (!s.contains("commit_batch_size")) return;
    const auto& b = s["commit_batch_size"];
    std::printf("commit batches: %.0f, mean %.2f append requests per batch; by size:",
                b["count"].get<double>(), b["mean"].get<double>());
    for (const auto& bucket : b["buckets"])
        std::printf(" <=%s: %.0f", bucket["le"].dump().c_str(), bucket["n"].get<double>());
    const auto& c = s["commit_latency_seconds"];
    std::printf("\ncommit latency: mean %.2f ms over %.0f commits\n",
                1000 * c["mean"].get<double>(), c["count"].get<double>());
}

} // namespace

void print_report(run_report& r) {
    const auto j = report_json(r);
    const auto& o = *r.options;
    std::printf("\n== loadgen: %s, %u rooms x %u participants, %.2f cards/s each, %.0f s, "
                "%s traffic ==\n",
                o.label.c_str(), o.rooms, o.participants, o.rate, o.duration,
                traffic_name(o.traffic));
    std::printf("setup: %zu rooms ready, %zu connections in %.1f s, %llu setup failures\n",
                r.rooms_ready, r.connections, r.setup_seconds,
                static_cast<unsigned long long>(r.totals.setup_failures));
    std::printf("cards sent %llu, acked %llu; sustained %.1f commands/s (offered %.1f); "
                "events frames delivered %.1f/s\n",
                static_cast<unsigned long long>(r.totals.cards_sent),
                static_cast<unsigned long long>(r.totals.acks), j["commands_per_s"].get<double>(),
                j["offered_per_s"].get<double>(), j["events_frames_per_s"].get<double>());
    std::printf("rejected %s, errors %s, lost %llu, seq gaps %llu, duplicates %llu, "
                "disconnects %llu\n",
                j["rejected"].dump().c_str(), j["errors"].dump().c_str(),
                static_cast<unsigned long long>(r.totals.tags_lost),
                static_cast<unsigned long long>(r.totals.seq_gaps),
                static_cast<unsigned long long>(r.totals.seq_duplicates),
                static_cast<unsigned long long>(r.totals.disconnects));
    print_latency("fan-out (send -> last member)", j["fan_out_ms"]);
    const auto& c = j["clients"];
    std::printf("per card acked in the window: %.1f frames, %.0f bytes received, %.0f bytes sent, "
                "%.2f snapshot requests\n",
                c["frames_per_card"].get<double>(), c["bytes_per_card"].get<double>(),
                c["bytes_sent_per_card"].get<double>(),
                c["snapshot_requests_per_card"].get<double>());
    std::printf(
        "snapshot requests %llu (%llu in the window), state frames %llu, state misses %llu, "
        "pings %llu, pongs %llu\n",
        c["snapshot_requests"].get<unsigned long long>(),
        c["snapshot_requests_in_window"].get<unsigned long long>(),
        c["state_frames"].get<unsigned long long>(), c["state_misses"].get<unsigned long long>(),
        c["pings"].get<unsigned long long>(), c["pongs"].get<unsigned long long>());
    if (j.contains("resume_ms")) {
        print_latency("resume (reconnect -> caught up)", j["resume_ms"]);
        std::printf(
            "resumed %llu, failed %llu; CPU during the storm: server %.2f s, loadgen %.2f s\n",
            j["resumed"].get<unsigned long long>(), j["resume_failures"].get<unsigned long long>(),
            j["resume_cpu_s"]["server"].get<double>(), j["resume_cpu_s"]["loadgen"].get<double>());
    }
    print_server(j["server"]);
    if (j.contains("client_cpu_share_window"))
        std::printf("loadgen itself: %.0f%% of one core in the window\n",
                    100 * j["client_cpu_share_window"].get<double>());
    if (!r.totals.first_failure.empty())
        std::printf("first failure: %s\n", r.totals.first_failure.c_str());
    std::cout << j.dump() << std::endl;
}

} // namespace casecircle::load
