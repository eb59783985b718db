#include "server/api_routes.hpp"

#include "db/audit.hpp"
#include "db/notice_listener.hpp"
#include "protocol/text_rules.hpp"
#include "server/credentials.hpp"

#include <array>
#include <openssl/crypto.h>

namespace casecircle::server {
namespace {

using json = nlohmann::json;

struct api_error_text {
    std::string_view code;
    std::string_view de;
    std::string_view en;
};

// Login errors never say whether the account exists.
constexpr std::array<api_error_text, 40> error_texts{{
    {"login_failed", "Benutzername oder Passwort ist falsch.", "User name or password is wrong."},
    {"too_many_attempts", "Zu viele Anmeldeversuche. Bitte warten Sie 15 Minuten.",
     "Too many login attempts. Please wait 15 minutes."},
    {"login_required", "Bitte melden Sie sich an.", "Please log in."},
    {"csrf_failed", "Die Anfrage kam nicht von dieser Seite und wurde abgelehnt.",
     "The request did not come from this page and was refused."},
    {"forbidden", "Ihre Rolle im Team erlaubt das nicht.",
     "Your role in the team does not allow this."},
    {"not_found", "Nicht gefunden.", "Not found."},
    {"invalid_json", "Die Anfrage ist kein gültiges JSON.", "The request is not valid JSON."},
    {"invalid_field", "Eine Eingabe fehlt oder ist ungültig.", "An input is missing or invalid."},
    {"invalid_filter", "Ein Filter ist ungültig (Datum als JJJJ-MM-TT).",
     "A filter is invalid (dates as YYYY-MM-DD)."},
    {"invalid_role", "Diese Rolle gibt es nicht.", "There is no such role."},
    {"weak_password", "Das Passwort muss mindestens 10 Zeichen lang sein.",
     "The password must be at least 10 characters long."},
    {"username_taken", "Dieser Benutzername ist schon vergeben.", "This user name is taken."},
    {"username_reserved", "Dieser Benutzername ist dem System vorbehalten.",
     "This user name is reserved for the system."},
    {"unknown_user", "Diese Person gehört nicht zum Team.", "This person is not in the team."},
    {"cannot_remove_self",
     "Sich selbst können Sie nicht entfernen oder sperren; das muss eine andere Team-Verwaltung "
     "tun.",
     "You cannot remove or disable yourself; another team admin has to do that."},
    {"member_of_other_teams",
     "Diese Person gehört auch zu anderen Teams. Entfernen Sie sie aus diesem Team, statt das "
     "Konto zu sperren.",
     "This person also belongs to other teams. Remove them from this team instead of disabling "
     "the account."},
    {"account_disabled", "Dieses Konto ist gesperrt. Bitte wenden Sie sich an die Team-Verwaltung.",
     "This account is disabled. Please contact your team admin."},
    {"password_change_required", "Bitte wählen Sie zuerst ein neues Passwort.",
     "Please choose a new password first."},
    {"same_password", "Das neue Passwort muss sich vom bisherigen unterscheiden.",
     "The new password must differ from the current one."},
    {"unknown_invite", "Dieser Einladungscode ist nicht gültig.",
     "This invitation code is not valid."},
    {"invalid_guest_link", "Dieser Gast-Link ist ungültig, abgelaufen oder wurde schon benutzt.",
     "This guest link is invalid, has expired or has been used already."},
    {"not_approved", "Das Protokoll ist noch nicht freigegeben.",
     "The minutes have not been approved yet."},
    {"server_busy", "Der Server ist gerade ausgelastet; bitte in einem Moment erneut versuchen.",
     "The server is busy right now; please try again in a moment."},
    {"storage_unavailable", "Die Datenbank ist gerade nicht erreichbar.",
     "The database cannot be reached right now."},
    {"internal_error", "Ein interner Fehler ist aufgetreten.", "An internal error occurred."},
    {"unknown_series", "Diese Terminreihe gibt es im Team nicht.",
     "The team has no such series of dates."},
    {"unknown_date", "Diesen Termin gibt es im Team nicht.", "The team has no such date."},
    {"unknown_registration", "Diese Fallanmeldung gibt es nicht (mehr).",
     "This case registration does not exist (any more)."},
    {"date_cancelled", "Dieser Termin ist abgesagt.", "This date has been cancelled."},
    {"date_over", "Dieser Termin hat schon stattgefunden.", "This date has already taken place."},
    {"registration_closed",
     "Die Anmeldefrist für diesen Termin ist vorbei. Die Moderation kann den Fall noch "
     "aufnehmen, oder melden Sie ihn für den nächsten Termin an.",
     "Registration for this date has closed. The moderator can still add the case, or register "
     "it for the next date."},
    {"already_registered", "Dieser Fall ist für diesen Termin schon angemeldet.",
     "This case is already registered for this date."},
    {"session_opened",
     "Die Sitzung zu diesem Fall ist schon eröffnet; Bericht und Karten sind jetzt dort.",
     "The session of this case has been opened; the report and cards are there now."},
    {"not_yours", "Nur wer den Fall angemeldet hat oder die Moderation kann das ändern.",
     "Only the person who registered the case or the moderator can change this."},
    {"agenda_mismatch",
     "Die Reihenfolge muss jeden angemeldeten Fall des Termins genau einmal nennen.",
     "The order must name every case registered for the date exactly once."},
    {"limit_reached", "Die Höchstzahl ist erreicht.", "The limit has been reached."},
    {"unknown_calendar_link", "Dieser Kalender-Link ist ungültig oder wurde widerrufen.",
     "This calendar link is invalid or has been revoked."},
    {"unknown_time_zone",
     "Diese Zeitzone ist unbekannt. Bitte den Namen der Zeitzonen-Datenbank angeben, z. B. "
     "Europe/Berlin.",
     "This time zone is unknown. Please give its name in the time zone database, e.g. "
     "Europe/Berlin."},
}};

bool same_secret(const std::string& a, const std::string& b) {
    return a.size() == b.size() && !a.empty() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

// "https://host:port" → "host:port"
std::string origin_host(const std::string& origin) {
    const auto scheme = origin.find("://");
    return scheme == std::string::npos ? origin : origin.substr(scheme + 3);
}

// Valid UTF-8 without control characters (NUL included, which PostgreSQL cannot store).
bool usable_text(const std::string& text) {
    return protocol::clean_text(text, protocol::text_kind::single_line, 0, text.size()).has_value();
}

} // namespace

api_response api_error(unsigned status, std::string_view code) {
    for (const auto& e : error_texts)
        if (e.code == code)
            return json_response(
                {{"error", {{"code", e.code}, {"message", e.de}, {"message_en", e.en}}}}, status);
    return json_response({{"error", {{"code", code}}}}, status);
}

api_response field_error(std::string_view field, std::string_view de, std::string_view en) {
    return json_response(
        {{"error",
          {{"code", "invalid_field"}, {"field", field}, {"message", de}, {"message_en", en}}}},
        400);
}

api_response json_response(const json& body, unsigned status) {
    api_response res;
    res.status = status;
    res.body = body.dump();
    return res;
}

std::optional<api_response> api_call::prepare() {
    // Text goes to PostgreSQL and into JSON answers, which both refuse what is not UTF-8 (the
    // body's JSON parser checks its own); a malformed query is the caller's fault, not ours.
    for (const auto& [key, value] : req.query)
        if (!usable_text(key) || !usable_text(value)) return api_error(400, "invalid_field");
    if (!req.body.empty()) {
        body = json::parse(req.body, nullptr, false);
        if (body.is_discarded() || !body.is_object()) return api_error(400, "invalid_json");
    } else {
        body = json::object();
    }
    if (!req.session_token.empty()) {
        account = db::account_by_session(conn, credential_hash(req.session_token));
        if (account) actor = account->username;
    }
    const bool writes = req.method != "GET" && req.method != "HEAD";
    if (!writes) return std::nullopt;
    // A browser names the page a write comes from; another site's page is refused outright.
    if (!req.origin.empty() && origin_host(req.origin) != req.host)
        return api_error(403, "csrf_failed");
    if (req.path == "/api/login") return std::nullopt;
    if (account && !same_secret(req.csrf_header, account->csrf_token))
        return api_error(403, "csrf_failed");
    return std::nullopt;
}

void api_call::audit(std::optional<std::int64_t> team_id, std::string action, std::string target,
                     json detail) {
    db::record_audit(conn,
                     audit_entry(team_id, std::move(action), std::move(target), std::move(detail)));
}

db::audit_entry api_call::audit_entry(std::optional<std::int64_t> team_id, std::string action,
                                      std::string target, json detail) const {
    return {team_id, actor, std::move(action), std::move(target), req.address, std::move(detail)};
}

api_response api_call::probed(const std::string& target) {
    if (settings != nullptr && settings->count_access_probe) settings->count_access_probe();
    if (probes != nullptr && probes->opens_window(actor, access_probes::clock::now())) {
        if (!account || account->teams.empty()) audit(std::nullopt, "access_probed", target);
        if (account)
            for (const auto& team : account->teams)
                audit(team.team_id, "access_probed", target);
    }
    return api_error(404, "not_found");
}

void api_call::revoke_live_access(std::int64_t user_id) const {
    if (settings != nullptr && settings->revoke_live_access) settings->revoke_live_access(user_id);
    // The other processes on the database send the person away when the notice reaches them.
    // The change itself is committed: should the notice fail, their tokens no longer resume,
    // and only a connection open elsewhere stays until it breaks.
    try {
        db::send_notice(conn, "revoked " + std::to_string(user_id));
    } catch (const std::exception&) {
    }
}

bool path_matches(std::string_view pattern, const std::vector<std::string>& parts, std::size_t from,
                  std::vector<std::int64_t>& ids) {
    std::size_t i = from;
    std::vector<std::int64_t> found;
    while (!pattern.empty()) {
        const auto slash = pattern.find('/');
        const auto segment = pattern.substr(0, slash);
        pattern = slash == std::string_view::npos ? std::string_view() : pattern.substr(slash + 1);
        if (i >= parts.size()) return false;
        if (segment == "*") {
            const auto id = id_in(parts[i]);
            if (!id) return false;
            found.push_back(*id);
        } else if (parts[i] != segment) {
            return false;
        }
        ++i;
    }
    if (i != parts.size()) return false;
    ids = std::move(found);
    return true;
}

std::string api_call::text_field(const char* name) const {
    const auto it = body.find(name);
    return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string api_call::query_value(const char* key) const {
    const auto it = req.query.find(key);
    return it == req.query.end() ? std::string() : it->second;
}

} // namespace casecircle::server
