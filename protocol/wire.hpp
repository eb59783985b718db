#pragma once

#include "protocol/command.hpp"
#include "protocol/event.hpp"
#include "protocol/rejection.hpp"
#include "protocol/template.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

// The messages that travel over the WebSocket, and their JSON codecs. PROTOCOL.md documents them.
namespace casecircle::protocol::wire {

// How a client learns the state after each committed batch: it asks with `snapshot` (request,
// the default), or the `events` frame carries the whole state (full) or a JSON Patch from the
// state the client holds (patch). Full and patch frames are serialised once per batch for all.
enum class state_updates { request, full, patch };

// What every entry frame may add: the client_keys of formats whose document the client already
// holds, so that the server sends a `format` frame only for one it lacks; and its state_updates.
struct entry_fields {
    std::vector<std::string> known_templates;
    state_updates updates = state_updates::request;

    bool knows(const std::string& key) const;
};

struct create_message : entry_fields {
    std::string format;
    std::string case_code;
    std::string title;
    std::string name;
    std::optional<std::int64_t> team_id; // which of the logged-in moderator's teams holds it
    // "meeting" (the default) or "written": a consultation in writing over days, with deadlines.
    protocol::session_mode mode = protocol::session_mode::meeting;
    // Opened from a case registered for a circle date: its format, case code and preparation
    // come from the registration (PROTOCOL.md, "create").
    std::optional<std::int64_t> registration_id;
    // The person saw the warning that the case code or title looks like it names someone, and
    // confirms that it does not (PROTOCOL.md, "create").
    bool confirm_identifying = false;
};
struct join_message : entry_fields {
    std::string invite;
    std::string name;
};
// Entry through a one-time guest link (an external expert, scoped to one session).
struct guest_join_message : entry_fields {
    std::string invitation;
    std::string name;
};
struct resume_message : entry_fields {
    std::string token;
    std::uint64_t last_seq = 0;
};
struct command_message {
    std::string id; // chosen by the client; a resend with the same id is answered, not re-applied
    protocol::command cmd;
};
struct ping_message {
    nlohmann::json t; // echoed back untouched, so the client can measure the round trip
};
struct snapshot_message {};
struct minutes_message {};

using client_message =
    std::variant<create_message, join_message, guest_join_message, resume_message, command_message,
                 ping_message, snapshot_message, minutes_message>;

// A problem with a frame itself (not with what a command asks for): the connection stays open.
struct wire_error {
    std::string code;
    std::string message_de;
    std::string message_en;
    std::string id; // the command id when one could be read
    // room_elsewhere: when entering again is likely to work (another process is handing the
    // room over, or its lease runs out then).
    std::optional<std::int64_t> retry_after_ms;
    // looks_identifying: what looked like a person ([{kind, text}]).
    nlohmann::json findings;
};

std::variant<client_message, wire_error> parse_client_message(std::string_view text);

// Errors the shell raises, with their messages; codes are stable.
wire_error make_error(std::string_view code, std::string id = {});

// Server → client frames, serialised once and shared by every recipient.
// state_json: the session state, already serialised (see to_json(session_state)).
std::string welcome_frame(const nlohmann::json& fields, const std::string& state_json);
// An event as clients receive it, serialised: session_created names its template by client_key
// instead of carrying it (the client has it from the `format` frame). The stored event keeps it.
std::string event_text(const event& e, const format_template& format);
// From events already serialised by event_text, as a room keeps its log. `state_fields`, if any,
// is spliced in as it is: ,"state":{…} or ,"base_seq":N,"state_patch":[…].
std::string events_frame(std::vector<std::string>::const_iterator first,
                         std::vector<std::string>::const_iterator last,
                         std::string_view state_fields = {});
std::string ack_frame(const std::string& id, const std::vector<std::uint64_t>& seqs);
std::string rejected_frame(const std::string& id, const rejection& why);
std::string error_frame(const wire_error& error);
std::string pong_frame(const nlohmann::json& t, millis server_time);
std::string presence_frame(const std::vector<std::string>& online);
std::string state_frame(const std::string& state_json, std::uint64_t last_seq);
// `identifying`: for the moderator's draft, what in it looks like it names a person.
std::string minutes_frame(const nlohmann::json& minutes, const std::string& markdown,
                          const nlohmann::json& identifying = nullptr);

// Every shell error code with its German and English message, for PROTOCOL.md and the tests.
std::vector<wire_error> all_wire_errors();

} // namespace casecircle::protocol::wire
