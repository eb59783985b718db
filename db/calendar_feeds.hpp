#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pqxx {
class connection_base;
}

namespace casecircle::db {

// A personal calendar feed behind a secret link (only its hash is stored). A new link revokes
// the old one.
void replace_calendar_feed(pqxx::connection_base& conn, std::int64_t user_id,
                           const std::string& token_hash);
// False when the person had no live link.
bool revoke_calendar_feed(pqxx::connection_base& conn, std::int64_t user_id);
// When the live link was made (ms), nothing without one.
std::optional<std::int64_t> calendar_feed_since(pqxx::connection_base& conn, std::int64_t user_id);

struct calendar_entry {
    std::string uid; // stable across reads, so calendars update instead of duplicating
    std::int64_t start_ms = 0;
    int minutes = 0; // 0: an all-day entry on `day`
    std::string day; // YYYY-MM-DD, for all-day entries
    std::string summary;
    std::string location;
    std::string description;
    bool cancelled = false;
};

struct calendar_feed {
    std::int64_t user_id = 0;
    std::string username;
    std::vector<calendar_entry> entries;
};

// The circle dates of the person's teams (from 60 days back to the horizon, cancelled ones marked)
// and the review dates of the decisions they presented that no session has followed up yet.
// Nothing for an unknown or revoked link, or a disabled account.
std::optional<calendar_feed> read_calendar_feed(pqxx::connection_base& conn,
                                                const std::string& token_hash);

} // namespace casecircle::db
