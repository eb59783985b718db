#pragma once

#include "tests/integration/support/ws_client.hpp"

#include <memory>
#include <string>
#include <vector>

namespace casecircle::testing {

// A quality circle over the wire: a moderator who created it, a presenter and participants who
// joined with the invitation code; started and moved to `step`.
struct live_room {
    std::unique_ptr<ws_client> moderator;
    std::unique_ptr<ws_client> presenter;
    std::vector<std::unique_ptr<ws_client>> participants;
    std::string invite;
    std::vector<std::string> tokens; // moderator, presenter, participants
    std::vector<std::string> ids;    // participant ids, same order
    nlohmann::json created;          // the moderator's welcome

    // `cookies`: login cookies for the moderator, the presenter and the participants in that
    // order (missing ones enter without a login, as in an open room). `registration_id`: opened
    // from a case registered for a circle date (0: a new session of `case_code` in `format`).
    live_room(std::uint16_t port, int participant_count, int step,
              const std::string& case_code = "FALL-2026-17",
              const std::vector<std::string>& cookies = {}, std::int64_t registration_id = 0,
              const std::string& format = "qualitaetszirkel");
    std::vector<ws_client*> everyone();
};

} // namespace casecircle::testing
