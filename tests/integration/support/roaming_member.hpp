#pragma once

#include "tests/integration/support/ws_client.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace casecircle::testing {

// A participant behind nginx who behaves like the browser: the WebSocket names the room
// (/ws?room=…), a refused entry (room_elsewhere) is tried again, and a command not answered
// (the node died, the room moved, storage_unavailable) is sent again with the same id after
// resuming – until it is acknowledged or refused.
class roaming_member {
  public:
    using json = nlohmann::json;
    // Joins with the invitation code: asks any node which room it opens, then enters that room.
    static std::unique_ptr<roaming_member> join(std::uint16_t proxy, const std::string& invite,
                                                const std::string& name);
    // Opens a new session through any node.
    static std::unique_ptr<roaming_member> create(std::uint16_t proxy, const std::string& case_code,
                                                  const std::string& name);

    json command(const std::string& type, const json& fields = json::object());
    // Resumes (again) and returns the welcome.
    json resume();
    // Asks for the minutes, following the room as a command does.
    json minutes();

    const std::string& room_id() const { return room_; }
    const std::string& participant_id() const { return participant_; }
    const std::string& invite() const { return invite_; }
    std::uint64_t seen() const { return seen_; }
    // Every acknowledged command: id -> seqs.
    const std::map<std::string, std::vector<std::uint64_t>>& acks() const { return acks_; }
    // Connections this member had to open again after one broke or its room moved.
    int reconnects() const { return reconnects_; }

  private:
    roaming_member(std::uint16_t proxy, std::string name) : proxy_(proxy), name_(std::move(name)) {}
    // Sends `frame` on a new connection to the room until an entry answer other than
    // room_elsewhere comes.
    json enter(const json& frame);
    void note(const json& welcome);

    std::uint16_t proxy_;
    std::string name_;
    std::string room_, token_, participant_, invite_;
    std::unique_ptr<ws_client> ws_;
    std::uint64_t seen_ = 0;
    int counter_ = 0;
    int reconnects_ = 0;
    std::map<std::string, std::vector<std::uint64_t>> acks_;
};

} // namespace casecircle::testing
