#include "db/calendar_feeds.hpp"

#include <pqxx/pqxx>

namespace casecircle::db {

void replace_calendar_feed(pqxx::connection_base& conn, std::int64_t user_id,
                           const std::string& token_hash) {
    pqxx::work tx(conn);
    tx.exec_params("UPDATE calendar_feeds SET revoked_at = now() "
                   "WHERE user_id = $1 AND revoked_at IS NULL",
                   user_id);
    tx.exec_params("INSERT INTO calendar_feeds (token_hash, user_id) VALUES ($1, $2)", token_hash,
                   user_id);
    tx.commit();
}

bool revoke_calendar_feed(pqxx::connection_base& conn, std::int64_t user_id) {
    pqxx::work tx(conn);
    const auto r = tx.exec_params("UPDATE calendar_feeds SET revoked_at = now() "
                                  "WHERE user_id = $1 AND revoked_at IS NULL",
                                  user_id);
    tx.commit();
    return r.affected_rows() > 0;
}

std::optional<std::int64_t> calendar_feed_since(pqxx::connection_base& conn, std::int64_t user_id) {
    pqxx::read_transaction tx(conn);
    const auto rows = tx.exec_params("SELECT (extract(epoch FROM created_at) * 1000)::bigint FROM "
                                     "calendar_feeds WHERE user_id = $1 AND revoked_at IS NULL",
                                     user_id);
    if (rows.empty()) return std::nullopt;
    return rows[0][0].as<std::int64_t>();
}

namespace {

void add_circle_dates(pqxx::transaction_base& tx, calendar_feed& feed) {
    for (const auto& r : tx.exec_params(
             "SELECT d.date_id, (extract(epoch FROM d.starts_at) * 1000)::bigint, "
             "d.planned_minutes, s.title, s.place, tm.name, d.cancelled_at IS NOT NULL, "
             "(SELECT count(*) FROM case_registrations c WHERE c.date_id = d.date_id "
             " AND c.withdrawn_at IS NULL) "
             "FROM circle_dates d JOIN circle_series s USING (series_id) "
             "JOIN team_members m ON m.team_id = d.team_id JOIN teams tm ON tm.team_id = d.team_id "
             "WHERE m.user_id = $1 AND d.starts_at > now() - interval '60 days' "
             "ORDER BY d.starts_at",
             feed.user_id)) {
        calendar_entry e;
        e.uid = "circle-date-" + r[0].as<std::string>();
        e.start_ms = r[1].as<std::int64_t>();
        e.minutes = r[2].as<int>();
        e.summary = r[3].as<std::string>();
        e.location = r[4].as<std::string>();
        e.cancelled = r[6].as<bool>();
        e.description =
            r[5].as<std::string>() + ": " + r[7].as<std::string>() + " Fall/Fälle angemeldet";
        feed.entries.push_back(std::move(e));
    }
}

// The review dates of decisions the person presented (their participant in the session had the
// presenter role when the minutes were approved).
void add_review_dates(pqxx::transaction_base& tx, calendar_feed& feed) {
    for (const auto& r : tx.exec_params(
             "SELECT m.room_id, m.review_date::text, m.case_code, "
             "to_char(m.session_date, 'DD.MM.YYYY') "
             "FROM minutes m JOIN room_members rm ON rm.room_id = m.room_id AND rm.user_id = $1 "
             "JOIN rooms r ON r.room_id = m.room_id "
             "JOIN team_members tm ON tm.team_id = r.team_id AND tm.user_id = $1 "
             "WHERE m.review_date IS NOT NULL AND rm.revoked_at IS NULL "
             "AND EXISTS (SELECT FROM jsonb_array_elements(m.content->'participants') p "
             "            WHERE p->>'id' = rm.participant_id AND p->>'role' = 'presenter') "
             "AND NOT EXISTS (SELECT FROM minutes later WHERE later.previous_room_id = m.room_id) "
             "GROUP BY m.room_id ORDER BY m.review_date",
             feed.user_id)) {
        calendar_entry e;
        e.uid = "review-" + r[0].as<std::string>();
        e.day = r[1].as<std::string>();
        e.summary = "Wiedervorlage " + r[2].as<std::string>();
        // No decision text: a calendar leaves the service (phones, providers); the case code and
        // the date say enough to look it up in casecircle.
        e.description = "Entscheidung aus der Sitzung vom " + r[3].as<std::string>() + " prüfen";
        feed.entries.push_back(std::move(e));
    }
}

} // namespace

std::optional<calendar_feed> read_calendar_feed(pqxx::connection_base& conn,
                                                const std::string& token_hash) {
    pqxx::read_transaction tx(conn);
    const auto rows = tx.exec_params(
        "SELECT u.user_id, u.username FROM calendar_feeds f JOIN users u USING (user_id) "
        "WHERE f.token_hash = $1 AND f.revoked_at IS NULL AND u.disabled_at IS NULL",
        token_hash);
    if (rows.empty()) return std::nullopt;
    calendar_feed feed;
    feed.user_id = rows[0][0].as<std::int64_t>();
    feed.username = rows[0][1].as<std::string>();
    add_circle_dates(tx, feed);
    add_review_dates(tx, feed);
    return feed;
}

} // namespace casecircle::db
