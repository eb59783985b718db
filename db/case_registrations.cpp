#include "db/case_registrations.hpp"

#include "db/circle_upkeep.hpp"
#include "db/registration_rows.hpp"

#include <algorithm>
#include <pqxx/pqxx>

namespace casecircle::db {
namespace {

using json = nlohmann::json;

std::optional<std::string> report_text(const std::optional<json>& report) {
    if (!report) return std::nullopt;
    return report->dump();
}

// The registration's row locked for a change by `user_id`, or why it may not change.
cycle_refusal lock_for_change(pqxx::work& tx, std::int64_t team_id, std::int64_t id,
                              std::int64_t user_id, bool moderator) {
    const auto rows = tx.exec_params(
        "SELECT c.registered_by IS NOT DISTINCT FROM $3 OR c.kind = 'follow_up', "
        "EXISTS (SELECT FROM registration_sessions s WHERE s.registration_id = c.registration_id) "
        "FROM case_registrations c WHERE c.team_id = $1 AND c.registration_id = $2 "
        "AND c.withdrawn_at IS NULL FOR UPDATE",
        team_id, id, user_id);
    if (rows.empty()) return cycle_refusal::unknown_registration;
    if (rows[0][1].as<bool>()) return cycle_refusal::session_opened;
    if (!moderator && !rows[0][0].as<bool>()) return cycle_refusal::not_yours;
    return cycle_refusal::none;
}

} // namespace

const char* code_of(cycle_refusal r) {
    switch (r) {
    case cycle_refusal::none:
        return "";
    case cycle_refusal::unknown_date:
        return "unknown_date";
    case cycle_refusal::unknown_registration:
        return "unknown_registration";
    case cycle_refusal::date_cancelled:
        return "date_cancelled";
    case cycle_refusal::date_over:
        return "date_over";
    case cycle_refusal::registration_closed:
        return "registration_closed";
    case cycle_refusal::already_registered:
        return "already_registered";
    case cycle_refusal::session_opened:
        return "session_opened";
    case cycle_refusal::not_yours:
        return "not_yours";
    case cycle_refusal::agenda_mismatch:
        return "agenda_mismatch";
    case cycle_refusal::limit_reached:
        return "limit_reached";
    }
    return "";
}

registration_result register_case(pqxx::connection_base& conn, const new_registration& r) {
    bring_cycle_up_to_date(conn, r.team_id);
    pqxx::work tx(conn);
    const auto dates = tx.exec_params(
        "SELECT d.cancelled_at IS NOT NULL, d.closed_at IS NOT NULL OR d.starts_at < now(), "
        "now() > d.starts_at - s.cutoff_days * interval '1 day' "
        "FROM circle_dates d JOIN circle_series s USING (series_id) "
        "WHERE d.team_id = $1 AND d.date_id = $2 FOR SHARE OF d",
        r.team_id, r.date_id);
    if (dates.empty()) return {cycle_refusal::unknown_date};
    if (dates[0][0].as<bool>()) return {cycle_refusal::date_cancelled};
    if (dates[0][1].as<bool>()) return {cycle_refusal::date_over};
    if (dates[0][2].as<bool>() && !r.after_cutoff) return {cycle_refusal::registration_closed};
    // Serialises registrations of one date, so that the same case cannot slip in twice.
    tx.exec_params("SELECT pg_advisory_xact_lock(19, $1::int)", static_cast<int>(r.date_id));
    if (!tx.exec_params("SELECT FROM case_registrations WHERE date_id = $1 "
                        "AND case_key = case_key($2) "
                        "AND withdrawn_at IS NULL",
                        r.date_id, r.case_code)
             .empty())
        return {cycle_refusal::already_registered};
    const auto id =
        tx.exec_params1(
              "INSERT INTO case_registrations (team_id, date_id, case_code, format, registered_by, "
              "question, report, minutes_needed, position) "
              "VALUES ($1, $2, $3, $4, $5, $6, coalesce($7::jsonb, '{}'), $8, "
              "(SELECT coalesce(max(position), 0) + 1 FROM case_registrations "
              " WHERE date_id = $2 AND position < 1000)) RETURNING registration_id",
              r.team_id, r.date_id, r.case_code, r.format, r.registered_by,
              r.draft.question.value_or(""), report_text(r.draft.report),
              r.draft.minutes_needed.value_or(30))[0]
            .as<std::int64_t>();
    tx.commit();
    return {cycle_refusal::none, id};
}

json registration_detail(pqxx::connection_base& conn, std::int64_t team_id,
                         std::int64_t registration_id) {
    pqxx::read_transaction tx(conn);
    const auto rows =
        tx.exec_params(registration_select() + "WHERE c.team_id = $1 AND c.registration_id = $2 "
                                               "AND c.withdrawn_at IS NULL",
                       team_id, registration_id);
    if (rows.empty()) return nullptr;
    auto out = registration_of(rows[0]);
    json cards = json::array();
    for (const auto& c : tx.exec_params(
             "SELECT p.card_id, p.user_id, u.display_name, p.step, p.category, p.text "
             "FROM prepared_cards p JOIN users u USING (user_id) WHERE p.registration_id = $1 "
             "ORDER BY p.card_id",
             registration_id))
        cards.push_back({{"card_id", c[0].as<std::int64_t>()},
                         {"user_id", c[1].as<std::int64_t>()},
                         {"author_name", c[2].as<std::string>()},
                         {"step", c[3].as<int>()},
                         {"category", c[4].as<std::string>()},
                         {"text", c[5].as<std::string>()}});
    out["cards"] = std::move(cards);
    return out;
}

cycle_refusal update_registration(pqxx::connection_base& conn, std::int64_t team_id,
                                  std::int64_t registration_id, std::int64_t user_id,
                                  bool moderator, const registration_draft& d) {
    pqxx::work tx(conn);
    if (const auto why = lock_for_change(tx, team_id, registration_id, user_id, moderator);
        why != cycle_refusal::none)
        return why;
    tx.exec_params("UPDATE case_registrations SET question = coalesce($2, question), "
                   "report = coalesce($3::jsonb, report), format = coalesce($4, format), "
                   "minutes_needed = coalesce($5, minutes_needed), updated_at = now() "
                   "WHERE registration_id = $1",
                   registration_id, d.question, report_text(d.report), d.format, d.minutes_needed);
    tx.commit();
    return cycle_refusal::none;
}

cycle_refusal withdraw_registration(pqxx::connection_base& conn, std::int64_t team_id,
                                    std::int64_t registration_id, std::int64_t user_id,
                                    bool moderator) {
    pqxx::work tx(conn);
    if (const auto why = lock_for_change(tx, team_id, registration_id, user_id, moderator);
        why != cycle_refusal::none)
        return why;
    // Withdrawn drafts are not kept: nobody will discuss them.
    tx.exec_params("DELETE FROM prepared_cards WHERE registration_id = $1", registration_id);
    tx.exec_params("UPDATE case_registrations SET withdrawn_at = now(), updated_at = now(), "
                   "question = '', report = '{}' WHERE registration_id = $1",
                   registration_id);
    tx.commit();
    return cycle_refusal::none;
}

cycle_refusal order_agenda(pqxx::connection_base& conn, std::int64_t team_id, std::int64_t date_id,
                           const std::vector<std::int64_t>& order) {
    pqxx::work tx(conn);
    if (tx.exec_params("SELECT FROM circle_dates WHERE team_id = $1 AND date_id = $2 FOR UPDATE",
                       team_id, date_id)
            .empty())
        return cycle_refusal::unknown_date;
    std::vector<std::int64_t> live;
    for (const auto& r : tx.exec_params("SELECT registration_id FROM case_registrations "
                                        "WHERE date_id = $1 AND withdrawn_at IS NULL "
                                        "ORDER BY registration_id",
                                        date_id))
        live.push_back(r[0].as<std::int64_t>());
    auto named = order;
    std::sort(named.begin(), named.end());
    if (named != live) return cycle_refusal::agenda_mismatch;
    for (std::size_t i = 0; i < order.size(); ++i)
        tx.exec_params("UPDATE case_registrations SET position = $2, updated_at = now() "
                       "WHERE registration_id = $1",
                       order[i], static_cast<int>(i + 1));
    tx.commit();
    return cycle_refusal::none;
}

registration_result add_prepared_card(pqxx::connection_base& conn, std::int64_t team_id,
                                      std::int64_t registration_id, std::int64_t user_id, int step,
                                      const std::string& category, const std::string& text) {
    pqxx::work tx(conn);
    // Anyone of the team may write beforehand: the registrant's lock rule does not apply.
    if (const auto why = lock_for_change(tx, team_id, registration_id, user_id, true);
        why != cycle_refusal::none)
        return {why};
    if (tx.exec_params1("SELECT count(*) FROM prepared_cards WHERE registration_id = $1",
                        registration_id)[0]
            .as<int>() >= prepared_cards_limit)
        return {cycle_refusal::limit_reached};
    const auto id = tx.exec_params1("INSERT INTO prepared_cards (registration_id, user_id, step, "
                                    "category, text) VALUES ($1, $2, $3, $4, $5) "
                                    "RETURNING card_id",
                                    registration_id, user_id, step, category, text)[0]
                        .as<std::int64_t>();
    tx.commit();
    return {cycle_refusal::none, id};
}

cycle_refusal delete_prepared_card(pqxx::connection_base& conn, std::int64_t team_id,
                                   std::int64_t registration_id, std::int64_t card_id,
                                   std::int64_t user_id, bool moderator) {
    pqxx::work tx(conn);
    if (const auto why = lock_for_change(tx, team_id, registration_id, user_id, true);
        why != cycle_refusal::none)
        return why;
    const auto rows = tx.exec_params("SELECT user_id = $3 FROM prepared_cards "
                                     "WHERE registration_id = $1 AND card_id = $2",
                                     registration_id, card_id, user_id);
    if (rows.empty()) return cycle_refusal::unknown_registration;
    if (!moderator && !rows[0][0].as<bool>()) return cycle_refusal::not_yours;
    tx.exec_params("DELETE FROM prepared_cards WHERE card_id = $1", card_id);
    tx.commit();
    return cycle_refusal::none;
}

session_preparation preparation_for_session(pqxx::connection_base& conn, std::int64_t team_id,
                                            std::int64_t registration_id) {
    pqxx::read_transaction tx(conn);
    const auto rows = tx.exec_params(
        "SELECT c.case_code, c.format, coalesce(u.display_name, ''), c.question, c.report::text, "
        "EXISTS (SELECT FROM registration_sessions s WHERE s.registration_id = c.registration_id) "
        "FROM case_registrations c LEFT JOIN users u ON u.user_id = c.registered_by "
        "WHERE c.team_id = $1 AND c.registration_id = $2 AND c.withdrawn_at IS NULL",
        team_id, registration_id);
    session_preparation out;
    if (rows.empty()) {
        out.refusal = cycle_refusal::unknown_registration;
        return out;
    }
    const auto& r = rows[0];
    if (r[5].as<bool>()) {
        out.refusal = cycle_refusal::session_opened;
        return out;
    }
    out.case_code = r[0].as<std::string>();
    out.format = r[1].as<std::string>();
    json cards = json::array();
    for (const auto& c : tx.exec_params("SELECT p.step, p.category, p.text, u.display_name "
                                        "FROM prepared_cards p JOIN users u USING (user_id) "
                                        "WHERE p.registration_id = $1 ORDER BY p.card_id",
                                        registration_id))
        cards.push_back({{"step", c[0].as<int>()},
                         {"category", c[1].as<std::string>()},
                         {"text", c[2].as<std::string>()},
                         {"author_name", c[3].as<std::string>()}});
    // A follow-up nobody registered is prepared by the team.
    const auto by = r[2].as<std::string>();
    out.fields = {{"registration_id", std::to_string(registration_id)},
                  {"prepared_by", by.empty() ? std::string("Team") : by},
                  {"case_summary", json::parse(r[4].as<std::string>())},
                  {"question", r[3].as<std::string>()},
                  {"cards", std::move(cards)}};
    return out;
}

} // namespace casecircle::db
