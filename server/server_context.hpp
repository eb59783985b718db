#pragma once

#include "db/event_store.hpp"
#include "db/storage_thread.hpp"
#include "protocol/template.hpp"
#include "server/api.hpp"
#include "server/config.hpp"
#include "server/metrics.hpp"
#include "server/room_registry.hpp"

#include <boost/asio/io_context.hpp>
#include <string>

namespace casecircle::server {

// What every connection shares. Lives as long as the io_context runs.
struct server_context {
    config cfg;
    boost::asio::io_context& ioc;
    protocol::template_library templates;
    metrics stats;
    room_registry registry;
    db::storage_thread storage;
    db::event_writer writer;
    api api_handler; // used on the storage thread only

    server_context(config c, boost::asio::io_context& io, protocol::template_library library)
        : cfg(std::move(c)), ioc(io), templates(std::move(library)), storage(cfg.database_url),
          writer(
              cfg.database_url, [this](const db::batch_observation& b) { observe(b); },
              !cfg.event_log_in_memory),
          api_handler(api_settings{cfg.secure_cookies}) {}

  private:
    void observe(const db::batch_observation& b) {
        stats.commit_batch_size.observe(static_cast<double>(b.requests));
        stats.commit_latency_seconds.observe(static_cast<double>(b.latency.count()) / 1e6);
        if (b.committed)
            stats.events_committed.fetch_add(b.events, std::memory_order_relaxed);
        else
            stats.commit_failures.fetch_add(1, std::memory_order_relaxed);
    }
};

} // namespace casecircle::server
