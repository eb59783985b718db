#include "tests/load/server_probe.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <fstream>
#include <iterator>
#include <sstream>
#include <unistd.h>

namespace casecircle::load {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

long status_kb(const std::string& status, const std::string& field) {
    const auto at = status.find(field + ":");
    if (at == std::string::npos) return 0;
    return std::strtol(status.c_str() + at + field.size() + 1, nullptr, 10);
}

// Fields 14 and 15 of /proc/PID/stat, counted after the command name, which may hold spaces.
double cpu_seconds(const std::string& stat) {
    const auto close = stat.rfind(')');
    if (close == std::string::npos) return 0;
    std::istringstream fields(stat.substr(close + 2));
    std::string field;
    double ticks = 0;
    for (int i = 3; i <= 15 && fields >> field; ++i)
        if (i >= 14) ticks += std::stod(field);
    return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

metrics_sample parse_metrics(const std::string& body) {
    metrics_sample sample;
    std::istringstream lines(body);
    std::string line;
    while (std::getline(lines, line)) {
        if (line.empty() || line[0] == '#') continue;
        const auto space = line.rfind(' ');
        if (space == std::string::npos) continue;
        sample.values[line.substr(0, space)] = std::strtod(line.c_str() + space + 1, nullptr);
    }
    sample.ok = true;
    return sample;
}

} // namespace

proc_sample read_proc(int pid) {
    if (pid <= 0) return {};
    const auto base = "/proc/" + std::to_string(pid);
    const auto status = read_file(base + "/status");
    const auto stat = read_file(base + "/stat");
    if (status.empty() || stat.empty()) return {};
    return {true, status_kb(status, "VmRSS"), cpu_seconds(stat)};
}

double metrics_sample::value(const std::string& key) const {
    const auto it = values.find(key);
    return it == values.end() ? 0.0 : it->second;
}

asio::awaitable<metrics_sample> fetch_metrics(asio::ip::tcp::endpoint server) {
    beast::tcp_stream stream(co_await asio::this_coro::executor);
    // Long: an overloaded server answers late, and a late figure beats none.
    stream.expires_after(std::chrono::seconds(60));
    boost::system::error_code ec;
    co_await stream.async_connect(server, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return metrics_sample{};
    http::request<http::empty_body> req{http::verb::get, "/metrics", 11};
    req.set(http::field::host, server.address().to_string());
    co_await http::async_write(stream, req, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return metrics_sample{};
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    co_await http::async_read(stream, buffer, res, asio::redirect_error(asio::use_awaitable, ec));
    if (ec || res.result() != http::status::ok) co_return metrics_sample{};
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
    co_return parse_metrics(res.body());
}

} // namespace casecircle::load
