#pragma once

#include "db/event_writer.hpp"
#include "db/notice_listener.hpp"
#include "db/storage_pool.hpp"
#include "protocol/template.hpp"
#include "server/api.hpp"
#include "server/config.hpp"
#include "server/connection_limits.hpp"
#include "server/metrics.hpp"
#include "server/room.hpp"
#include "server/room_registry.hpp"

#include <boost/asio/io_context.hpp>
#include <cstdlib>
#include <string>

namespace casecircle::server {

// What every connection shares. Lives as long as the io_context runs.
struct server_context {
    config cfg;
    boost::asio::io_context& ioc;
    protocol::template_library templates;
    metrics stats;
    connection_limits connections;
    room_registry registry;
    db::storage_pool storage;
    db::event_writer writer;
    api api_handler; // used on the storage threads only
    // Last: its thread calls into the members above and must stop before they go.
    db::notice_listener notices;

    server_context(config c, boost::asio::io_context& io, protocol::template_library library)
        : cfg(std::move(c)), ioc(io), templates(std::move(library)),
          connections(cfg.max_connections, cfg.max_connections_per_address, cfg.trusted_proxy),
          storage(database("casecircle storage"),
                  {cfg.database_connections, cfg.database_queue_limit}, reporter()),
          writer(
              database("casecircle writer"), {cfg.node_name, lease_ttl()},
              [this](const db::batch_observation& b) { observe(b); }, reporter(),
              !cfg.event_log_in_memory),
          api_handler(api_settings{
              cfg.secure_cookies, cfg.login_concurrency, cfg.login_queue_limit,
              static_cast<int>(cfg.login_failures_per_account),
              static_cast<int>(cfg.login_failures_per_address),
              std::chrono::seconds(cfg.login_window_s),
              [this](std::int64_t user_id) {
                  // Removed from a team, disabled, password reset: out
                  // of every room at once.
                  for (const auto& r : registry.all())
                      r->revoke_account(user_id);
              },
              [this] { stats.access_probes.fetch_add(1, std::memory_order_relaxed); }, &templates,
              [this](const std::string& what) { stats.report_error("api_internal_error", what); }}),
          notices(
              database("casecircle notices"), [this](const std::string& n) { on_notice(n); },
              reporter()) {
        for (const auto& [name, value] : limit_values(cfg))
            stats.set_limit(name, value);
        add_queue_gauges();
    }

    std::chrono::milliseconds lease_ttl() const {
        return std::chrono::milliseconds(1000LL * cfg.lease_ttl_s);
    }

    room_services services() {
        return {templates, writer, storage,
                registry,  stats,  room_limits{cfg.max_room_events, cfg.max_participant_commands}};
    }

  private:
    // From another process on the same database (db::notice_listener), on the listener's thread.
    void on_notice(const std::string& notice) {
        const auto space = notice.find(' ');
        const auto kind = notice.substr(0, space);
        const auto subject = space == std::string::npos ? std::string() : notice.substr(space + 1);
        if (kind == "handover" || kind == "deleted") {
            if (auto r = registry.find(subject)) kind == "handover" ? r->hand_over() : r->vanish();
        } else if (kind == "revoked") {
            const auto user_id = std::strtoll(subject.c_str(), nullptr, 10);
            for (const auto& r : registry.all())
                r->revoke_account(user_id);
        }
    }

    void add_queue_gauges() {
        stats.add_gauge("casecircle_rooms", "Rooms held in memory (loaded when entered).",
                        [this] { return static_cast<double>(registry.size()); });
        stats.add_gauge("casecircle_room_objects",
                        "Room objects alive, unloaded ones still referenced included.",
                        [] { return static_cast<double>(room::objects()); });
        stats.add_gauge("casecircle_rooms_set_aside",
                        "Rooms whose stored log does not replay, kept out until an operator "
                        "looks at them.",
                        [this] { return static_cast<double>(registry.set_aside_count()); });
        using lane = db::storage_pool::lane;
        stats.add_gauge("casecircle_commit_queue_requests",
                        "Append requests waiting for the event writer.",
                        [this] { return static_cast<double>(writer.waiting()); });
        for (const auto& [l, label] : {std::pair{lane::fast, "fast"}, {lane::normal, "normal"}})
            stats.add_gauge(std::string("casecircle_storage_queue_jobs{lane=\"") + label + "\"}",
                            "Storage jobs waiting, by lane.",
                            [this, l = l] { return static_cast<double>(storage.waiting(l)); });
    }

    db::connection_settings database(std::string name) const {
        return {cfg.database_url, std::move(name),
                std::chrono::milliseconds(1000LL * cfg.database_timeout_s)};
    }
    std::function<void(const char*, const std::string&)> reporter() {
        return [this](const char* what, const std::string& detail) {
            stats.report_error(what, detail);
        };
    }
    void observe(const db::batch_observation& b) {
        stats.commit_batch_size.observe(static_cast<double>(b.requests));
        stats.commit_latency_seconds.observe(static_cast<double>(b.latency.count()) / 1e6);
        stats.events_committed.fetch_add(b.events, std::memory_order_relaxed);
        if (b.failed > 0) stats.commit_failures.fetch_add(1, std::memory_order_relaxed);
        stats.commits_refused.fetch_add(b.failed, std::memory_order_relaxed);
        if (b.split) stats.commit_splits.fetch_add(1, std::memory_order_relaxed);
    }
};

} // namespace casecircle::server
