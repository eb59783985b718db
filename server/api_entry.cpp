// Where a session is served, before its WebSocket opens: behind nginx in front of several
// processes (issue #18) the client names the room in the WebSocket URL, and an invitation code
// alone does not say which room it is.
#include "server/api_routes.hpp"

#include "db/room_log.hpp"
#include "server/credentials.hpp"

namespace casecircle::server {

namespace {

// Only the room's id, which opens nothing by itself; unknown and closed codes get one answer.
api_response room_of_invitation(api_call& call, const std::string& code) {
    if (code.empty() || code.size() > 64) return api_error(404, "unknown_invite");
    const auto room_id =
        db::room_by_invite(call.conn, credential_hash(normalise_invite_code(code)));
    if (!room_id) return api_error(404, "unknown_invite");
    return json_response({{"room_id", *room_id}});
}

} // namespace

std::optional<api_response> invitation_route(api_call& call,
                                             const std::vector<std::string>& parts) {
    if (parts.size() == 3 && parts[1] == "invitations" && call.req.method == "GET")
        return room_of_invitation(call, parts[2]);
    return std::nullopt;
}

} // namespace casecircle::server
