#pragma once

#include <exception>

namespace casecircle::db {

// True when the exception says the connection to PostgreSQL broke (the call may be retried once
// the pool has reconnected), so that code outside db/ can tell it apart without libpqxx.
bool connection_lost(const std::exception& e);

} // namespace casecircle::db
