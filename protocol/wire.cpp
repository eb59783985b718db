#include "protocol/wire.hpp"

#include <algorithm>
#include <array>
#include <optional>

namespace casecircle::protocol::wire {
namespace {

using json = nlohmann::json;

struct error_text {
    std::string_view code;
    std::string_view de;
    std::string_view en;
};

constexpr std::array<error_text, 27> error_texts{{
    {"invalid_json", "Die Nachricht ist kein gültiges JSON.", "The message is not valid JSON."},
    {"unknown_type", "Diese Nachrichtenart gibt es nicht.", "There is no message of this type."},
    {"missing_field", "Ein Pflichtfeld fehlt.", "A required field is missing."},
    {"invalid_field", "Ein Feld hat den falschen Typ oder Wert.",
     "A field has the wrong type or value."},
    {"frame_too_large", "Die Nachricht ist zu groß (höchstens 64 KiB).",
     "The message is too large (64 KiB at most)."},
    {"rate_limited", "Zu viele Nachrichten in kurzer Zeit; bitte kurz warten.",
     "Too many messages in a short time; please wait a moment."},
    {"not_joined", "Bitte zuerst einer Sitzung beitreten.", "Please join a session first."},
    {"already_joined", "Diese Verbindung ist bereits einer Sitzung beigetreten.",
     "This connection has already joined a session."},
    {"unknown_invite", "Dieser Einladungscode ist nicht gültig.",
     "This invitation code is not valid."},
    {"unknown_token", "Diese Zugangsdaten sind nicht (mehr) gültig.",
     "These credentials are not (or no longer) valid."},
    {"unknown_format", "Dieses Sitzungsformat gibt es nicht.", "There is no such session format."},
    {"storage_unavailable",
     "Die Datenbank ist gerade nicht erreichbar; nichts wurde gespeichert. Bitte erneut senden.",
     "The database cannot be reached right now; nothing was saved. Please send again."},
    {"login_required",
     "Bitte melden Sie sich an, um eine Sitzung zu eröffnen oder ihr beizutreten.",
     "Please log in to open or join a session."},
    {"not_in_team",
     "Diese Sitzung gehört zu einem Team, dem Sie nicht angehören, oder Ihre Rolle erlaubt das "
     "nicht.",
     "This session belongs to a team you are not a member of, or your role does not allow this."},
    {"invalid_guest_link",
     "Dieser Gast-Link ist ungültig, abgelaufen oder wurde schon benutzt. Bitte fragen Sie die "
     "Moderation nach einem neuen.",
     "This guest link is invalid, expired or already used. Please ask the moderator for a new "
     "one."},
    {"minutes_not_available",
     "Das Protokoll ist noch nicht verfügbar: Es erscheint, sobald die Moderation es nach dem Ende "
     "der Sitzung freigegeben hat.",
     "The minutes are not available yet: they appear once the moderator has approved them after "
     "the end of the session."},
    {"room_ended", "Diese Sitzung ist beendet.", "This session has ended."},
    {"command_in_progress", "Dieser Befehl wird noch bearbeitet.",
     "This command is still being processed."},
    {"server_busy", "Der Server ist ausgelastet; bitte erneut versuchen.",
     "The server is busy; please try again."},
    {"internal_error", "Ein interner Fehler ist aufgetreten.", "An internal error occurred."},
    {"room_event_limit",
     "Diese Sitzung hat die größte erlaubte Zahl an Einträgen erreicht; es kann nichts mehr "
     "hinzugefügt werden. Bitte beenden Sie die Sitzung.",
     "This session has reached the largest number of entries allowed; nothing more can be "
     "added. Please end the session."},
    {"room_elsewhere",
     "Die Sitzung wird gerade von einem anderen Server übernommen. Die Verbindung wird gleich "
     "erneut aufgebaut.",
     "Another server is handing this session over right now. The connection will be made again "
     "in a moment."},
    {"room_moved",
     "Die Sitzung ist auf einen anderen Server umgezogen. Die Verbindung wird neu aufgebaut; "
     "nichts geht verloren.",
     "The session has moved to another server. The connection is made again; nothing is lost."},
    {"unknown_registration", "Diese Fallanmeldung gibt es im Team nicht (mehr).",
     "The team has no such case registration (any more)."},
    {"session_opened", "Die Sitzung zu diesem angemeldeten Fall ist schon eröffnet.",
     "The session of this registered case has already been opened."},
    {"looks_identifying",
     "Das sieht nach Angaben aus, die eine Person erkennbar machen. Bitte verwenden Sie einen "
     "Fallcode (Pseudonym) – oder bestätigen Sie, dass keine echte Person gemeint ist.",
     "This looks like details that identify a person. Please use a case code (pseudonym) – or "
     "confirm that no real person is meant."},
    {"participant_command_limit",
     "Sie haben in dieser Sitzung die größte erlaubte Zahl an Aktionen erreicht.",
     "You have reached the largest number of actions allowed in this session."},
}};

// Field readers that turn a wrongly typed or missing field into a named error.
struct reader {
    const json& object;
    std::optional<wire_error> error;

    std::string text(const char* name, bool required = true) {
        const auto it = object.find(name);
        if (it == object.end()) {
            if (required) fail("missing_field", name);
            return {};
        }
        if (!it->is_string()) {
            fail("invalid_field", name);
            return {};
        }
        return it->get<std::string>();
    }

    void fail(std::string_view code, const char* field) {
        if (error) return;
        error = make_error(code, id());
        error->message_de += std::string(" (Feld: ") + field + ")";
        error->message_en += std::string(" (field: ") + field + ")";
    }

    std::string id() const {
        const auto it = object.find("id");
        return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
    }
};

std::variant<client_message, wire_error> read_command(reader& r) {
    command_message m;
    m.id = r.text("id");
    m.cmd.type = r.text("command");
    if (!r.error && (m.id.empty() || m.id.size() > 64)) r.fail("invalid_field", "id");
    if (r.error) return *r.error;
    const auto fields = r.object.find("fields");
    if (fields == r.object.end()) {
        m.cmd.fields = json::object();
    } else if (!fields->is_object()) {
        r.fail("invalid_field", "fields");
        return *r.error;
    } else {
        m.cmd.fields = *fields;
    }
    return m;
}

constexpr std::size_t max_known_templates = 16;
constexpr std::size_t max_template_key_chars = 128;

// known_templates is optional; a malformed one is an error rather than silently ignored, so
// that a client bug shows up instead of costing bandwidth unnoticed.
void read_known_templates(reader& r, entry_fields& m) {
    const auto it = r.object.find("known_templates");
    if (it == r.object.end()) return;
    const auto valid_key = [](const json& k) {
        return k.is_string() && !k.get_ref<const std::string&>().empty() &&
               k.get_ref<const std::string&>().size() <= max_template_key_chars;
    };
    if (!it->is_array() || it->size() > max_known_templates ||
        !std::all_of(it->begin(), it->end(), valid_key))
        return r.fail("invalid_field", "known_templates");
    for (const auto& k : *it)
        m.known_templates.push_back(k.get<std::string>());
}

void read_state_updates(reader& r, entry_fields& m) {
    const auto it = r.object.find("state_updates");
    if (it == r.object.end()) return;
    if (*it == "request")
        m.updates = state_updates::request;
    else if (*it == "full")
        m.updates = state_updates::full;
    else if (*it == "patch")
        m.updates = state_updates::patch;
    else
        r.fail("invalid_field", "state_updates");
}

void read_entry_fields(reader& r, entry_fields& m) {
    read_known_templates(r, m);
    read_state_updates(r, m);
}

std::variant<client_message, wire_error> read_resume(reader& r) {
    resume_message m;
    m.token = r.text("token");
    const auto last = r.object.find("last_seq");
    if (last != r.object.end()) {
        if (!last->is_number_unsigned() &&
            !(last->is_number_integer() && last->get<long long>() >= 0))
            r.fail("invalid_field", "last_seq");
        else
            m.last_seq = last->get<std::uint64_t>();
    }
    read_entry_fields(r, m);
    if (r.error) return *r.error;
    return m;
}

json with_type(const char* type, json fields) {
    fields["type"] = type;
    return fields;
}

} // namespace

wire_error make_error(std::string_view code, std::string id) {
    for (const auto& e : error_texts)
        if (e.code == code)
            return {std::string(e.code), std::string(e.de), std::string(e.en),
                    std::move(id),       std::nullopt,      nullptr};
    return {std::string(code), "Fehler.", "Error.", std::move(id), std::nullopt, nullptr};
}

std::vector<wire_error> all_wire_errors() {
    std::vector<wire_error> all;
    for (const auto& e : error_texts)
        all.push_back(make_error(e.code));
    return all;
}

std::variant<client_message, wire_error> parse_client_message(std::string_view text) {
    const auto doc = json::parse(text, nullptr, false);
    if (doc.is_discarded()) return make_error("invalid_json");
    if (!doc.is_object()) return make_error("invalid_field");
    reader r{doc, std::nullopt};
    const auto type = r.text("type");
    if (r.error) return *r.error;
    if (type == "command") return read_command(r);
    if (type == "resume") return read_resume(r);
    if (type == "ping") {
        const auto t = doc.find("t");
        return ping_message{t == doc.end() ? json() : *t};
    }
    if (type == "snapshot") return snapshot_message{};
    if (type == "minutes") return minutes_message{};
    if (type == "join") {
        join_message m{{}, r.text("invite"), r.text("name")};
        read_entry_fields(r, m);
        if (r.error) return *r.error;
        return m;
    }
    if (type == "create") {
        // A session opened from a registered case takes its format and case code from there.
        const auto registration = doc.find("registration_id");
        const bool registered = registration != doc.end();
        create_message m{{},
                         r.text("format", !registered),
                         r.text("case_code", !registered),
                         r.text("title", false),
                         r.text("name"),
                         std::nullopt,
                         session_mode::meeting,
                         std::nullopt,
                         false};
        read_entry_fields(r, m);
        if (const auto confirmed = doc.find("confirm_identifying"); confirmed != doc.end()) {
            if (!confirmed->is_boolean())
                r.fail("invalid_field", "confirm_identifying");
            else
                m.confirm_identifying = confirmed->get<bool>();
        }
        if (registered) {
            if (!registration->is_number_integer() || registration->get<std::int64_t>() < 1)
                r.fail("invalid_field", "registration_id");
            else
                m.registration_id = registration->get<std::int64_t>();
        }
        if (const auto team = doc.find("team_id"); team != doc.end()) {
            if (!team->is_number_integer())
                r.fail("invalid_field", "team_id");
            else
                m.team_id = team->get<std::int64_t>();
        }
        if (const auto mode = doc.find("mode"); mode != doc.end()) {
            const auto parsed = mode->is_string()
                                    ? session_mode_from_string(mode->get<std::string>())
                                    : std::nullopt;
            if (!parsed)
                r.fail("invalid_field", "mode");
            else
                m.mode = *parsed;
        }
        if (r.error) return *r.error;
        return m;
    }
    if (type == "guest_join") {
        guest_join_message m{{}, r.text("invitation"), r.text("name")};
        read_entry_fields(r, m);
        if (r.error) return *r.error;
        return m;
    }
    return make_error("unknown_type", r.id());
}

std::string welcome_frame(const json& fields, const std::string& state_json) {
    // The state is spliced in already serialised: it is by far the largest part, and a burst of
    // reconnects would otherwise serialise the same state once per client.
    auto frame = with_type("welcome", fields).dump();
    frame.pop_back(); // the closing brace
    return frame + ",\"state\":" + state_json + "}";
}

bool entry_fields::knows(const std::string& key) const {
    return std::find(known_templates.begin(), known_templates.end(), key) != known_templates.end();
}

std::string event_text(const event& e, const format_template& format) {
    auto j = to_json(e);
    if (e.type == "session_created") {
        j["data"].erase("template");
        j["data"]["template_key"] = format.client_key;
    }
    // Ratings stay hidden until the reveal (see prognosis in the state); the stored event keeps it.
    if (e.type == "prognosis_given") j["data"].erase("rating");
    auto text = j.dump();
    // A room keeps every event's text for its lifetime; dump() leaves up to twice the capacity.
    text.shrink_to_fit();
    return text;
}

std::string events_frame(std::vector<std::string>::const_iterator first,
                         std::vector<std::string>::const_iterator last,
                         std::string_view state_fields) {
    std::size_t size = 32 + state_fields.size();
    for (auto it = first; it != last; ++it)
        size += it->size() + 1;
    std::string frame;
    frame.reserve(size);
    frame += R"({"events":[)";
    for (auto it = first; it != last; ++it) {
        if (it != first) frame += ',';
        frame += *it;
    }
    frame += ']';
    frame += state_fields;
    frame += R"(,"type":"events"})";
    return frame;
}

std::string ack_frame(const std::string& id, const std::vector<std::uint64_t>& seqs) {
    return json{{"type", "ack"}, {"id", id}, {"seqs", seqs}}.dump();
}

std::string rejected_frame(const std::string& id, const rejection& why) {
    return json{{"type", "rejected"},
                {"id", id},
                {"code", why.code},
                {"message", why.message_de},
                {"message_en", why.message_en}}
        .dump();
}

std::string error_frame(const wire_error& error) {
    json frame{{"type", "error"},
               {"code", error.code},
               {"message", error.message_de},
               {"message_en", error.message_en}};
    if (!error.id.empty()) frame["id"] = error.id;
    if (error.retry_after_ms) frame["retry_after_ms"] = *error.retry_after_ms;
    if (!error.findings.is_null()) frame["findings"] = error.findings;
    return frame.dump();
}

std::string pong_frame(const json& t, millis server_time) {
    return json{{"type", "pong"}, {"t", t}, {"server_time", server_time}}.dump();
}

std::string presence_frame(const std::vector<std::string>& online) {
    return json{{"type", "presence"}, {"online", online}}.dump();
}

std::string state_frame(const std::string& state_json, std::uint64_t last_seq) {
    return "{\"last_seq\":" + std::to_string(last_seq) + ",\"state\":" + state_json +
           ",\"type\":\"state\"}";
}

std::string minutes_frame(const json& minutes, const std::string& markdown,
                          const json& identifying) {
    json frame{{"type", "minutes"},
               {"approved", minutes.value("approved", false)},
               {"minutes", minutes},
               {"markdown", markdown}};
    if (!identifying.is_null()) frame["identifying"] = identifying;
    return frame.dump();
}

} // namespace casecircle::protocol::wire
