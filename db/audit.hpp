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
};

void record_audit(pqxx::transaction_base& tx, const audit_entry& entry);
void record_audit(pqxx::connection_base& conn, const audit_entry& entry);
// Newest first.
std::vector<audit_entry> team_audit(pqxx::connection_base& conn, std::int64_t team_id, int limit);

} // namespace casecircle::db
