#include "db/database_setup.hpp"

#include "db/migrations.hpp"

#include <memory>
#include <pqxx/pqxx>

namespace casecircle::db {
namespace {

// Membership counts as much as ownership: a member can SET ROLE to the owner.
constexpr const char* privilege_query = R"sql(
SELECT CASE
    WHEN (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN 'is a superuser'
    WHEN pg_has_role(current_user, (SELECT datdba FROM pg_database
                                    WHERE datname = current_database()), 'MEMBER')
        THEN 'owns the database'
    WHEN EXISTS (SELECT FROM pg_roles WHERE rolname = 'casecircle_retention'
                 AND pg_has_role(current_user, oid, 'MEMBER'))
        THEN 'can act as casecircle_retention, which deletes locked records'
    ELSE (SELECT 'can act as the owner of table ' || c.relname
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
            AND pg_has_role(current_user, c.relowner, 'MEMBER')
          ORDER BY c.relname LIMIT 1)
END, current_user
)sql";

std::unique_ptr<pqxx::connection> connect(const std::string& url) {
    try {
        return std::make_unique<pqxx::connection>(url);
    } catch (const std::exception& e) {
        throw database_unreachable(one_line(e.what()));
    }
}

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names)
        out += (out.empty() ? "" : ", ") + name;
    return out;
}

} // namespace

std::string role_privilege(const std::string& database_url) {
    const auto conn = connect(database_url);
    pqxx::read_transaction tx(*conn);
    const auto row = tx.exec1(privilege_query);
    if (row[0].is_null()) return {};
    return "the role " + row[1].as<std::string>() + " " + row[0].as<std::string>();
}

std::vector<std::string> prepare_database(const database_setup& setup) {
    std::vector<std::string> applied;
    if (!setup.owner_database_url.empty())
        applied = migrate(setup.owner_database_url, setup.migrations_dir);
    const auto privilege = role_privilege(setup.database_url);
    if (!privilege.empty()) {
        if (setup.privileged == privileged_role_policy::refuse)
            throw privileged_role(
                "the database URL connects as a role that must not be the server's: " + privilege +
                ". Connect as a role that owns nothing (casecircle_server; README, \"Database "
                "roles\"); for development only, --allow-privileged-database-role yes");
        if (setup.privileged == privileged_role_policy::allow_and_migrate &&
            setup.owner_database_url.empty())
            applied = migrate(setup.database_url, setup.migrations_dir);
    }
    const auto conn = connect(setup.database_url);
    std::vector<std::string> pending;
    try {
        pending = pending_migrations(*conn, setup.migrations_dir);
    } catch (const pqxx::sql_error& e) {
        // Before migration 010 the server's role may not even read the ledger.
        throw migrations_pending("the database's migrations cannot be read as this role (" +
                                 std::string(e.what()) +
                                 "): pass --owner-database-url (the URL of casecircle_owner) so "
                                 "that the pending ones are applied at start");
    }
    if (!pending.empty())
        throw migrations_pending(
            "the database lacks the migrations " + joined(pending) +
            ": pass --owner-database-url (the URL of casecircle_owner) so that they are "
            "applied at start");
    return applied;
}

} // namespace casecircle::db
