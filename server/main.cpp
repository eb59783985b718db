#include "db/database_setup.hpp"
#include "db/migrations.hpp"
#include "server/admin_command.hpp"
#include "server/config.hpp"
#include "server/lease_keeper.hpp"
#include "server/listener.hpp"
#include "server/room_housekeeping.hpp"
#include "server/server_context.hpp"
#include "server/startup.hpp"
#include "server/time_zones.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/signal_set.hpp>
#include <cstdlib>
#include <iostream>
#include <thread>
#include <vector>

namespace {

namespace asio = boost::asio;
using namespace casecircle;

int fail(const std::string& message) {
    std::cerr << "casecircle: " << message << std::endl;
    return 2;
}

int serve(const server::config& cfg, protocol::template_library templates) {
    boost::system::error_code ec;
    const auto address = asio::ip::make_address(cfg.bind_address, ec);
    if (ec) return fail("--bind: '" + cfg.bind_address + "' is not an IP address");

    asio::io_context ioc;
    auto ctx = std::make_shared<server::server_context>(cfg, ioc, std::move(templates));
    auto accept = std::make_shared<server::listener>(ioc, ctx);
    try {
        accept->open({address, cfg.port});
    } catch (const boost::system::system_error& e) {
        return fail("cannot listen on " + cfg.bind_address + ":" + std::to_string(cfg.port) + ": " +
                    e.code().message());
    }
    accept->run();
    // Rooms are loaded when someone enters them; this takes them out of memory again.
    auto housekeeping = std::make_shared<server::room_housekeeping>(ioc, ctx);
    housekeeping->run();
    // Rooms in memory stay this process's while it lives (several processes on one database).
    auto leases = std::make_shared<server::lease_keeper>(ioc, ctx);
    leases->run();

    asio::signal_set signals(ioc, SIGINT, SIGTERM);
    signals.async_wait([&](auto, int) {
        accept->close();
        housekeeping->stop();
        leases->stop();
        ioc.stop();
    });

    if (cfg.event_log_in_memory)
        std::cerr << "casecircle: --event-log memory: commands are acknowledged without being "
                     "stored; everything of this run is lost when it stops (benchmarks only)"
                  << std::endl;
    const auto endpoint = accept->local_endpoint();
    std::cout << "casecircle " << CASECIRCLE_VERSION << " listening on http://"
              << endpoint.address().to_string() << ":" << endpoint.port() << "/" << std::endl;

    const unsigned threads =
        cfg.threads ? cfg.threads : std::max(1u, std::thread::hardware_concurrency());
    // A handler that throws is a bug; it is counted and logged, and the thread serves on.
    const auto run = [&ioc, &ctx] {
        for (;;) {
            try {
                ioc.run();
                return;
            } catch (const std::exception& e) {
                ctx->stats.report_error("handler_exception", e.what());
            } catch (...) {
                ctx->stats.report_error("handler_exception", "unknown exception");
            }
        }
    };
    std::vector<std::thread> pool;
    for (unsigned i = 1; i < threads; ++i)
        pool.emplace_back(run);
    run();
    for (auto& t : pool)
        t.join();
    ctx->notices.stop();
    ctx->storage.stop();
    ctx->writer.stop();
    std::cout << "casecircle stopped" << std::endl;
    return 0;
}

} // namespace

int main(int argc, char** argv, char** envp) {
    if (argc > 1 && std::string_view(argv[1]) == "admin")
        return server::run_admin(argc, argv, std::cin, std::cout, std::cerr);
    const auto parsed = server::parse_config(argc, argv, envp);
    if (std::holds_alternative<server::show_help>(parsed)) {
        std::cout << server::help_text();
        return 0;
    }
    if (const auto* error = std::get_if<server::config_error>(&parsed)) return fail(error->message);
    const auto& cfg = std::get<server::config>(parsed);

    auto templates = server::read_templates(cfg.templates_dir);
    if (const auto* error = std::get_if<std::string>(&templates)) return fail(*error);
    if (const auto error = server::load_time_zone_names()) return fail(*error);

    // A database that does not answer must fail the start quickly, not hang it.
    setenv("PGCONNECT_TIMEOUT", "5", 0);
    try {
        const auto applied = db::prepare_database(
            {cfg.database_url, cfg.owner_database_url, cfg.migrations_dir,
             cfg.allow_privileged_database_role ? db::privileged_role_policy::allow_and_migrate
                                                : db::privileged_role_policy::refuse});
        for (const auto& name : applied)
            std::cout << "applied migration " << name << std::endl;
    } catch (const db::database_unreachable& e) {
        return fail("cannot reach the database: " + std::string(e.what()));
    } catch (const db::migration_error& e) {
        return fail(e.what());
    } catch (const db::privileged_role& e) {
        return fail(e.what());
    } catch (const db::migrations_pending& e) {
        return fail(e.what());
    }
    return serve(cfg, std::get<protocol::template_library>(std::move(templates)));
}
