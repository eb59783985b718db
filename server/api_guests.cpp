// Guest links: a moderator creates one for a session; the guest, who has no login, reads what
// the link is for before entering – whose session and what kind, never the case.

#include "db/guests.hpp"
#include "server/access.hpp"
#include "server/api_routes.hpp"
#include "server/credentials.hpp"

#include <algorithm>

namespace casecircle::server {
namespace {

using json = nlohmann::json;

constexpr auto guest_link_lifetime = std::chrono::hours(48);

api_response invite_guest(api_call& call, const std::string& room_id) {
    const auto team_id = db::room_team(call.conn, room_id);
    const auto* membership = team_id ? call.account->in_team(*team_id) : nullptr;
    if (membership == nullptr) return api_error(404, "not_found");
    if (!team_role_may(membership->role, team_action::moderate)) return api_error(403, "forbidden");
    const auto invitation = new_token();
    db::create_guest_invitation(call.conn, room_id, call.account->user_id,
                                credential_hash(invitation), guest_link_lifetime);
    call.audit(*team_id, "guest_invited", room_id);
    return json_response({{"invitation", invitation},
                          {"link", "/#/gast/" + invitation},
                          {"expires_in_hours", guest_link_lifetime.count()}},
                         201);
}

// An invitation is a token from new_token(): 64 lower-case hex digits.
bool invitation_shaped(const std::string& s) {
    return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

// Used, expired, unknown and malformed links all get the same answer.
api_response guest_link_info(api_call& call, const std::string& invitation) {
    if (!invitation_shaped(invitation)) return api_error(404, "invalid_guest_link");
    const auto info = db::describe_guest_invitation(call.conn, credential_hash(invitation));
    if (!info) return api_error(404, "invalid_guest_link");
    call.audit(info->team_id, "guest_link_viewed", info->room_id);
    // room_id: for the WebSocket URL, which a proxy in front of several processes routes by.
    return json_response({{"room_id", info->room_id},
                          {"team_name", info->team_name},
                          {"format", info->format},
                          {"invited_by", info->invited_by},
                          {"expires_at", info->expires_at_ms}});
}

} // namespace

std::optional<api_response> guest_link_route(api_call& call,
                                             const std::vector<std::string>& parts) {
    if (parts.size() == 3 && parts[1] == "guest-invitations" && call.req.method == "GET")
        return guest_link_info(call, parts[2]);
    return std::nullopt;
}

std::optional<api_response> room_route(api_call& call, const std::vector<std::string>& parts) {
    if (parts.size() == 4 && parts[1] == "rooms" && parts[3] == "guest-invitations" &&
        call.req.method == "POST")
        return invite_guest(call, parts[2]);
    return std::nullopt;
}

} // namespace casecircle::server
