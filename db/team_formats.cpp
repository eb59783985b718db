#include "db/team_formats.hpp"

#include <pqxx/pqxx>

namespace casecircle::db {
namespace {

// The columns every read selects, in the order row_format reads them.
constexpr const char* format_columns =
    "f.format_id, f.version, f.document::text, f.based_on, coalesce(u.display_name, ''), "
    "(extract(epoch FROM f.created_at) * 1000)::bigint "
    "FROM team_formats f LEFT JOIN users u ON u.user_id = f.created_by ";

team_format row_format(const pqxx::row& r) {
    return {r[0].as<std::string>(),
            r[1].as<int>(),
            nlohmann::json::parse(r[2].as<std::string>()),
            r[3].as<std::string>(),
            r[4].as<std::string>(),
            r[5].as<std::int64_t>()};
}

} // namespace

std::vector<team_format> latest_team_formats(pqxx::connection_base& conn, std::int64_t team_id) {
    pqxx::read_transaction tx(conn);
    std::vector<team_format> out;
    for (const auto& r :
         tx.exec_params(std::string("SELECT DISTINCT ON (f.format_id) ") + format_columns +
                            "WHERE f.team_id = $1 "
                            "ORDER BY f.format_id, f.version DESC",
                        team_id))
        out.push_back(row_format(r));
    return out;
}

std::optional<team_format> latest_team_format(pqxx::connection_base& conn, std::int64_t team_id,
                                              const std::string& format_id) {
    pqxx::read_transaction tx(conn);
    const auto rows = tx.exec_params(std::string("SELECT ") + format_columns +
                                         "WHERE f.team_id = $1 AND f.format_id = $2 "
                                         "ORDER BY f.version DESC LIMIT 1",
                                     team_id, format_id);
    if (rows.empty()) return std::nullopt;
    return row_format(rows[0]);
}

format_save save_team_format(pqxx::connection_base& conn, std::int64_t team_id,
                             const team_format& f, std::int64_t saved_by,
                             const audit_entry& audit) {
    pqxx::work tx(conn);
    const auto stored = tx.exec_params(
        "INSERT INTO team_formats (team_id, format_id, version, document, based_on, created_by) "
        "VALUES ($1, $2, $3, $4::jsonb, $5, $6) ON CONFLICT (format_id, version) DO NOTHING",
        team_id, f.format_id, f.version, f.document.dump(), f.based_on, saved_by);
    if (stored.affected_rows() == 0) return format_save::version_taken;
    record_audit(tx, audit);
    tx.commit();
    return format_save::saved;
}

} // namespace casecircle::db
