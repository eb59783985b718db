#pragma once

#include "support.hpp"

namespace casecircle::protocol::testing {

// A complete nine-step quality circle with known times, used by the minutes and replay tests.
// Timeline (minutes after t0): start at 1; step 1 runs 12 min (2 over); step 2 runs 1.5 min;
// step 3 runs 8 min of which 3 paused; step 4 is extended by 5 and runs 14; steps 5-7 run 5, 4
// and 5; step 8 runs 10; step 9 runs 9, then the session ends.
session_driver full_quality_circle();

} // namespace casecircle::protocol::testing
