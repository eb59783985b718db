#pragma once

#include "db/audit.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace pqxx {
class connection_base;
}

// A team's own formats (issue #20): every save is a new version of a validated document; no
// version changes afterwards. Validation is the engine's (protocol::parse_template), done by the
// caller before saving.
namespace casecircle::db {

struct team_format {
    std::string format_id; // "team<team_id>_…", unique next to the shipped ids
    int version = 0;
    nlohmann::json document;
    std::string based_on; // "" when not said
    std::string saved_by; // the display name of who saved it, "" when the account is gone
    std::int64_t saved_at_ms = 0;
};

// The latest version of each of the team's formats, ordered by id.
std::vector<team_format> latest_team_formats(pqxx::connection_base& conn, std::int64_t team_id);
// The latest version of one, when the team has it.
std::optional<team_format> latest_team_format(pqxx::connection_base& conn, std::int64_t team_id,
                                              const std::string& format_id);

enum class format_save { saved, version_taken };

// Stores `f` (format_id, version, document, based_on) with its audit entry in one transaction.
// version_taken: someone saved that version first; nothing was stored.
format_save save_team_format(pqxx::connection_base& conn, std::int64_t team_id,
                             const team_format& f, std::int64_t saved_by, const audit_entry& audit);

} // namespace casecircle::db
