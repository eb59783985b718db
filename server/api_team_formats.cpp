// /api/teams/{team}/formats…: the formats a team can run – the shipped ones and its own. A team
// copies a format (GET one, change it, POST it under its own id), and every save is a new version,
// validated by the engine's parser with every refusal in words. Sessions embed the version they
// ran, so nothing here ever changes a stored version.

#include "db/team_formats.hpp"
#include "protocol/template.hpp"
#include "protocol/template_place.hpp"
#include "server/access.hpp"
#include "server/api_routes.hpp"

#include <variant>

namespace casecircle::server {
namespace {

using json = nlohmann::json;

// The engine's limit on ids (template_parse.cpp).
constexpr std::size_t max_format_id = 40;

// A team's formats share the server's library of ids with the shipped ones: the prefix keeps them
// apart from those and from every other team's.
std::string team_prefix(std::int64_t team_id) {
    return "team" + std::to_string(team_id) + "_";
}

const protocol::template_library* shipped(const api_call& call) {
    return call.settings == nullptr ? nullptr : call.settings->templates;
}

int total_minutes(const json& document) {
    int total = 0;
    for (const auto& step : document.value("steps", json::array()))
        total += step.value("budget_minutes", 0);
    return total;
}

json team_format_json(const db::team_format& f) {
    return {{"id", f.format_id},
            {"version", f.version},
            {"title", f.document.value("title", json::object())},
            {"description", f.document.value("description", json::object())},
            {"step_count", f.document.value("steps", json::array()).size()},
            {"total_minutes", total_minutes(f.document)},
            {"shipped", false},
            {"based_on", f.based_on.empty() ? json(nullptr) : json(f.based_on)},
            {"saved_by", f.saved_by},
            {"saved_at", f.saved_at_ms}};
}

api_response list_formats(api_call& call, std::int64_t team_id) {
    json out = json::array();
    if (const auto* library = shipped(call))
        for (const auto& s : library->list()) {
            auto entry = protocol::summary_json(s);
            entry["version"] = library->find(s.id)->version;
            entry["shipped"] = true;
            entry["based_on"] = nullptr;
            out.push_back(std::move(entry));
        }
    for (const auto& f : db::latest_team_formats(call.conn, team_id))
        out.push_back(team_format_json(f));
    return json_response({{"formats", out}});
}

api_response show_format(api_call& call, std::int64_t team_id, const std::string& id) {
    if (const auto* library = shipped(call))
        if (const auto t = library->find(id))
            return json_response({{"id", t->id},
                                  {"version", t->version},
                                  {"shipped", true},
                                  {"based_on", nullptr},
                                  {"document", t->source}});
    // Another team's id is simply not one of this team's: it answers like an unknown one.
    const auto f = db::latest_team_format(call.conn, team_id, id);
    if (!f) return api_error(404, "not_found");
    auto body = team_format_json(*f);
    body["document"] = f->document;
    return json_response(body);
}

// 400 invalid_format: where (the JSON pointer and in words) and what, in German and English.
api_response format_refusal(const protocol::template_error& e) {
    return json_response({{"error",
                           {{"code", "invalid_format"},
                            {"field", e.path},
                            {"place", e.place_de},
                            {"message", e.what_de()},
                            {"message_en", (e.path.empty() ? "/" : e.path) + ": " + e.message}}}},
                         400);
}

protocol::template_error id_refusal(std::string de, std::string en) {
    return {"", "/id", std::move(en), std::move(de), protocol::place_in_words_de("/id")};
}

// The team's own id for the document: the team writes a name ("unser_zirkel", or the full
// "team7_unser_zirkel" it got back), the server keeps the prefix. A shipped id is refused, so
// that a copy never looks like the original.
std::variant<std::string, protocol::template_error>
team_format_id(const api_call& call, std::int64_t team_id, const json& document) {
    const auto it = document.find("id");
    if (it == document.end() || !it->is_string())
        return id_refusal("muss ein Text sein", "must be a string");
    const auto prefix = team_prefix(team_id);
    auto name = it->get<std::string>();
    if (name.starts_with(prefix)) name.erase(0, prefix.size());
    const auto* library = shipped(call);
    if (library != nullptr && library->find(name))
        return id_refusal("gehört einem mitgelieferten Format; bitte eine eigene Kennung wählen",
                          "belongs to a shipped format; please choose an id of your own");
    if (name.empty() || name.size() > max_format_id - prefix.size()) {
        const auto most = std::to_string(max_format_id - prefix.size());
        return id_refusal("muss 1 bis " + most + " Zeichen lang sein",
                          "must be 1 to " + most + " characters long");
    }
    return prefix + name;
}

// What the copy came from: a shipped format or one of the team's own, "" when not said (a new
// version keeps what the previous one said).
std::optional<std::string> based_on_of(api_call& call, std::int64_t team_id,
                                       const std::optional<db::team_format>& previous) {
    const auto it = call.body.find("based_on");
    if (it == call.body.end() || it->is_null()) return previous ? previous->based_on : "";
    if (!it->is_string()) return std::nullopt;
    const auto based_on = it->get<std::string>();
    const auto* library = shipped(call);
    if (library != nullptr && library->find(based_on)) return based_on;
    if (based_on.starts_with(team_prefix(team_id)) &&
        db::latest_team_format(call.conn, team_id, based_on))
        return based_on;
    return std::nullopt;
}

// Two saves of the same version: the later one would silently drop the earlier one's changes.
api_response format_changed() {
    return json_response({{"error",
                           {{"code", "format_changed"},
                            {"message", "Jemand hat dieses Format gerade gespeichert. Bitte laden "
                                        "Sie es neu und speichern Sie erneut."},
                            {"message_en", "Someone has just saved this format. Please load it "
                                           "again and save once more."}}}},
                         409);
}

api_response save_format(api_call& call, std::int64_t team_id) {
    const auto it = call.body.find("document");
    if (it == call.body.end() || !it->is_object())
        return field_error("document", "Das Format fehlt oder ist kein JSON-Objekt.",
                           "The format is missing or not a JSON object.");
    auto document = *it;
    auto id = team_format_id(call, team_id, document);
    if (auto* refusal = std::get_if<protocol::template_error>(&id)) return format_refusal(*refusal);
    const auto& format_id = std::get<std::string>(id);
    const auto previous = db::latest_team_format(call.conn, team_id, format_id);
    const auto based_on = based_on_of(call, team_id, previous);
    if (!based_on)
        return field_error("based_on",
                           "Das Ausgangsformat ist weder ein mitgeliefertes noch eines des Teams.",
                           "The format copied from is neither a shipped one nor the team's.");
    // The version is the server's: the next one after the latest stored.
    const int version = previous ? previous->version + 1 : 1;
    document["id"] = format_id;
    document["version"] = version;
    const auto parsed = protocol::parse_template("", document);
    if (const auto* error = std::get_if<protocol::template_error>(&parsed))
        return format_refusal(*error);
    const db::team_format f{format_id, version, document, *based_on, {}, 0};
    const auto saved =
        db::save_team_format(call.conn, team_id, f, call.account->user_id,
                             call.audit_entry(team_id, "team_format_saved", format_id,
                                              {{"version", version}, {"based_on", *based_on}}));
    if (saved == db::format_save::version_taken) return format_changed();
    return json_response({{"id", format_id},
                          {"version", version},
                          {"based_on", based_on->empty() ? json(nullptr) : json(*based_on)},
                          {"title", document["title"]}},
                         201);
}

} // namespace

std::optional<api_response> team_format_route(api_call& call,
                                              const std::vector<std::string>& parts) {
    if (parts.size() < 4 || parts.size() > 5 || parts[1] != "teams" || parts[3] != "formats")
        return std::nullopt;
    const auto team_id = id_in(parts[2]);
    if (!team_id) return std::nullopt;
    const auto* membership = call.account->in_team(*team_id);
    if (membership == nullptr) return call.probed(parts[2]); // other teams stay invisible
    const bool one = parts.size() == 5;
    const auto& method = call.req.method;
    if (method == "POST" && !one) {
        // Who runs sessions decides how they run (README, "Who may see and do what").
        if (!team_role_may(membership->role, team_action::moderate))
            return api_error(403, "forbidden");
        return save_format(call, *team_id);
    }
    if (method != "GET") return api_error(404, "not_found");
    if (!team_role_may(membership->role, team_action::read_archive))
        return api_error(403, "forbidden");
    return one ? show_format(call, *team_id, parts[4]) : list_formats(call, *team_id);
}

} // namespace casecircle::server
