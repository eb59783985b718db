#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace pqxx {
class transaction_base;
}

namespace casecircle::db {

struct archived_card {
    std::string card_id;
    int step = 0;
    std::string step_key;
    std::string category;
    std::string category_title; // German, as shown to the people in the session
    std::string record;         // e.g. "suggestions"; "" for plain cards
    std::string text;
    std::string author;
    bool advocatus = false;
};

// Approved minutes as the archive stores them: the engine's minutes document and its Markdown,
// plus the columns the archive filters, searches and aggregates on.
struct archived_minutes {
    std::string room_id;
    std::string format;
    std::string case_code;
    std::string title;
    std::string session_date; // YYYY-MM-DD
    std::string moderator;
    std::int64_t approved_at_ms = 0;
    std::string review_date; // "" when no decision set one
    nlohmann::json content;
    std::string markdown;
    std::string search_text;
    std::vector<archived_card> cards;
};

// Private-use characters that delimit hits in search snippets (ts_headline's StartSel/StopSel).
inline constexpr const char* hit_start = "\uE000";
inline constexpr const char* hit_end = "\uE001";

// Reads the archive columns out of approved minutes (protocol::build_minutes).
archived_minutes archive_of(std::string room_id, nlohmann::json minutes, std::string markdown);

// INSERT statements for the minutes and their cards, to run in the transaction that commits the
// minutes_approved event.
std::string archive_insert_sql(pqxx::transaction_base& tx, const archived_minutes& record);

} // namespace casecircle::db
