// Baseline for tests/load: a minimal Beast broadcast relay with casecircle's framing and no
// application logic (no validation, roles, engine or database) – the floor our shell can reach.
//
//   beast_relay [--port N] [--threads N]   prints "beast-relay listening on http://127.0.0.1:PORT/"
//
// --threads (default: one per core, as casecircle's network threads) event loops; connections
// are dealt to them in turn as they are accepted.

#include "tests/load/relay_loops.hpp"
#include "tests/load/relay_room.hpp"
#include "tests/load/relay_session.hpp"
#include "tests/load/spawn.hpp"

#include <algorithm>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <iostream>
#include <string_view>

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using namespace casecircle::load;

namespace {

asio::awaitable<void> accept_loop(tcp::acceptor& acceptor, relay_loops& loops,
                                  relay_registry& registry) {
    for (unsigned next = 0;; next = (next + 1) % loops.size()) {
        boost::system::error_code ec;
        tcp::socket socket(loops.loop(next));
        co_await acceptor.async_accept(socket, asio::redirect_error(asio::use_awaitable, ec));
        if (ec) continue;
        socket.set_option(tcp::no_delay(true), ec);
        // The coroutine holds the session from its start on the session's loop: a member
        // coroutine started there would find its object already released here.
        spawn(loops.loop(next).get_executor(),
              [](std::shared_ptr<relay_session> session) -> asio::awaitable<void> {
                  co_await session->run();
              }(std::make_shared<relay_session>(std::move(socket), next, registry)));
    }
}

} // namespace

int main(int argc, char** argv) {
    unsigned short port = 0;
    unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1u, 64u);
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string_view flag(argv[i]);
        if (flag == "--port")
            port = static_cast<unsigned short>(std::stoi(argv[i + 1]));
        else if (flag == "--threads")
            threads = std::clamp(std::stoi(argv[i + 1]), 1, 64); // a room marks loops in 64 bits
    }
    relay_loops loops(threads);
    tcp::acceptor acceptor(loops.loop(0), {asio::ip::make_address("127.0.0.1"), port});
    acceptor.listen(asio::socket_base::max_listen_connections);
    relay_registry registry(loops);
    spawn(loops.loop(0).get_executor(), accept_loop(acceptor, loops, registry));
    std::cout << "beast-relay listening on http://127.0.0.1:" << acceptor.local_endpoint().port()
              << "/" << std::endl;
    loops.run();
}
