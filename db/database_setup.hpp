#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace casecircle::db {

// The server's role could change or turn off what protects the records (README, "Database
// roles"); the message says which role and why.
struct privileged_role : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The database is behind the migrations and no one may apply them.
struct migrations_pending : std::runtime_error {
    using std::runtime_error::runtime_error;
};

enum class privileged_role_policy {
    refuse,            // the server: its role must own nothing
    allow_and_migrate, // development: the one role does everything, as before issue #16
    allow,             // the admin command: an operator may run it as any role
};

struct database_setup {
    std::string database_url;       // the role that does the work
    std::string owner_database_url; // the owner's, for migrations; may be empty
    std::filesystem::path migrations_dir;
    privileged_role_policy privileged = privileged_role_policy::refuse;
};

// Why the connected role is more than a user of the tables (a superuser, the database's owner,
// able to act as the owner of a table or as the retention function's role); empty when it
// owns nothing.
std::string role_privilege(const std::string& database_url);

// Applies pending migrations with the owner's URL (or, allowed and privileged, with the working
// one), checks the working role and that nothing is left pending. Returns the files applied.
// Throws database_unreachable, migration_error, privileged_role or migrations_pending.
std::vector<std::string> prepare_database(const database_setup& setup);

} // namespace casecircle::db
