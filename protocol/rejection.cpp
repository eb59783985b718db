#include "protocol/rejection.hpp"

#include <array>

namespace casecircle::protocol {

namespace {

struct message_row {
    reject_code code;
    std::string_view name;
    std::string_view de;
    std::string_view en;
};

// One row per code. Messages speak to the person at the screen, not to a developer.
constexpr std::array<message_row, 50> rows{{
    {reject_code::unknown_command, "unknown_command", "Diese Aktion ist unbekannt.",
     "This action is unknown."},
    {reject_code::invalid_field, "invalid_field", "Eine Eingabe fehlt oder ist ungültig.",
     "An input is missing or invalid."},
    {reject_code::not_a_participant, "not_a_participant",
     "Sie nehmen an dieser Sitzung nicht (mehr) teil.",
     "You are not (or no longer) taking part in this session."},
    {reject_code::already_joined, "already_joined", "Sie nehmen bereits an dieser Sitzung teil.",
     "You have already joined this session."},
    {reject_code::role_forbidden, "role_forbidden", "Ihre Rolle erlaubt diese Aktion nicht.",
     "Your role does not allow this action."},
    {reject_code::invalid_role, "invalid_role", "Diese Rolle kann hier nicht vergeben werden.",
     "This role cannot be given here."},
    {reject_code::role_taken, "role_taken", "Diese Rolle ist in der Sitzung bereits vergeben.",
     "This role is already taken in the session."},
    {reject_code::not_started, "not_started", "Die Sitzung hat noch nicht begonnen.",
     "The session has not started yet."},
    {reject_code::already_started, "already_started", "Die Sitzung läuft bereits.",
     "The session has already started."},
    {reject_code::session_ended, "session_ended", "Die Sitzung ist beendet.",
     "The session has ended."},
    {reject_code::session_paused, "session_paused",
     "Die Sitzung ist pausiert. Bitte zuerst fortsetzen.",
     "The session is paused. Please resume it first."},
    {reject_code::not_paused, "not_paused", "Die Sitzung ist nicht pausiert.",
     "The session is not paused."},
    {reject_code::no_next_step, "no_next_step",
     "Dies ist der letzte Schritt. Beenden Sie die Sitzung, wenn alles besprochen ist.",
     "This is the last step. End the session when everything has been discussed."},
    {reject_code::no_previous_step, "no_previous_step", "Dies ist bereits der erste Schritt.",
     "This is already the first step."},
    {reject_code::wrong_step, "wrong_step", "Das gehört nicht zum aktuellen Schritt.",
     "This does not belong to the current step."},
    {reject_code::step_closed, "step_closed",
     "Der Schritt dieses Eintrags ist abgeschlossen; er kann nicht mehr geändert werden.",
     "The step of this entry is closed; it can no longer be changed."},
    {reject_code::no_cards_in_step, "no_cards_in_step",
     "In diesem Schritt werden keine Karten geschrieben.", "No cards are written in this step."},
    {reject_code::unknown_category, "unknown_category",
     "Diese Kategorie gibt es in diesem Schritt nicht.",
     "This category does not exist in this step."},
    {reject_code::unknown_card, "unknown_card", "Diese Karte gibt es nicht (mehr).",
     "This card does not exist (any more)."},
    {reject_code::not_author, "not_author",
     "Nur wer den Eintrag geschrieben hat, kann ihn ändern oder zurückziehen.",
     "Only the author of an entry can change or withdraw it."},
    {reject_code::unknown_group, "unknown_group", "Diese Kartengruppe gibt es nicht.",
     "This card group does not exist."},
    {reject_code::not_your_turn, "not_your_turn",
     "Sie sind gerade nicht an der Reihe. Es wird reihum gesammelt.",
     "It is not your turn. Ideas are collected in turn."},
    {reject_code::no_round, "no_round", "In diesem Schritt wird gerade nicht reihum gesammelt.",
     "Ideas are not being collected in turn in this step right now."},
    {reject_code::unknown_participant, "unknown_participant",
     "Diese Person nimmt an der Sitzung nicht teil.",
     "This person is not taking part in the session."},
    {reject_code::unknown_question, "unknown_question", "Diese Beratungsfrage gibt es nicht.",
     "This consultation question does not exist."},
    {reject_code::unknown_option, "unknown_option", "Diese Handlungsoption gibt es nicht.",
     "This option does not exist."},
    {reject_code::no_decision, "no_decision",
     "Es gibt noch keine Entscheidung der/des Fallverantwortlichen.",
     "The presenting case manager has not recorded a decision yet."},
    {reject_code::presenter_missing, "presenter_missing",
     "Es fehlt die/der fallverantwortliche Case Manager/in. Bitte zuerst die Rolle vergeben.",
     "The presenting case manager is missing. Please assign that role first."},
    {reject_code::presenter_speaks_first, "presenter_speaks_first",
     "Hier spricht zuerst die/der Fallverantwortliche.",
     "The presenting case manager speaks first here."},
    {reject_code::advocatus_unavailable, "advocatus_unavailable",
     "Dieses Format sieht keinen Advocatus Diaboli vor.", "This format has no advocatus diaboli."},
    {reject_code::advocatus_must_be_participant, "advocatus_must_be_participant",
     "Advocatus Diaboli kann nur eine teilnehmende Person sein.",
     "Only a participant can be the advocatus diaboli."},
    {reject_code::moderator_cannot_leave, "moderator_cannot_leave",
     "Die Moderation kann die Sitzung nicht verlassen. Bitte zuerst die Moderation übergeben "
     "oder die Sitzung beenden.",
     "The moderator cannot leave the session. Hand over moderation or end the session first."},
    {reject_code::invalid_case_code, "invalid_case_code",
     "Der Fallcode muss ein Pseudonym sein: 1 bis 40 Zeichen aus Buchstaben A–Z, Ziffern, "
     "Leerzeichen und - _ . /, mit mindestens einer Ziffer. Bitte keine Namen von Klient/innen.",
     "The case code must be a pseudonym: 1 to 40 characters of letters A–Z, digits, spaces and "
     "- _ . /, with at least one digit. Please do not use client names."},
    {reject_code::invalid_date, "invalid_date",
     "Das Datum muss als JJJJ-MM-TT angegeben werden und darf nicht in der Vergangenheit liegen.",
     "The date must be given as YYYY-MM-DD and must not lie in the past."},
    {reject_code::limit_reached, "limit_reached",
     "Die Höchstzahl für diese Art von Eintrag ist erreicht.",
     "The maximum number of entries of this kind has been reached."},
    {reject_code::not_ended, "not_ended",
     "Das Protokoll kann erst nach dem Ende der Sitzung freigegeben werden.",
     "The minutes can only be approved after the session has ended."},
    {reject_code::already_approved, "already_approved",
     "Das Protokoll ist bereits freigegeben und kann nicht mehr geändert werden.",
     "The minutes have already been approved and can no longer be changed."},
    {reject_code::consent_missing, "consent_missing",
     "Externe Gäste nehmen teil: Die/der Fallverantwortliche muss zuerst bestätigen, dass die "
     "Klientin/der Klient der Besprechung mit Personen anderer Organisationen zugestimmt hat.",
     "Guests take part: the presenting case manager must first confirm that the client agreed to "
     "the case being discussed with people from other organisations."},
    {reject_code::no_previous_session, "no_previous_session",
     "Zu diesem Fall ist keine frühere Besprechung verknüpft; es gibt kein Ergebnis festzuhalten.",
     "No earlier session of this case is linked; there is no outcome to record."},
    {reject_code::session_cancelled, "session_cancelled",
     "Diese Sitzung wurde abgesagt. Es gibt kein Protokoll.",
     "This session was cancelled. There are no minutes."},
    {reject_code::minutes_discarded, "minutes_discarded",
     "Das Protokoll wurde verworfen und kann nicht mehr freigegeben werden.",
     "The minutes were discarded and can no longer be approved."},
    {reject_code::cannot_remove_moderator, "cannot_remove_moderator",
     "Die Moderation kann nicht aus der Sitzung entfernt werden. Bitte zuerst die Moderation "
     "übergeben.",
     "The moderator cannot be removed from the session. Hand over moderation first."},
    {reject_code::removed_from_session, "removed_from_session",
     "Sie wurden aus dieser Sitzung entfernt.", "You were removed from this session."},
    {reject_code::already_prepared, "already_prepared",
     "Dieser Fall wurde für die Sitzung bereits vorbereitet.",
     "This case has already been prepared for the session."},
    {reject_code::not_written_session, "not_written_session",
     "Das gibt es nur in einer schriftlichen Fallberatung.",
     "This exists only in a written consultation."},
    {reject_code::unknown_target, "unknown_target",
     "Diesen Eintrag gibt es im Protokollentwurf nicht, oder er kann so nicht geändert werden.",
     "This entry does not exist in the draft minutes, or it cannot be changed this way."},
    {reject_code::already_redacted, "already_redacted", "Dieser Text ist bereits geschwärzt.",
     "This text has already been redacted."},
    {reject_code::changes_not_seen, "changes_not_seen",
     "Bitte sehen Sie sich vor der Freigabe die Liste der Änderungen am Entwurf an.",
     "Please look at the list of changes to the draft before approving it."},
    {reject_code::already_revealed, "already_revealed",
     "Die Verteilung der Prognose ist bereits sichtbar.",
     "The distribution of the prognosis is already visible."},
    {reject_code::internal_error, "internal_error",
     "Ein interner Fehler ist aufgetreten. Die Sitzung ist unverändert.",
     "An internal error occurred. The session is unchanged."},
}};

const message_row& row_of(reject_code code) {
    for (const auto& row : rows)
        if (row.code == code) return row;
    return rows.back();
}

} // namespace

rejection reject(reject_code code) {
    const auto& row = row_of(code);
    return {std::string(row.name), std::string(row.de), std::string(row.en)};
}

rejection reject_field(std::string_view field) {
    auto r = reject(reject_code::invalid_field);
    const std::string name(field);
    r.message_de = "Das Feld „" + name + "“ fehlt oder ist ungültig.";
    r.message_en = "The field \"" + name + "\" is missing or invalid.";
    return r;
}

std::string_view code_name(reject_code code) {
    return row_of(code).name;
}

std::vector<rejection> all_rejections() {
    std::vector<rejection> out;
    for (const auto& row : rows)
        out.push_back({std::string(row.name), std::string(row.de), std::string(row.en)});
    return out;
}

} // namespace casecircle::protocol
