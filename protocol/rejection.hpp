#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace casecircle::protocol {

// Why a command was not accepted. code is stable (clients and metrics key on it); the messages
// are for people and may name the offending field.
struct rejection {
    std::string code;
    std::string message_de;
    std::string message_en;
};

enum class reject_code {
    unknown_command,
    invalid_field,
    not_a_participant,
    already_joined,
    role_forbidden,
    invalid_role,
    role_taken,
    not_started,
    already_started,
    session_ended,
    session_paused,
    not_paused,
    no_next_step,
    no_previous_step,
    wrong_step,
    step_closed,
    no_cards_in_step,
    unknown_category,
    unknown_card,
    not_author,
    unknown_group,
    not_your_turn,
    no_round,
    unknown_participant,
    unknown_question,
    unknown_option,
    no_decision,
    presenter_missing,
    presenter_speaks_first,
    advocatus_unavailable,
    advocatus_must_be_participant,
    moderator_cannot_leave,
    invalid_case_code,
    invalid_date,
    limit_reached,
    not_ended,
    already_approved,
    consent_missing,
    no_previous_session,
    session_cancelled,
    minutes_discarded,
    cannot_remove_moderator,
    removed_from_session,
    already_prepared,
    not_written_session,
    unknown_target,
    already_redacted,
    changes_not_seen,
    already_revealed,
    internal_error,
};

rejection reject(reject_code code);

// invalid_field names the field so that a person can fix the input.
rejection reject_field(std::string_view field);

std::string_view code_name(reject_code code);

// Every code with its messages, in declaration order; ENGINE.md and the tests are built on it.
std::vector<rejection> all_rejections();

} // namespace casecircle::protocol
