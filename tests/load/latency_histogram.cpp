#include "tests/load/latency_histogram.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace casecircle::load {

void latency_histogram::record(std::chrono::steady_clock::duration d) {
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(d).count();
    const auto cap = static_cast<long long>(std::numeric_limits<std::uint32_t>::max());
    micros_.push_back(static_cast<std::uint32_t>(std::clamp<long long>(us, 0, cap)));
    sorted_ = false;
}

void latency_histogram::merge(const latency_histogram& other) {
    micros_.insert(micros_.end(), other.micros_.begin(), other.micros_.end());
    sorted_ = micros_.empty();
}

void latency_histogram::sort_once() {
    if (sorted_) return;
    std::sort(micros_.begin(), micros_.end());
    sorted_ = true;
}

double latency_histogram::quantile_ms(double q) {
    if (micros_.empty()) return 0;
    sort_once();
    // Nearest rank: the smallest sample with at least q of all samples at or below it.
    const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(micros_.size())));
    const auto index = std::min(micros_.size() - 1, rank == 0 ? 0 : rank - 1);
    return micros_[index] / 1000.0;
}

double latency_histogram::max_ms() {
    if (micros_.empty()) return 0;
    sort_once();
    return micros_.back() / 1000.0;
}

double latency_histogram::mean_ms() const {
    if (micros_.empty()) return 0;
    const double sum = std::accumulate(micros_.begin(), micros_.end(), 0.0);
    return sum / static_cast<double>(micros_.size()) / 1000.0;
}

} // namespace casecircle::load
