#pragma once

#include <chrono>
#include <cstdint>
#include <vector>

namespace casecircle::load {

// Every sample is kept (a few million at most): exact percentiles matter more here than memory.
class latency_histogram {
  public:
    void record(std::chrono::steady_clock::duration d);
    void merge(const latency_histogram& other);
    std::size_t count() const { return micros_.size(); }
    // q in [0, 1]; milliseconds; 0 when empty. Sorts lazily, so call it after recording is done.
    double quantile_ms(double q);
    double max_ms();
    double mean_ms() const;

  private:
    void sort_once();
    std::vector<std::uint32_t> micros_;
    bool sorted_ = true;
};

} // namespace casecircle::load
