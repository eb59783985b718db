#include "server/lease_keeper.hpp"

#include "db/room_leases.hpp"
#include "server/room.hpp"
#include "server/server_context.hpp"

namespace casecircle::server {

lease_keeper::lease_keeper(boost::asio::io_context& ioc, std::shared_ptr<server_context> ctx)
    : ctx_(std::move(ctx)), timer_(ioc) {}

void lease_keeper::run() {
    timer_.expires_after(ctx_->lease_ttl() / 3);
    timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
        if (ec) return;
        self->renew();
        self->run();
    });
}

void lease_keeper::stop() {
    timer_.cancel();
}

void lease_keeper::renew() {
    std::vector<std::pair<std::string, std::int64_t>> held;
    for (const auto& r : ctx_->registry.all())
        held.emplace_back(r->id(), r->lease_epoch());
    if (held.empty()) return;
    // The fast lane: a renewal that waits behind slow work lets the lease run out.
    [[maybe_unused]] const bool queued = ctx_->storage.post(
        db::storage_pool::lane::fast,
        [ctx = ctx_, held = std::move(held)](pqxx::connection_base* conn) {
            if (conn == nullptr) return;
            try {
                for (const auto& [id, epoch] :
                     db::renew_room_leases(*conn, ctx->cfg.node_name, held, ctx->lease_ttl()))
                    if (auto r = ctx->registry.find(id); r && r->lease_epoch() == epoch)
                        r->lease_lost();
            } catch (const std::exception& e) {
                ctx->stats.report_error("lease_renewal", e.what());
            }
        });
}

} // namespace casecircle::server
