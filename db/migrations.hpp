#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace pqxx {
class connection_base;
}

namespace casecircle::db {

// A migration that PostgreSQL refused; the message names the file and PostgreSQL's error.
struct migration_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Applies the numbered files `NNN_name.sql` in `dir` that are not yet recorded, in order, each in
// its own transaction. Returns the file names applied by this call (empty on a second start).
std::vector<std::string> apply_migrations(pqxx::connection_base& conn,
                                          const std::filesystem::path& dir);

// The files in `dir` not yet recorded as applied, in order.
std::vector<std::string> pending_migrations(pqxx::connection_base& conn,
                                            const std::filesystem::path& dir);

} // namespace casecircle::db

namespace casecircle::db {

// PostgreSQL's messages end in a newline and sometimes carry a second line; a start-up error
// should read as one line.
std::string one_line(std::string text);

// The database could not be reached at start-up; the message is PostgreSQL's, on one line.
struct database_unreachable : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Connects once to `database_url` and applies the pending migrations. Throws
// database_unreachable or migration_error.
std::vector<std::string> migrate(const std::string& database_url, const std::filesystem::path& dir);

} // namespace casecircle::db
