#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace pqxx {
class connection_base;
class transaction_base;
} // namespace pqxx

namespace casecircle::db {

// One line of the append-only audit trail: who (user name, "guest:…" or "anonymous"), did what
// (e.g. "login_failed", "minutes_read", "role_changed"), to what, from which address.
struct audit_entry {
    std::optional<std::int64_t> team_id;
    std::string actor;
    std::string action;
    std::string target;
    std::string address;
    nlohmann::json detail = nlohmann::json::object();
    std::int64_t at_ms = 0; // filled when read back
    std::int64_t id = 0;    // filled when read back
};

// One page of a team's trail, newest first. Empty strings filter nothing; dates are
// YYYY-MM-DD, `to` inclusive.
struct audit_query {
    std::int64_t team_id = 0;
    std::optional<std::int64_t> before; // audit ids below this one
    int limit = 100;                    // 1..500
    std::string action;
    std::string actor;
    std::string target;
    std::string from;
    std::string to;
};

void record_audit(pqxx::transaction_base& tx, const audit_entry& entry);
void record_audit(pqxx::connection_base& conn, const audit_entry& entry);
// For callers that know the account but not its user name (a room knows its members by user
// id): the actor is the account's user name, `entry.actor` when the account is gone.
void record_account_audit(pqxx::connection_base& conn, std::int64_t user_id,
                          const audit_entry& entry);
// Newest first; one more than the limit tells the caller there is a next page. Throws
// invalid_filter (archive_queries.hpp) for a malformed date.
std::vector<audit_entry> team_audit(pqxx::connection_base& conn, const audit_query& q);

} // namespace casecircle::db
