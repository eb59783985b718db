#include "tests/load/relay_room.hpp"

#include "tests/load/relay_session.hpp"

#include <algorithm>
#include <boost/asio/post.hpp>
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

frame_ptr relay_room::events_frame_locked(std::uint64_t first_seq) const {
    std::string frame = R"({"type":"events","events":[)";
    for (auto seq = first_seq; seq <= log_.size(); ++seq) {
        if (seq != first_seq) frame += ',';
        frame += log_[seq - 1];
    }
    frame += ']';
    // What casecircle sends a patch client, for a state that is always empty.
    if (patches_)
        frame += R"(,"base_seq":)" + std::to_string(first_seq - 1) + R"(,"state_patch":[])";
    frame += '}';
    return shared_frame(std::move(frame));
}

void relay_room::send_patches() {
    std::lock_guard lock(mutex_);
    patches_ = true;
}

frame_ptr relay_room::welcome_locked(const std::string& participant_id,
                                     const std::string& extra) const {
    return shared_frame(R"({"type":"welcome","participant_id":")" + participant_id +
                        R"(","server_time":)" + std::to_string(now_ms()) + R"(,"last_seq":)" +
                        std::to_string(log_.size()) + R"(,"state":{})" + extra + "}");
}

void relay_room::queue_locked(unsigned loop, delivery d, std::uint64_t& wake) {
    auto& inbox = inbox_[loop];
    inbox.push_back(std::move(d));
    // An inbox that was not empty has its drain coming already.
    if (inbox.size() == 1) wake |= std::uint64_t{1} << loop;
}

void relay_room::broadcast_locked(const frame_ptr& frame, std::uint64_t& wake) {
    for (unsigned loop = 0; loop < inbox_.size(); ++loop)
        if (reached_[loop]) queue_locked(loop, {frame, nullptr}, wake);
}

void relay_room::hand_out(unsigned from, std::uint64_t wake) {
    for (unsigned loop = 0; loop < inbox_.size(); ++loop)
        if (loop != from && (wake >> loop & 1))
            boost::asio::post(loops_.loop(loop),
                              [room = shared_from_this(), loop] { room->drain(loop); });
    drain(from);
}

void relay_room::drain(unsigned loop) {
    auto& batch = draining_[loop];
    {
        std::lock_guard lock(mutex_);
        batch.swap(inbox_[loop]);
    }
    for (auto& d : batch) {
        if (!d.to) {
            for (const auto& member : local_[loop])
                member->enqueue(d.frame);
            continue;
        }
        // A session gone before its welcome got here has already run its leave().
        if (d.enters && !d.to->dropped()) local_[loop].push_back(d.to);
        d.to->enqueue(std::move(d.frame));
    }
    batch.clear();
    // Every session a frame went to is among these (or dropped).
    for (const auto& member : local_[loop])
        member->flush();
}

std::string relay_room::admit_new(const std::shared_ptr<relay_session>& s, const std::string& name,
                                  const std::string& token, bool creator) {
    const auto loop = s->loop();
    // Appended, not "p" + ...: GCC 12 warns falsely about operator+ on a literal (-Wrestrict).
    std::string pid = "p";
    std::uint64_t wake = 0;
    {
        std::lock_guard lock(mutex_);
        pid += std::to_string(next_participant_++);
        auto extra = R"(,"token":")" + token + "\"";
        if (creator) extra += R"(,"invite_code":")" + invite_ + "\"";
        queue_locked(loop, {welcome_locked(pid, extra), s, true}, wake);
        reached_[loop] = true;
        const json data = {{"participant_id", pid}, {"name", name}};
        broadcast_locked(events_frame_locked(append_locked(pid, "participant_joined", data.dump())),
                         wake);
    }
    hand_out(loop, wake);
    return pid;
}

void relay_room::readmit(const std::shared_ptr<relay_session>& s, const std::string& participant_id,
                         std::uint64_t last_seq) {
    const auto loop = s->loop();
    std::uint64_t wake = 0;
    {
        std::lock_guard lock(mutex_);
        queue_locked(loop, {welcome_locked(participant_id, ""), s, true}, wake);
        reached_[loop] = true;
        if (last_seq < log_.size())
            queue_locked(loop, {events_frame_locked(last_seq + 1), s}, wake);
    }
    hand_out(loop, wake);
}

void relay_room::command(const std::shared_ptr<relay_session>& s, const std::string& participant_id,
                         const std::string& id, const std::string& type,
                         const std::string& fields_json) {
    const auto loop = s->loop();
    std::uint64_t wake = 0;
    {
        std::lock_guard lock(mutex_);
        const auto seq = append_locked(participant_id, type, fields_json);
        broadcast_locked(events_frame_locked(seq), wake);
        queue_locked(loop,
                     {shared_frame(R"({"type":"ack","id":)" + json(id).dump() + R"(,"seqs":[)" +
                                   std::to_string(seq) + "]}"),
                      s},
                     wake);
    }
    hand_out(loop, wake);
}

void relay_room::snapshot(const std::shared_ptr<relay_session>& s) {
    const auto loop = s->loop();
    std::uint64_t wake = 0;
    {
        std::lock_guard lock(mutex_);
        queue_locked(loop,
                     {shared_frame(R"({"type":"state","state":{},"last_seq":)" +
                                   std::to_string(log_.size()) + "}"),
                      s},
                     wake);
    }
    hand_out(loop, wake);
}

void relay_room::leave(const relay_session* s) {
    std::erase_if(local_[s->loop()], [s](const auto& member) { return member.get() == s; });
}

std::shared_ptr<relay_room> relay_registry::create() {
    std::lock_guard lock(mutex_);
    std::string invite = random_hex(4);
    invite += std::to_string(++counter_);
    auto room = std::make_shared<relay_room>(std::move(invite), loops_);
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
