#include "db/team_statistics.hpp"

#include "db/archive_queries.hpp"

#include <map>
#include <optional>
#include <pqxx/pqxx>

namespace casecircle::db {
namespace {

std::optional<std::string> date_or_default(const std::string& date, const char* name) {
    if (date.empty()) return std::nullopt;
    return checked_date(date, name);
}

} // namespace

team_statistics session_statistics(pqxx::connection_base& conn, std::int64_t team_id,
                                   const std::string& from, const std::string& to) {
    const auto first = date_or_default(from, "from");
    const auto last = date_or_default(to, "to");
    pqxx::read_transaction tx(conn);
    team_statistics out;
    try {
        const auto range = tx.exec_params1("SELECT coalesce($1::date, current_date - 365)::text, "
                                           "coalesce($2::date, current_date)::text",
                                           first, last);
        out.from = range[0].as<std::string>();
        out.to = range[1].as<std::string>();
    } catch (const pqxx::data_exception&) { // the right shape, but no such day (2026-02-30)
        throw invalid_filter("from and to must be dates YYYY-MM-DD");
    }
    out.approved = tx.exec_params1("SELECT count(*) FROM minutes m JOIN rooms r USING (room_id) "
                                   "WHERE r.team_id = $1 AND m.session_date BETWEEN $2 AND $3",
                                   team_id, out.from, out.to)[0]
                       .as<std::int64_t>();
    std::map<std::string, std::int64_t> by_reason;
    for (const auto& row :
         tx.exec_params("SELECT closed_as, reason, count(*) FROM session_closures "
                        "WHERE team_id = $1 AND closed_at::date BETWEEN $2 AND $3 "
                        "GROUP BY closed_as, reason",
                        team_id, out.from, out.to)) {
        const auto count = row[2].as<std::int64_t>();
        if (row[0].as<std::string>() == "discarded") {
            out.discarded += count;
            continue;
        }
        out.cancelled += count;
        by_reason[row[1].as<std::string>()] += count;
    }
    std::int64_t known = 0;
    for (const auto* reason : cancellation_reasons) {
        const auto it = by_reason.find(reason);
        out.cancellations.push_back({reason, it == by_reason.end() ? 0 : it->second});
        known += out.cancellations.back().count;
    }
    out.cancellations.back().count += out.cancelled - known; // unknown reasons count as "other"
    return out;
}

} // namespace casecircle::db
