#pragma once

#include <cstdint>
#include <functional>

namespace pqxx {
class connection_base;
}

namespace casecircle::bench {

// Fills the archive with generated approved sessions "bench-1" … "bench-<sessions>" (rows that
// exist already are kept, so a second run only tops up). Set-based SQL in batches: the rooms
// they reference, the minutes with German text to search, and their step 7 and 9 cards.
// `progress` is called after each batch with the number of sessions present.
void fill_archive(pqxx::connection_base& conn, std::int64_t sessions,
                  const std::function<void(std::int64_t)>& progress);

} // namespace casecircle::bench
