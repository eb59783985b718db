#include "server/room_housekeeping.hpp"

#include "db/room_log.hpp"
#include "server/entry_lookup.hpp"
#include "server/room.hpp"
#include "server/server_context.hpp"

#include <algorithm>
#include <malloc.h>

namespace casecircle::server {

namespace {
// Idle sessions ended per round: a server that was off for a week catches up over a few rounds.
constexpr std::size_t idle_closes_per_round = 100;
} // namespace

room_housekeeping::room_housekeeping(boost::asio::io_context& ioc,
                                     std::shared_ptr<server_context> ctx)
    : ctx_(std::move(ctx)), timer_(ioc) {}

std::chrono::seconds room_housekeeping::interval() const {
    const auto shortest = std::min(ctx_->cfg.room_unload_after_s, ctx_->cfg.session_idle_close_s);
    return std::chrono::seconds(std::clamp(shortest / 4, 1u, 60u));
}

void room_housekeeping::run() {
    timer_.expires_after(interval());
    timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
        if (ec) return;
        self->tick();
        self->run();
    });
}

void room_housekeeping::stop() {
    timer_.cancel();
}

void room_housekeeping::tick() {
    // With --event-log memory a room's events live only in memory: it must never unload.
    if (!ctx_->cfg.event_log_in_memory)
        for (const auto& r : ctx_->registry.all())
            r->unload_if_idle(std::chrono::seconds(ctx_->cfg.room_unload_after_s));
    // The allocator keeps what unloaded rooms freed for later rooms; after a wave of unloading
    // (an evening after a busy day) it is handed back, so that RSS shows what is really held.
    const auto unloaded = ctx_->stats.rooms_unloaded.load(std::memory_order_relaxed);
    if (unloaded != unloaded_at_last_trim_) {
        unloaded_at_last_trim_ = unloaded;
        ::malloc_trim(0);
    }
    check_storage();
}

void room_housekeeping::check_storage() {
    if (ctx_->cfg.event_log_in_memory) return;
    std::vector<std::string> loaded;
    for (const auto& r : ctx_->registry.all())
        loaded.push_back(r->id());
    // Normal lane, and a full queue is no reason to retry: the next round asks again.
    [[maybe_unused]] const bool queued = ctx_->storage.post(
        db::storage_pool::lane::normal,
        [ctx = ctx_, loaded = std::move(loaded)](pqxx::connection_base* conn) {
            if (conn == nullptr) return;
            try {
                for (const auto& id : db::gone_rooms(*conn, loaded))
                    if (auto r = ctx->registry.find(id)) r->vanish();
                const auto seconds_ago = [](unsigned s) {
                    return now_ms() - 1000LL * static_cast<long long>(s);
                };
                const auto before = seconds_ago(ctx->cfg.session_idle_close_s);
                const auto written_before = seconds_ago(ctx->cfg.written_idle_close_s);
                for (const auto& id :
                     db::idle_rooms(*conn, before, written_before, idle_closes_per_round))
                    if (auto r = find_or_load_room(*ctx, *conn, id).found)
                        r->close_if_idle(before, written_before);
            } catch (const std::exception& e) {
                ctx->stats.report_error("housekeeping", e.what());
            }
        });
}

} // namespace casecircle::server
