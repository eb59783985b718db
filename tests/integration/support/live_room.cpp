#include "tests/integration/support/live_room.hpp"

#include <catch2/catch.hpp>

namespace casecircle::testing {

namespace {

std::string cookie_of(const std::vector<std::string>& cookies, std::size_t person) {
    return person < cookies.size() ? cookies[person] : std::string();
}

} // namespace

live_room::live_room(std::uint16_t port, int participant_count, int step,
                     const std::string& case_code, const std::vector<std::string>& cookies,
                     std::int64_t registration_id, const std::string& format) {
    moderator = std::make_unique<ws_client>(port, cookie_of(cookies, 0));
    if (registration_id == 0) {
        created = moderator->create(format, case_code, "Moderatorin M.");
    } else {
        moderator->send(
            {{"type", "create"}, {"registration_id", registration_id}, {"name", "Moderatorin M."}});
        created = moderator->wait_entry();
    }
    INFO(created.dump());
    REQUIRE(created["type"] == "welcome");
    invite = created["invite_code"];
    tokens.push_back(created["token"]);
    ids.push_back(created["participant_id"]);

    presenter = std::make_unique<ws_client>(port, cookie_of(cookies, 1));
    const auto p = presenter->join(invite, "Fallmanagerin F.");
    REQUIRE(p["type"] == "welcome");
    tokens.push_back(p["token"]);
    ids.push_back(p["participant_id"]);
    for (int i = 0; i < participant_count; ++i) {
        auto c = std::make_unique<ws_client>(port, cookie_of(cookies, 2 + i));
        const auto w = c->join(invite, "Kollege " + std::to_string(i + 1));
        REQUIRE(w["type"] == "welcome");
        tokens.push_back(w["token"]);
        ids.push_back(w["participant_id"]);
        participants.push_back(std::move(c));
    }
    REQUIRE(moderator->command("assign_role", {{"participant_id", ids[1]},
                                               {"role", "presenter"}})["type"] == "ack");
    if (step == 0) return;
    REQUIRE(moderator->command("start")["type"] == "ack");
    for (int s = 1; s < step; ++s)
        REQUIRE(moderator->command("next_step")["type"] == "ack");
}

std::vector<ws_client*> live_room::everyone() {
    std::vector<ws_client*> all{moderator.get(), presenter.get()};
    for (auto& p : participants)
        all.push_back(p.get());
    return all;
}

} // namespace casecircle::testing
