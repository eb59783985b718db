#include "db/audit.hpp"

#include "db/archive_queries.hpp"

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

void record_account_audit(pqxx::connection_base& conn, std::int64_t user_id, const audit_entry& e) {
    pqxx::work tx(conn);
    tx.exec_params0(
        "INSERT INTO audit_log (team_id, actor, action, target, address, detail) VALUES ($1, "
        "coalesce((SELECT username FROM users WHERE user_id = $7), $2), $3, $4, $5, $6::jsonb)",
        e.team_id ? std::optional<std::string>(std::to_string(*e.team_id)) : std::nullopt, e.actor,
        e.action, e.target, e.address, e.detail.dump(), user_id);
    tx.commit();
}

std::vector<audit_entry> team_audit(pqxx::connection_base& conn, const audit_query& q) {
    const auto from = q.from.empty() ? q.from : checked_date(q.from, "from");
    const auto to = q.to.empty() ? q.to : checked_date(q.to, "to");
    pqxx::read_transaction tx(conn);
    std::vector<audit_entry> out;
    // By id, not time: ids only grow, so a page boundary never skips or repeats an entry.
    const auto rows = [&] {
        try {
            return tx.exec_params(
                "SELECT audit_id, actor, action, target, address, detail::text, "
                "(extract(epoch FROM at) * 1000)::bigint FROM audit_log WHERE team_id = $1 "
                "AND ($2::bigint IS NULL OR audit_id < $2) AND ($3 = '' OR action = $3) "
                "AND ($4 = '' OR actor = $4) AND ($5 = '' OR target = $5) "
                "AND ($6 = '' OR at >= $6::date) AND ($7 = '' OR at < $7::date + 1) "
                "ORDER BY audit_id DESC LIMIT $8",
                q.team_id,
                q.before ? std::optional<std::string>(std::to_string(*q.before)) : std::nullopt,
                q.action, q.actor, q.target, from, to, q.limit + 1);
        } catch (const pqxx::data_exception&) {
            throw invalid_filter("from and to must be dates YYYY-MM-DD");
        }
    }();
    for (const auto& row : rows) {
        audit_entry e;
        e.team_id = q.team_id;
        e.id = row[0].as<std::int64_t>();
        e.actor = row[1].as<std::string>();
        e.action = row[2].as<std::string>();
        e.target = row[3].as<std::string>();
        e.address = row[4].as<std::string>();
        e.detail = nlohmann::json::parse(row[5].as<std::string>());
        e.at_ms = row[6].as<std::int64_t>();
        out.push_back(std::move(e));
    }
    return out;
}

} // namespace casecircle::db
