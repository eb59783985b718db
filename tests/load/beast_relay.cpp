// Baseline for tests/load: a minimal Beast broadcast relay with casecircle's framing and no
// application logic (no validation, roles, engine or database) – the floor our shell can reach.
//
//   beast_relay [--port N] [--threads N]   prints "beast-relay listening on http://127.0.0.1:PORT/"

#include "tests/load/relay_room.hpp"
#include "tests/load/relay_session.hpp"
#include "tests/load/spawn.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <iostream>
#include <string_view>
#include <thread>

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using namespace casecircle::load;

namespace {

asio::awaitable<void> accept_loop(tcp::acceptor& acceptor, asio::io_context& ioc,
                                  relay_registry& registry) {
    for (;;) {
        boost::system::error_code ec;
        // Each connection gets its own strand, so that sessions run on every thread.
        tcp::socket socket(asio::make_strand(ioc));
        co_await acceptor.async_accept(socket, asio::redirect_error(asio::use_awaitable, ec));
        if (ec) continue;
        socket.set_option(tcp::no_delay(true), ec);
        auto session = std::make_shared<relay_session>(std::move(socket), registry);
        spawn(session->executor(), session->run());
    }
}

} // namespace

int main(int argc, char** argv) {
    unsigned short port = 0;
    unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string_view flag(argv[i]);
        if (flag == "--port")
            port = static_cast<unsigned short>(std::stoi(argv[i + 1]));
        else if (flag == "--threads")
            threads = static_cast<unsigned>(std::stoi(argv[i + 1]));
    }
    asio::io_context ioc(static_cast<int>(threads));
    tcp::acceptor acceptor(ioc, {asio::ip::make_address("127.0.0.1"), port});
    acceptor.listen(asio::socket_base::max_listen_connections);
    relay_registry registry;
    spawn(ioc.get_executor(), accept_loop(acceptor, ioc, registry));
    std::cout << "beast-relay listening on http://127.0.0.1:" << acceptor.local_endpoint().port()
              << "/" << std::endl;
    std::vector<std::thread> pool;
    for (unsigned i = 1; i < threads; ++i)
        pool.emplace_back([&ioc] { ioc.run(); });
    ioc.run();
    for (auto& t : pool)
        t.join();
}
