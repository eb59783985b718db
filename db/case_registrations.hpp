#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace pqxx {
class connection_base;
}

namespace casecircle::db {

// What a case manager writes before the circle: the question and the four-part report (history,
// initial_situation, work_so_far, service_steering), the format that fits and the time it needs.
// Unset fields stay as they are.
struct registration_draft {
    std::optional<std::string> question;
    std::optional<nlohmann::json> report; // an object of the four parts, checked by the caller
    std::optional<std::string> format;
    std::optional<int> minutes_needed;
};

struct new_registration {
    std::int64_t team_id = 0;
    std::int64_t date_id = 0;
    std::string case_code;
    std::string format;
    std::int64_t registered_by = 0;
    bool after_cutoff = false; // a moderator may still add a case after the cut-off
    registration_draft draft;  // minutes_needed set by the caller
};

// Why a change to the cycle was refused; each is an API error code (PROTOCOL.md).
enum class cycle_refusal {
    none,
    unknown_date,
    unknown_registration,
    date_cancelled,
    date_over,           // held, closed or in the past
    registration_closed, // past the date's cut-off
    already_registered,  // the case is on that date's agenda already
    session_opened,      // the case's session has been opened: its drafts are in it
    not_yours,           // only who registered it (or a moderator) may change it
    agenda_mismatch,     // the order must name exactly the date's cases
    limit_reached,
};
const char* code_of(cycle_refusal r);

struct registration_result {
    cycle_refusal refusal = cycle_refusal::none;
    std::int64_t id = 0;
};

registration_result register_case(pqxx::connection_base& conn, const new_registration& r);
// The registration with its prepared cards; null when the team has no such registration.
nlohmann::json registration_detail(pqxx::connection_base& conn, std::int64_t team_id,
                                   std::int64_t registration_id);
// `may_change_any`: a moderator's change, or a follow-up (which nobody registered).
cycle_refusal update_registration(pqxx::connection_base& conn, std::int64_t team_id,
                                  std::int64_t registration_id, std::int64_t user_id,
                                  bool moderator, const registration_draft& draft);
cycle_refusal withdraw_registration(pqxx::connection_base& conn, std::int64_t team_id,
                                    std::int64_t registration_id, std::int64_t user_id,
                                    bool moderator);
cycle_refusal order_agenda(pqxx::connection_base& conn, std::int64_t team_id, std::int64_t date_id,
                           const std::vector<std::int64_t>& order);

inline constexpr int prepared_cards_limit = 200;

// A card written beforehand for a collecting step; step and category checked by the caller.
registration_result add_prepared_card(pqxx::connection_base& conn, std::int64_t team_id,
                                      std::int64_t registration_id, std::int64_t user_id, int step,
                                      const std::string& category, const std::string& text);
// Its author, or a moderator, takes it back before the session opens.
cycle_refusal delete_prepared_card(pqxx::connection_base& conn, std::int64_t team_id,
                                   std::int64_t registration_id, std::int64_t card_id,
                                   std::int64_t user_id, bool moderator);

// What a session opened from a registration starts with (the engine's prepare_case fields).
struct session_preparation {
    cycle_refusal refusal = cycle_refusal::none;
    std::string case_code;
    std::string format;
    nlohmann::json fields; // registration_id, prepared_by, case_summary, question, cards
};
session_preparation preparation_for_session(pqxx::connection_base& conn, std::int64_t team_id,
                                            std::int64_t registration_id);

} // namespace casecircle::db
