#include "db/archive_queries.hpp"

#include "db/archive_record.hpp"
#include "protocol/minutes.hpp"
#include "protocol/text_rules.hpp"

#include <array>
#include <pqxx/pqxx>

namespace casecircle::db {
namespace {

using json = nlohmann::json;

constexpr const char* entry_columns =
    "m.room_id, m.format, m.case_code, m.title, m.session_date::text AS day, m.moderator, "
    "coalesce(m.review_date::text, '') AS review, "
    "coalesce(m.content->'question'->'valid'->>'text', '') AS question, "
    "coalesce(m.content->'decision'->>'text', '') AS decision, coalesce(m.outcome, ''), "
    "coalesce(m.content->'previous_session'->'outcome'->>'note', '')";
constexpr int entry_column_count = 11;

archive_entry entry_of(const pqxx::row& row) {
    archive_entry e;
    e.room_id = row[0].as<std::string>();
    e.format = row[1].as<std::string>();
    e.case_code = row[2].as<std::string>();
    e.title = row[3].as<std::string>();
    e.session_date = row[4].as<std::string>();
    e.moderator = row[5].as<std::string>();
    e.review_date = row[6].as<std::string>();
    e.question = row[7].as<std::string>();
    e.decision = row[8].as<std::string>();
    e.outcome = row[9].as<std::string>();
    e.outcome_note = row[10].as<std::string>();
    return e;
}

std::vector<snippet_part> split_snippet(const std::string& headline) {
    std::vector<snippet_part> parts;
    const std::string start(hit_start), end(hit_end);
    std::size_t at = 0;
    while (at < headline.size()) {
        const auto open = headline.find(start, at);
        if (open == std::string::npos) {
            parts.push_back({headline.substr(at), false});
            break;
        }
        if (open > at) parts.push_back({headline.substr(at, open - at), false});
        const auto close = headline.find(end, open + start.size());
        const auto stop = close == std::string::npos ? headline.size() : close;
        parts.push_back({headline.substr(open + start.size(), stop - open - start.size()), true});
        at = close == std::string::npos ? headline.size() : close + end.size();
    }
    return parts;
}

// The planner's costs for the search's own transaction (SET LOCAL; issue #17, see
// tests/bench/ARCHIVE_RESULTS.md). With a million sessions, for a word in ~0.5 % of them (5,000
// matches), PostgreSQL's defaults, which price pages as if read from disk, chose plans that cost
// 2-5 times what they spared:
// - Page costs 0.1, as the PostgreSQL documentation suggests when the data is in memory (it is:
//   1.6 GB of rows for a million sessions). At 4.0 a table page weighs as much as 500 index
//   entries, so with a one-year date range it built a bitmap of the year's 111,000 sessions
//   (20-40 ms) to AND it with the word's 5,000 matches, sparing 4,500 row reads (~10 ms).
// - effective_cache_size at about shared_buffers instead of 4 GB: with 4 GB it takes a walk
//   along minutes_date to read each table page once, however many rows it visits (true for a
//   walk over the whole table, all of it cached), and prorates that to a short walk: 3,600 page
//   reads for 12,500 rows. Where the dates do not follow the rows' order in the table, as in the
//   benchmark, a short walk reads a page per row; it walked 12,500 rows (35-130 ms) instead of
//   reading the 5,000 matches (15-30 ms). (Where they do, the correlation PostgreSQL measures
//   prices the walk as sequential anyway.)
// Common words keep their plan (newest first, a few hundred rows), and so do narrow date ranges.
constexpr const char* search_planner_settings =
    "SET LOCAL seq_page_cost = 0.1; SET LOCAL random_page_cost = 0.1; "
    "SET LOCAL effective_cache_size = '128MB'; ";

// Sessions of one team only; "" when unscoped.
std::string team_condition(const std::optional<std::int64_t>& team_id) {
    if (!team_id) return "";
    return " AND m.room_id IN (SELECT room_id FROM rooms WHERE team_id = " +
           std::to_string(*team_id) + ")";
}

std::string where_clause(pqxx::transaction_base& tx, const archive_filter& f) {
    std::string where = "TRUE" + team_condition(f.team_id);
    if (!f.format.empty()) where += " AND m.format = " + tx.quote(f.format);
    if (!f.case_code.empty()) where += " AND m.case_key = case_key(" + tx.quote(f.case_code) + ")";
    if (!f.moderator.empty())
        where += " AND m.moderator ILIKE " + tx.quote("%" + tx.esc_like(f.moderator) + "%");
    if (!f.from.empty())
        where += " AND m.session_date >= " + tx.quote(checked_date(f.from, "from"));
    if (!f.to.empty()) where += " AND m.session_date <= " + tx.quote(checked_date(f.to, "to"));
    if (!f.text.empty()) where += " AND m.search @@ q";
    return where;
}

// The passage with the hits marked. ts_headline reads the text, not the stored vector, and so
// cannot see the reversed word ends of compound parts (migration 016): archive_headline_query
// adds this session's words that matched them.
std::string headline(pqxx::transaction_base& tx, const archive_filter& f) {
    return std::string("ts_headline('german', m.search_text, ") +
           (f.compound_parts ? "archive_headline_query(q, archive_query_tails(q), m.search)"
                             : "q") +
           ", " +
           tx.quote(std::string("StartSel=") + hit_start + ", StopSel=" + hit_end +
                    ", MaxFragments=2, MaxWords=20, MinWords=5") +
           ")";
}

} // namespace

std::vector<int> prognosis_counts(const json& distribution) {
    std::vector<int> counts;
    if (!distribution.is_object()) return counts;
    for (const auto* key : {"1", "2", "3", "4", "5"})
        counts.push_back(distribution.value(key, 0));
    return counts;
}

std::string checked_date(const std::string& date, const char* name) {
    // A real day, not only its shape: PostgreSQL would refuse 2026-02-30 with an error that
    // looks like a failure of ours.
    if (!protocol::parse_date(date))
        throw invalid_filter(std::string(name) + " must be a date YYYY-MM-DD");
    return date;
}

std::vector<archive_entry> search_archive(pqxx::connection_base& conn, const archive_filter& f) {
    pqxx::read_transaction tx(conn);
    const auto limit = std::to_string(std::clamp(f.limit, 1, 500));
    // Both functions are immutable: the planner computes the tsquery once and sees it as a
    // constant, with the statistics of its words.
    const auto query = std::string(f.compound_parts ? "archive_search_query("
                                                    : "websearch_to_tsquery('german', ") +
                       tx.quote(f.text) + ") q";
    // Newest first, with or without text. Ordering by ts_rank had to read and rank every match's
    // tsvector before the first row: seconds for a common word in 100,000 sessions (see
    // tests/bench/ARCHIVE_RESULTS.md); newest first stops after the page (or, for a rare word,
    // sorts the few matches the GIN index yields). The page is chosen on keys and dates alone,
    // and only its rows are read in full: the JSON document and the passage cut by ts_headline
    // live in TOAST, and reading them for every match before the sort cost more than the rest.
    // A format filter is part of the GIN scan (migration 011), and search_planner_settings keep
    // the planner from plans that cost more than they spare at a million sessions.
    const auto sql =
        "WITH page AS (SELECT m.room_id FROM minutes m" + (f.text.empty() ? "" : ", " + query) +
        " WHERE " + where_clause(tx, f) +
        " ORDER BY m.session_date DESC, m.approved_at DESC LIMIT " + limit + ") SELECT " +
        entry_columns + (f.text.empty() ? std::string() : ", " + headline(tx, f)) +
        " FROM page JOIN minutes m USING (room_id)" + (f.text.empty() ? "" : ", " + query) +
        " ORDER BY m.session_date DESC, m.approved_at DESC";
    std::vector<archive_entry> out;
    // One round trip: the settings and the query in one simple-query message, the last result.
    for (const auto& row : tx.exec(search_planner_settings + sql)) {
        out.push_back(entry_of(row));
        if (!f.text.empty())
            out.back().snippet = split_snippet(row[entry_column_count].as<std::string>());
    }
    return out;
}

std::optional<stored_minutes> load_minutes(pqxx::connection_base& conn, const std::string& room_id,
                                           const protocol::local_zone& zone) {
    pqxx::read_transaction tx(conn);
    const auto rows =
        tx.exec_params("SELECT content::text, markdown FROM minutes WHERE room_id = $1", room_id);
    if (rows.empty()) return std::nullopt;
    stored_minutes out;
    out.content = json::parse(rows[0][0].as<std::string>());
    out.markdown = rows[0][1].as<std::string>();
    json listed = json::array();
    for (const auto& row : tx.exec_params(
             "SELECT addendum_id, author, (extract(epoch FROM created_at) * 1000)::bigint, text "
             "FROM minutes_addenda WHERE room_id = $1 ORDER BY created_at, addendum_id",
             room_id)) {
        addendum a{row[0].as<std::int64_t>(), row[1].as<std::string>(), row[2].as<std::int64_t>(),
                   row[3].as<std::string>()};
        listed.push_back({{"id", a.id},
                          {"author", a.author},
                          {"created_at", a.created_at_ms},
                          {"text", a.text}});
        out.addenda.push_back(std::move(a));
    }
    out.content["addenda"] = std::move(listed);
    // The stored Markdown is the approved text; with addenda the renderer adds them, escaped
    // and dated like everything else.
    if (!out.addenda.empty()) out.markdown = protocol::render_minutes_markdown(out.content, zone);
    return out;
}

std::vector<archive_entry> case_history(pqxx::connection_base& conn, const std::string& case_code,
                                        std::optional<std::int64_t> team_id) {
    pqxx::read_transaction tx(conn);
    std::vector<archive_entry> out;
    for (const auto& row :
         tx.exec_params(std::string("SELECT ") + entry_columns +
                            " FROM minutes m WHERE m.case_key = case_key($1)" +
                            team_condition(team_id) + " ORDER BY m.session_date, m.approved_at",
                        case_code))
        out.push_back(entry_of(row));
    return out;
}

std::optional<json> previous_session_link(pqxx::connection_base& conn, const std::string& case_code,
                                          std::optional<std::int64_t> team_id) {
    pqxx::read_transaction tx(conn);
    const auto rows = tx.exec_params(
        "SELECT m.room_id, m.session_date::text, "
        "coalesce(m.content->'question'->'valid'->>'text', ''), m.content->'decision'->>'text', "
        "m.review_date::text, (m.content->'prognosis'->'distribution')::text FROM minutes m "
        "WHERE m.case_key = case_key($1) AND m.content->'decision'->>'text' IS NOT NULL" +
            team_condition(team_id) + " ORDER BY m.session_date DESC, m.approved_at DESC LIMIT 1",
        case_code);
    if (rows.empty()) return std::nullopt;
    const auto& row = rows[0];
    json link{{"previous_session_id", row[0].as<std::string>()},
              {"held_on", row[1].as<std::string>()},
              {"question", row[2].as<std::string>()},
              {"decision", row[3].as<std::string>()}};
    if (!row[4].is_null()) link["review_date"] = row[4].as<std::string>();
    const auto counts = row[5].is_null() ? std::vector<int>{}
                                         : prognosis_counts(json::parse(row[5].as<std::string>()));
    if (!counts.empty()) link["prognosis_distribution"] = counts;
    return link;
}

std::vector<prognosis_outcome> prognosis_outcomes(pqxx::connection_base& conn,
                                                  const std::string& from, const std::string& to,
                                                  std::optional<std::int64_t> team_id) {
    pqxx::read_transaction tx(conn);
    std::vector<prognosis_outcome> out;
    // The follow-up carries the decision and prognosis in as they were; the earlier session may
    // since have gone with the retention period, the follow-up's own record still tells.
    for (const auto& row : tx.exec_params(
             "SELECT m.case_code, m.previous_room_id, "
             "coalesce(m.content->'previous_session'->>'held_on', ''), "
             "coalesce(m.content->'previous_session'->>'decision', ''), "
             "coalesce(m.content->'previous_session'->>'review_date', ''), "
             "coalesce(m.content->'previous_session'->'prognosis_distribution', '[]')::text, "
             "m.outcome, "
             "coalesce(m.content->'previous_session'->'outcome'->>'note', ''), m.room_id, "
             "m.session_date::text FROM minutes m WHERE m.outcome IS NOT NULL "
             "AND m.session_date BETWEEN $1::date AND $2::date" +
                 team_condition(team_id) + " ORDER BY m.session_date, m.approved_at",
             checked_date(from, "from"), checked_date(to, "to"))) {
        prognosis_outcome o{row[0].as<std::string>(), row[1].as<std::string>(),
                            row[2].as<std::string>(), row[3].as<std::string>(),
                            row[4].as<std::string>(), {},
                            row[6].as<std::string>(), row[7].as<std::string>(),
                            row[8].as<std::string>(), row[9].as<std::string>()};
        for (const auto& n : json::parse(row[5].as<std::string>()))
            o.prognosis.push_back(n.get<int>());
        out.push_back(std::move(o));
    }
    return out;
}

std::vector<review_due> reviews_due(pqxx::connection_base& conn, const std::string& until,
                                    std::optional<std::int64_t> team_id) {
    pqxx::read_transaction tx(conn);
    std::vector<review_due> out;
    for (const auto& row :
         tx.exec_params("SELECT room_id, case_code, review_date::text, "
                        "coalesce(content->'decision'->>'text', ''), moderator FROM minutes m "
                        "WHERE review_date <= $1::date AND NOT EXISTS "
                        "(SELECT 1 FROM minutes f WHERE f.previous_room_id = m.room_id)" +
                            team_condition(team_id) + " ORDER BY review_date, case_code",
                        checked_date(until, "until")))
        out.push_back({row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::string>(),
                       row[3].as<std::string>(), row[4].as<std::string>()});
    return out;
}

deficit_report deficits(pqxx::connection_base& conn, const std::string& from, const std::string& to,
                        std::optional<std::int64_t> team_id) {
    // The four kinds of gaps the method names, in its order; titles as the session showed them.
    static constexpr std::array<std::pair<const char*, const char*>, 4> kinds{{
        {"fehlt", "Fehlt"},
        {"unzureichend", "Unzureichend"},
        {"zu_spaet", "Zu spät"},
        {"kooperation_scheitert", "Kooperation scheitert"},
    }};
    pqxx::read_transaction tx(conn);
    deficit_report report;
    for (const auto& [key, title] : kinds)
        report.kinds.push_back({key, title, {}});
    for (const auto& row : tx.exec_params(
             "SELECT c.category, c.room_id, m.case_code, m.session_date::text, c.text "
             "FROM minutes_cards c JOIN minutes m USING (room_id) "
             "WHERE m.session_date BETWEEN $1::date AND $2::date AND (c.category IN "
             "('fehlt', 'unzureichend', 'zu_spaet', 'kooperation_scheitert') "
             "OR c.record = 'suggestions')" +
                 team_condition(team_id) +
                 " ORDER BY m.session_date, m.approved_at, c.step, length(c.card_id), c.card_id",
             checked_date(from, "from"), checked_date(to, "to"))) {
        deficit_card card{row[1].as<std::string>(), row[2].as<std::string>(),
                          row[3].as<std::string>(), row[4].as<std::string>()};
        const auto category = row[0].as<std::string>();
        bool placed = false;
        for (auto& kind : report.kinds)
            if (kind.category == category) {
                kind.cards.push_back(card);
                placed = true;
            }
        if (!placed) report.suggestions.push_back(std::move(card));
    }
    return report;
}

std::optional<addendum> add_addendum(pqxx::connection_base& conn, const std::string& room_id,
                                     const std::string& author, const std::string& text) {
    pqxx::work tx(conn);
    const auto rows = tx.exec_params(
        "INSERT INTO minutes_addenda (room_id, author, text) SELECT room_id, $2, $3 FROM minutes "
        "WHERE room_id = $1 RETURNING addendum_id, (extract(epoch FROM created_at) * 1000)::bigint",
        room_id, author, text);
    if (rows.empty()) return std::nullopt;
    tx.commit();
    return addendum{rows[0][0].as<std::int64_t>(), author, rows[0][1].as<std::int64_t>(), text};
}

} // namespace casecircle::db
