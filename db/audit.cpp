#include "db/audit.hpp"

#include <pqxx/pqxx>

namespace casecircle::db {

void record_audit(pqxx::transaction_base& tx, const audit_entry& e) {
    tx.exec_params0("INSERT INTO audit_log (team_id, actor, action, target, address, detail) "
                    "VALUES ($1, $2, $3, $4, $5, $6::jsonb)",
                    e.team_id ? std::optional<std::string>(std::to_string(*e.team_id))
                              : std::nullopt,
                    e.actor, e.action, e.target, e.address, e.detail.dump());
}

void record_audit(pqxx::connection_base& conn, const audit_entry& entry) {
    pqxx::work tx(conn);
    record_audit(tx, entry);
    tx.commit();
}

std::vector<audit_entry> team_audit(pqxx::connection_base& conn, std::int64_t team_id, int limit) {
    pqxx::read_transaction tx(conn);
    std::vector<audit_entry> out;
    for (const auto& row :
         tx.exec_params("SELECT actor, action, target, address, detail::text, "
                        "(extract(epoch FROM at) * 1000)::bigint FROM audit_log WHERE team_id = $1 "
                        "ORDER BY at DESC, audit_id DESC LIMIT $2",
                        team_id, limit)) {
        audit_entry e;
        e.team_id = team_id;
        e.actor = row[0].as<std::string>();
        e.action = row[1].as<std::string>();
        e.target = row[2].as<std::string>();
        e.address = row[3].as<std::string>();
        e.detail = nlohmann::json::parse(row[4].as<std::string>());
        e.at_ms = row[5].as<std::int64_t>();
        out.push_back(std::move(e));
    }
    return out;
}

} // namespace casecircle::db
