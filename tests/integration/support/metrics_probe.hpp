#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

namespace casecircle::testing {

// One sample of the server's /metrics: the value of the line that starts with `series` (a
// name, with its labels if it has any), 0 when there is none.
double metric(std::uint16_t port, const std::string& series);

// Checks `condition` until it holds or the deadline passes; returns whether it held. For states
// a test cannot be told about (a counter in /metrics), polled every 20 ms.
bool eventually(const std::function<bool()>& condition,
                std::chrono::milliseconds deadline = std::chrono::seconds(20));

} // namespace casecircle::testing
