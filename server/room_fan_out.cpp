// What the members of a room receive from it besides answers to their own frames: the events of
// each committed batch (with the state, whole or as a patch, for clients that asked for it), the
// state on request, and who is online.
#include "server/room.hpp"
#include "server/room_events.hpp"
#include "server/websocket_session.hpp"

#include <boost/asio/steady_timer.hpp>
#include <set>

namespace casecircle::server {

namespace asio = boost::asio;
namespace wire = protocol::wire;
using json = nlohmann::json;

namespace {

constexpr std::chrono::milliseconds presence_settle_time{150};

} // namespace

void room::broadcast_events(std::size_t first_new) {
    if (log_.size() <= first_new) return;
    const auto first = log_.begin() + static_cast<std::ptrdiff_t>(first_new);
    bool full = false, patch = false;
    for (const auto& m : members_) {
        full = full || m.updates == wire::state_updates::full;
        patch = patch || m.updates == wire::state_updates::patch;
    }
    std::string state_fields, patch_fields;
    // Serialised once per batch for every member that asked for it.
    if (patch) patch_fields = patch_fields_since(first_new);
    if (full) state_fields = ",\"state\":" + protocol::to_json(state_).dump();
    std::shared_ptr<const std::string> frames[3];
    const auto frame_for = [&](wire::state_updates mode) {
        auto& frame = frames[static_cast<int>(mode)];
        if (!frame)
            frame = shared_frame(wire::events_frame(first, log_.end(),
                                                    mode == wire::state_updates::full ? state_fields
                                                    : mode == wire::state_updates::patch
                                                        ? patch_fields
                                                        : std::string()));
        return frame;
    };
    for (const auto& m : members_)
        if (auto s = m.session.lock()) s->send(frame_for(m.updates));
}

std::shared_ptr<const std::string> room::snapshot_frame() {
    return shared_frame(wire::state_frame(state_json(), state_.last_seq()));
}

// The patch starts from the state the patch clients hold: the one of the last batch, or of their
// welcome. Without that base (a room just loaded, a log re-read after a failed commit) the frame
// carries no patch and the clients ask for a snapshot.
std::string room::patch_fields_since(std::uint64_t previous_seq) {
    std::string fields;
    if (!patch_base_.empty() && patch_base_seq_ == previous_seq)
        fields = ",\"base_seq\":" + std::to_string(previous_seq) +
                 ",\"state_patch\":" + patch_base_.advance(state_).dump();
    else
        patch_base_.remember(state_);
    patch_base_seq_ = state_.last_seq();
    return fields;
}

const std::string& room::state_json() {
    const auto seq = state_.last_seq();
    const bool text_stale = state_json_seq_ != seq || state_json_.empty();
    const bool base_stale = patch_base_seq_ != seq || patch_base_.empty();
    if (base_stale) {
        patch_base_.remember(state_);
        patch_base_seq_ = seq;
    }
    if (text_stale) {
        state_json_ = protocol::to_json(state_).dump();
        // Kept until the next change, in every idle room: dump() grows by doubling, so without
        // this a 4 KB state holds up to 8 KB.
        state_json_.shrink_to_fit();
        state_json_seq_ = seq;
    }
    return state_json_;
}

void room::broadcast(const std::shared_ptr<const std::string>& frame) {
    for (const auto& m : members_)
        if (auto s = m.session.lock()) s->send(frame);
}

std::vector<std::string> room::online() const {
    std::set<std::string> ids;
    for (const auto& m : members_)
        ids.insert(m.participant_id);
    return {ids.begin(), ids.end()};
}

void room::announce_presence() {
    // A burst of joins, resumes and drops (everyone reconnecting after a network outage) is
    // announced once per room after it settles, not once per member per change: in a storm of
    // 2,000 resumes the presence frames outnumbered the welcomes four to one. The delay is short
    // enough that nobody looks at a stale "online" for long.
    if (presence_due_) return;
    presence_due_ = true;
    auto timer = std::make_shared<asio::steady_timer>(strand_, presence_settle_time);
    timer->async_wait([self = shared_from_this(), timer](const boost::system::error_code&) {
        self->presence_due_ = false;
        self->broadcast(shared_frame(wire::presence_frame(self->online())));
    });
}

} // namespace casecircle::server
