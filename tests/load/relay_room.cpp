#include "tests/load/relay_room.hpp"

#include "tests/load/relay_session.hpp"

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <random>

namespace casecircle::load {
namespace {

using json = nlohmann::json;

std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

frame_ptr shared_frame(std::string text) {
    return std::make_shared<const std::string>(std::move(text));
}

std::string random_hex(std::size_t bytes) {
    thread_local std::mt19937_64 random{std::random_device{}()};
    static const char digits[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < bytes * 2; ++i)
        out += digits[random() % 16];
    return out;
}

} // namespace

std::uint64_t relay_room::append_locked(const std::string& actor, const std::string& type,
                                        const std::string& data_json) {
    const auto seq = log_.size() + 1;
    log_.push_back(R"({"seq":)" + std::to_string(seq) + R"(,"at":)" + std::to_string(now_ms()) +
                   R"(,"actor":)" + json(actor).dump() + R"(,"type":)" + json(type).dump() +
                   R"(,"data":)" + data_json + "}");
    return seq;
}

void relay_room::broadcast_locked(const frame_ptr& frame) {
    for (const auto& weak : members_)
        if (auto member = weak.lock()) member->send(frame);
}

frame_ptr relay_room::welcome_locked(const std::string& participant_id, const std::string& extra) {
    return shared_frame(R"({"type":"welcome","participant_id":")" + participant_id +
                        R"(","server_time":)" + std::to_string(now_ms()) + R"(,"last_seq":)" +
                        std::to_string(log_.size()) + R"(,"state":{})" + extra + "}");
}

std::string relay_room::admit_new(const std::shared_ptr<relay_session>& s, const std::string& name,
                                  const std::string& token, bool creator) {
    std::lock_guard lock(mutex_);
    // Appended, not "p" + ...: GCC 12 warns falsely about operator+ on a literal (-Wrestrict).
    std::string pid = "p";
    pid += std::to_string(next_participant_++);
    auto extra = R"(,"token":")" + token + "\"";
    if (creator) extra += R"(,"invite_code":")" + invite_ + "\"";
    s->send(welcome_locked(pid, extra));
    members_.push_back(s);
    const json data = {{"participant_id", pid}, {"name", name}};
    const auto seq = append_locked(pid, "participant_joined", data.dump());
    broadcast_locked(shared_frame(R"({"type":"events","events":[)" + log_[seq - 1] + "]}"));
    return pid;
}

void relay_room::readmit(const std::shared_ptr<relay_session>& s, const std::string& participant_id,
                         std::uint64_t last_seq) {
    std::lock_guard lock(mutex_);
    s->send(welcome_locked(participant_id, ""));
    members_.push_back(s);
    if (last_seq >= log_.size()) return;
    std::string missed = R"({"type":"events","events":[)";
    for (auto seq = last_seq + 1; seq <= log_.size(); ++seq)
        missed += (seq == last_seq + 1 ? "" : ",") + log_[seq - 1];
    s->send(shared_frame(missed + "]}"));
}

void relay_room::command(const std::shared_ptr<relay_session>& s, const std::string& participant_id,
                         const std::string& id, const std::string& type,
                         const std::string& fields_json) {
    std::lock_guard lock(mutex_);
    const auto seq = append_locked(participant_id, type, fields_json);
    broadcast_locked(shared_frame(R"({"type":"events","events":[)" + log_[seq - 1] + "]}"));
    s->send(shared_frame(R"({"type":"ack","id":)" + json(id).dump() + R"(,"seqs":[)" +
                         std::to_string(seq) + "]}"));
}

void relay_room::snapshot(const std::shared_ptr<relay_session>& s) {
    std::lock_guard lock(mutex_);
    s->send(shared_frame(R"({"type":"state","state":{},"last_seq":)" + std::to_string(log_.size()) +
                         "}"));
}

void relay_room::leave(const relay_session* s) {
    std::lock_guard lock(mutex_);
    std::erase_if(members_, [s](const std::weak_ptr<relay_session>& weak) {
        const auto member = weak.lock();
        return !member || member.get() == s;
    });
}

std::shared_ptr<relay_room> relay_registry::create() {
    std::lock_guard lock(mutex_);
    std::string invite = random_hex(4);
    invite += std::to_string(++counter_);
    auto room = std::make_shared<relay_room>(std::move(invite));
    rooms_[room->invite()] = room;
    return room;
}

std::shared_ptr<relay_room> relay_registry::by_invite(const std::string& invite) {
    std::lock_guard lock(mutex_);
    const auto it = rooms_.find(invite);
    return it == rooms_.end() ? nullptr : it->second;
}

void relay_registry::add_token(const std::string& token, std::shared_ptr<relay_room> room,
                               const std::string& participant_id) {
    std::lock_guard lock(mutex_);
    tokens_[token] = {std::move(room), participant_id};
}

std::pair<std::shared_ptr<relay_room>, std::string>
relay_registry::by_token(const std::string& token) {
    std::lock_guard lock(mutex_);
    const auto it = tokens_.find(token);
    return it == tokens_.end() ? std::pair<std::shared_ptr<relay_room>, std::string>{} : it->second;
}

std::string new_relay_token() {
    return random_hex(32);
}

} // namespace casecircle::load
