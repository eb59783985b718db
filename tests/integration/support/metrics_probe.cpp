#include "tests/integration/support/metrics_probe.hpp"

#include "tests/integration/support/http_client.hpp"

#include <sstream>
#include <thread>

namespace casecircle::testing {

double metric(std::uint16_t port, const std::string& series) {
    const auto reply = http_get(port, "/metrics");
    std::istringstream lines(reply.body);
    std::string line;
    while (std::getline(lines, line))
        if (line.starts_with(series + " ")) return std::stod(line.substr(series.size() + 1));
    return 0;
}

bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds deadline) {
    const auto until = std::chrono::steady_clock::now() + deadline;
    while (!condition()) {
        if (std::chrono::steady_clock::now() > until) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
}

} // namespace casecircle::testing
