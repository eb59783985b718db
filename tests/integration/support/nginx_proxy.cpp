#include "tests/integration/support/nginx_proxy.hpp"

#include "tests/integration/support/metrics_probe.hpp"
#include "tests/integration/support/server_process.hpp"
#include "tests/integration/support/test_database.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <catch2/catch.hpp>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace casecircle::testing {

namespace {

namespace asio = boost::asio;

std::uint16_t free_port() {
    asio::io_context ioc;
    asio::ip::tcp::acceptor probe(ioc, {asio::ip::make_address("127.0.0.1"), 0});
    return probe.local_endpoint().port();
}

bool accepts(std::uint16_t port) {
    asio::io_context ioc;
    asio::ip::tcp::socket s(ioc);
    boost::system::error_code ec;
    s.connect({asio::ip::make_address("127.0.0.1"), port}, ec);
    return !ec;
}

// Debian installs it in /usr/sbin, which a non-root PATH may lack.
std::string nginx_binary() {
    std::string path = std::getenv("PATH") ? std::getenv("PATH") : "";
    path += ":/usr/sbin:/sbin";
    for (std::size_t at = 0; at <= path.size();) {
        const auto end = std::min(path.find(':', at), path.size());
        const auto candidate = path.substr(at, end - at) + "/nginx";
        if (end > at && ::access(candidate.c_str(), X_OK) == 0) return candidate;
        at = end + 1;
    }
    FAIL("nginx is not installed (Debian package nginx; deploy/casecircle test installs it)");
    return {};
}

void replace(std::string& text, const std::string& key, const std::string& value) {
    for (auto at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size()))
        text.replace(at, key.size(), value);
}

} // namespace

nginx_proxy::nginx_proxy(const std::vector<std::uint16_t>& node_ports)
    : prefix_(scratch_dir("nginx")), port_(free_port()) {
    std::ifstream in(source_dir() + "/deploy/nginx/local.conf.in");
    std::stringstream text;
    text << in.rdbuf();
    auto config = text.str();
    std::string servers;
    for (const auto p : node_ports)
        servers +=
            "        server 127.0.0.1:" + std::to_string(p) + " max_fails=1 fail_timeout=5s;\n";
    replace(config, "@PREFIX@", prefix_);
    replace(config, "@PORT@", std::to_string(port_));
    replace(config, "@SERVERS@", servers);
    replace(config, "@INCLUDE@", source_dir() + "/deploy/nginx/casecircle-proxy.conf");
    std::ofstream(prefix_ + "/nginx.conf") << config;
    // The workers run as nobody when the tests run as root; they buffer into these.
    for (const char* dir : {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"}) {
        std::filesystem::create_directories(prefix_ + "/" + dir);
        std::filesystem::permissions(prefix_ + "/" + dir, std::filesystem::perms::all);
    }
    process_ = std::make_unique<child_process>(
        std::vector<std::string>{nginx_binary(), "-p", prefix_, "-e", prefix_ + "/error.log", "-c",
                                 prefix_ + "/nginx.conf"});
    REQUIRE(eventually([this] { return accepts(port_); }, std::chrono::seconds(10)));
}

nginx_proxy::~nginx_proxy() {
    process_->signal(SIGQUIT);
    process_->wait_exit();
}

} // namespace casecircle::testing
