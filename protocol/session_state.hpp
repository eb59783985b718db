#pragma once

#include "protocol/event.hpp"
#include "protocol/template.hpp"
#include "protocol/types.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace casecircle::protocol {

// The fold of a session's events. Plain data for reading; only session_state::apply changes it,
// so the invariants (ids gap-free, every card in an existing step and category, at most one
// moderator and presenter, ...) hold wherever the state is seen.

struct participant {
    std::string id; // "p1", "p2", ... in join order; p1 created the session and moderates
    std::string name;
    protocol::role role = role::participant;
    bool present = true;
    millis joined_at = 0;
    std::optional<millis> left_at;
    bool guest = false;   // from another organisation, let in by a one-time guest link
    bool removed = false; // taken out by the moderator: never present again (rejoin is refused)
};

// The presenter's confirmation that the client agreed to the case being discussed with guests.
struct consent_record {
    std::string by;
    millis at = 0;
};

struct card {
    std::string id; // "c1", "c2", ...
    int step = 0;   // 1-based
    std::string category;
    std::string text;
    std::string author;
    bool advocatus = false; // written by the advocatus diaboli in a step where that role is active
    millis created_at = 0;
    std::optional<millis> edited_at;
    bool withdrawn = false;
    std::string group; // "" or a group id
    // Written by a colleague before the session (prepare_case): the author is the system actor,
    // the person only a name, so nobody in the session can edit or withdraw it.
    bool written_beforehand = false;
    std::string author_name; // only for cards written beforehand
};

struct card_group {
    std::string id; // "g1", ...
    int step = 0;
    std::string label;
    std::vector<std::string> card_ids;
};

struct case_summary {
    // The four parts of the presentation outline (domain: "Outline of the case presentation").
    std::string history;
    std::string initial_situation;
    std::string work_so_far;
    std::string service_steering;
    std::string author;
    millis at = 0;
};

struct question_entry {
    std::string id; // "original" or "a1", "a2", ...
    std::string text;
    std::string author;
    bool advocatus = false;
    millis at = 0;
};

struct chosen_question {
    std::string question_id;
    std::string text;
    std::string chosen_by;
    millis at = 0;
};

struct option_entry {
    std::string id; // "o1", ...
    int step = 0;
    std::string text;
    std::string author;
    bool advocatus = false;
    bool withdrawn = false;
    millis at = 0;
};

struct decision_record {
    std::string text;
    std::string review_date; // YYYY-MM-DD (Wiedervorlage)
    std::optional<std::string> option_id;
    std::string author;
    millis at = 0;
};

struct backing_entry {
    std::string participant_id;
    std::string vote; // yes | no | abstain
    std::string note;
    millis at = 0;
};

struct prognosis_entry {
    std::string participant_id;
    int rating = 0; // 1 very unlikely .. 5 very likely
    millis at = 0;
};

// What the presenter reports, in the follow-up session, came of the previous decision.
struct decision_result {
    std::string result; // done | partly | not_done
    std::string note;
    std::string recorded_by;
    millis recorded_at = 0;
};

struct previous_session {
    std::string session_id;
    std::string held_on; // YYYY-MM-DD or ""
    std::string question;
    std::string decision;
    std::string review_date;                 // YYYY-MM-DD or ""
    std::vector<int> prognosis_distribution; // empty, or counts of ratings 1..5
    millis linked_at = 0;
    std::optional<decision_result> result;
};

struct step_visit {
    millis started_at = 0;
    std::optional<millis> ended_at;
};

struct pause_interval {
    millis from = 0;
    std::optional<millis> to;
};

struct step_timing {
    std::vector<step_visit> visits;
    std::vector<pause_interval> pauses;
    int extended_minutes = 0;
    millis active_ms = 0;                // closed active time, pauses excluded
    std::optional<millis> running_since; // set while the step is current and not paused
    std::optional<millis> deadline;      // written sessions: by when the step should be done
};

struct round_state {
    int step = 0; // 0: no round-robin running
    std::vector<std::string> order;
    std::optional<std::string> turn; // nullopt: round closed (all passed) or nobody in it
    int round = 0;                   // 1-based; 0 while nobody is in the round
    int consecutive_passes = 0;
};

// The case as a case manager registered it for the circle date (prepare_case); its summary,
// question and cards are folded into the ordinary records.
struct preparation {
    std::string registration_id;
    std::string prepared_by; // the case manager's display name
    millis at = 0;
};

// The moderator's approval of the minutes after the end; the minutes are final from then on.
struct minutes_approval {
    std::string by;
    millis at = 0;
    std::string closing_remark;
};

// A change the moderator made to the draft before approval, listed for the last look before it
// and in the minutes: a redaction (the text is gone, only the reason stays) or a correction of a
// free-text record (the text before it stays, as a trace).
struct draft_change {
    std::string kind;   // redaction | correction
    std::string target; // what was changed, e.g. "card:c3", "summary:history", "decision"
    std::string reason; // redactions: why
    std::string before; // corrections: the text before (blank once the target is redacted)
    std::string by;
    millis at = 0;
};

// Who was there when a step with required presence started, and what was missing then.
struct presence_record {
    int step = 0;
    std::vector<std::string> present;                 // participant ids, in join order
    std::vector<std::pair<std::string, int>> missing; // requirement -> how many were lacking
    millis at = 0;
};

// The prognosis ratings stay hidden until everyone present has rated or the moderator shows them,
// so that later raters do not anchor on earlier ones.
struct prognosis_reveal {
    std::string by; // a participant id, or "" when everyone present had rated
    millis at = 0;
};

// Why a session was called off; a cancelled session has no minutes.
struct cancellation_record {
    std::string reason; // no_case | too_few_present | case_withdrawn | other
    std::string note;
    std::string by;
    millis at = 0;
};

// The moderator's decision after the end that the draft minutes are not kept.
struct discard_record {
    std::string reason;
    std::string by;
    millis at = 0;
};

struct session_data {
    std::uint64_t last_seq = 0;
    millis last_at = 0;
    // Where session_created may find its template already parsed (see session_state); not state.
    const template_library* known_templates = nullptr;
    std::shared_ptr<const format_template> format;
    std::string case_code;
    std::string title;
    session_mode mode = session_mode::meeting;
    millis created_at = 0;
    bool started = false;
    bool ended = false;
    std::optional<millis> started_at;
    std::optional<millis> ended_at;
    // moderator | idle (session_ended) or cancelled (session_cancelled); nullopt before the end.
    std::optional<std::string> ended_reason;
    std::optional<millis> paused_since;
    int current_step = 0;             // 0 before start; 1..steps
    std::vector<step_timing> timings; // one per template step
    std::vector<participant> participants;
    std::optional<std::string> advocatus;
    round_state round;
    std::vector<card> cards;
    std::vector<card_group> groups;
    std::uint64_t groups_created = 0;
    std::optional<case_summary> summary;
    std::optional<question_entry> question; // the presenter's original
    std::vector<question_entry> alternatives;
    std::optional<chosen_question> chosen;
    std::vector<option_entry> options;
    std::optional<decision_record> decision;
    std::vector<backing_entry> backing; // for the current decision, in order of first statement
    std::vector<prognosis_entry> prognosis;
    std::optional<previous_session> previous;
    std::optional<minutes_approval> approval;
    std::optional<cancellation_record> cancellation;
    std::optional<discard_record> discard;
    std::optional<consent_record> consent;
    std::optional<preparation> prepared;
    std::vector<draft_change> changes;
    std::vector<presence_record> presence;
    std::optional<prognosis_reveal> prognosis_revealed;

    const participant* find_participant(std::string_view id) const;
    const participant* present_participant(std::string_view id) const;
    const participant* moderator() const;
    const card* find_card(std::string_view id) const; // withdrawn cards included
    const card_group* find_group(std::string_view id) const;
    const option_entry* find_option(std::string_view id) const;
    const question_entry* find_alternative(std::string_view id) const;
    const step_template* step(int number) const; // nullptr when out of range
    const step_template* current() const { return step(current_step); }
    int step_count() const;
    bool is_presenter(const participant& p) const; // presenter role, or moderator who presents
    bool has_presenter() const;
    bool has_guests() const;
    std::size_t live_card_count() const;
    bool written() const { return mode == session_mode::written; }
    // What of a step's required presence is lacking among those present now (empty: nothing).
    std::vector<std::pair<std::string, int>> missing_presence(const step_template& step) const;
    // The name of whoever prepared a record the system wrote (prepare_case); "" for a person's.
    std::string prepared_by(std::string_view author) const;
};

struct fold_error {
    std::uint64_t seq = 0;
    std::string message;
};

class session_state {
  public:
    session_state() = default;
    // A session created from one of `known`'s templates shares its parsed copy instead of parsing
    // the one embedded in session_created again: a server holds thousands of rooms of a few
    // formats. `known` must outlive the state.
    explicit session_state(const template_library* known) { data_.known_templates = known; }

    const session_data& data() const { return data_; }
    std::uint64_t last_seq() const { return data_.last_seq; }
    bool ended() const { return data_.ended; }

    // Applies one event. Events must come in seq order without gaps, starting with
    // session_created. On error the state is left unchanged and the event is not applied.
    // Never throws.
    std::optional<fold_error> apply(const event& e);

  private:
    session_data data_;
};

inline std::optional<fold_error> apply(session_state& state, const event& e) {
    return state.apply(e);
}

// Folds a whole log.
std::variant<session_state, fold_error> replay(const std::vector<event>& events);

// The full view for a client that joins or rejoins. Deterministic when dumped.
nlohmann::json to_json(const session_state& state);

} // namespace casecircle::protocol
