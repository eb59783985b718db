#pragma once

#include "protocol/local_time.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace pqxx {
class connection_base;
}

namespace casecircle::db {

// Filters of the archive list; empty fields do not filter. Dates are YYYY-MM-DD, inclusive.
struct archive_filter {
    // The team whose archive is searched; the HTTP API always sets it. Unset means every
    // archived session, for operators' tools and benchmarks.
    std::optional<std::int64_t> team_id;
    std::string format;
    std::string case_code;
    std::string moderator;
    std::string from;
    std::string to;
    // German full-text search: inflected forms match ("Schuld" finds "Schulden"), and parts of
    // compounds find the whole word ("Beratung" finds "Schuldnerberatung"; the rule is in
    // migration 016 and PROTOCOL.md, "Archive search").
    std::string text;
    int limit = 50;
    // Off: the full-text search alone, as before migration 016, for the bench's comparison.
    bool compound_parts = true;
};

// A piece of the matching passage; `hit` marks the words the search matched.
struct snippet_part {
    std::string text;
    bool hit = false;
};

struct archive_entry {
    std::string room_id;
    std::string format;
    std::string case_code;
    std::string title;
    std::string session_date;
    std::string moderator;
    std::string review_date;
    std::string question;
    std::string decision;
    // What came of the previous session's decision, as this session recorded it ("" if nothing).
    std::string outcome; // done | partly | not_done
    std::string outcome_note;
    std::vector<snippet_part> snippet; // empty without a text search
};

struct addendum {
    std::int64_t id = 0;
    std::string author;
    std::int64_t created_at_ms = 0;
    std::string text;
};

struct stored_minutes {
    nlohmann::json content; // with "addenda" added, in order
    std::string markdown;
    std::vector<addendum> addenda;
};

struct review_due {
    std::string room_id;
    std::string case_code;
    std::string review_date;
    std::string decision;
    std::string moderator;
};

struct deficit_card {
    std::string room_id;
    std::string case_code;
    std::string session_date;
    std::string text;
};

struct deficit_kind {
    std::string category;
    std::string title;
    std::vector<deficit_card> cards;
};

// A decision, the group's prognosis for it, and what the follow-up session said came of it.
struct prognosis_outcome {
    std::string case_code;
    std::string room_id; // the session that decided
    std::string session_date;
    std::string decision;
    std::string review_date;
    std::vector<int> prognosis; // counts of ratings 1..5; empty if none was given
    std::string outcome;        // done | partly | not_done
    std::string outcome_note;
    std::string follow_up_room_id;
    std::string follow_up_date;
};

struct deficit_report {
    std::vector<deficit_kind> kinds;       // every step-7 category, also those without cards
    std::vector<deficit_card> suggestions; // step 9 suggestions on the procedure
};

// Thrown for filters a person can correct (e.g. a malformed date); the message says which.
struct invalid_filter : std::runtime_error {
    using std::runtime_error::runtime_error;
};
// The date itself when it has the shape YYYY-MM-DD; throws invalid_filter naming `name` otherwise.
std::string checked_date(const std::string& date, const char* name);
// The engine's prognosis counts, "1".."5" in the minutes, as five numbers; none without ratings.
std::vector<int> prognosis_counts(const nlohmann::json& distribution);

std::vector<archive_entry> search_archive(pqxx::connection_base& conn, const archive_filter& f);
// The Markdown as approved; with addenda rendered anew, its times in `zone` (the team's).
std::optional<stored_minutes> load_minutes(pqxx::connection_base& conn, const std::string& room_id,
                                           const protocol::local_zone& zone = {});
// Every approved session of one case, oldest first.
std::vector<archive_entry> case_history(pqxx::connection_base& conn, const std::string& case_code,
                                        std::optional<std::int64_t> team_id = std::nullopt);
// What a new session of this case carries in: the last approved session of the case that made
// a decision, as the fields of the engine's link_previous_session; nothing for a new case.
std::optional<nlohmann::json> previous_session_link(pqxx::connection_base& conn,
                                                    const std::string& case_code,
                                                    std::optional<std::int64_t> team_id);
// Follow-ups held between `from` and `to` that recorded an outcome, with the prognosis the
// earlier session gave; oldest first.
std::vector<prognosis_outcome> prognosis_outcomes(pqxx::connection_base& conn,
                                                  const std::string& from, const std::string& to,
                                                  std::optional<std::int64_t> team_id);
// Decisions whose review date is on or before `until` and that no later session of the case
// has followed up yet, earliest first.
std::vector<review_due> reviews_due(pqxx::connection_base& conn, const std::string& until,
                                    std::optional<std::int64_t> team_id = std::nullopt);
deficit_report deficits(pqxx::connection_base& conn, const std::string& from, const std::string& to,
                        std::optional<std::int64_t> team_id = std::nullopt);
// Nothing when no approved minutes have this id.
std::optional<addendum> add_addendum(pqxx::connection_base& conn, const std::string& room_id,
                                     const std::string& author, const std::string& text);

} // namespace casecircle::db
