#pragma once

#include "db/storage_thread.hpp"
#include "server/config.hpp"

#include <string>

namespace casecircle::server {

// What every connection shares: configuration and the storage thread. Lives as long as the
// io_context runs.
struct server_context {
    config cfg;
    db::storage_thread storage;

    explicit server_context(config c) : cfg(std::move(c)), storage(cfg.database_url) {}
};

} // namespace casecircle::server
