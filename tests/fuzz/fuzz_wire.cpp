// The WebSocket frame decoder (wire::parse_client_message) and the stored-log decoder
// (event_from_json, then the fold): whatever bytes arrive, they are answered with a message or a
// coded error, never a crash, and what the server sends back is valid JSON.
//
// Input: one WebSocket text frame. A JSON array is also read as an event log, the way a room
// loads its events from PostgreSQL.

#include "fuzz_support.hpp"
#include "protocol/engine.hpp"
#include "protocol/minutes_html.hpp"
#include "protocol/wire.hpp"

#include <cstddef>
#include <cstdint>

namespace {

using namespace casecircle;
using namespace casecircle::protocol;
using fuzz::expect;
using nlohmann::json;

void expect_json(const std::string& frame, std::string_view what) {
    expect(json::accept(frame), what, frame.substr(0, 200));
}

void check_error(const wire::wire_error& error) {
    bool known = false;
    for (const auto& e : wire::all_wire_errors())
        known = known || e.code == error.code;
    expect(known, "unknown wire error code", error.code);
    expect_json(wire::error_frame(error), "error frame is not JSON");
}

void check_entry(const wire::entry_fields& m) {
    expect(m.known_templates.size() <= 16, "too many known_templates accepted");
    for (const auto& key : m.known_templates)
        expect(!key.empty() && key.size() <= 128, "bad template key accepted", key);
}

void check_message(const wire::client_message& message) {
    if (const auto* c = std::get_if<wire::command_message>(&message)) {
        expect(!c->id.empty() && c->id.size() <= 64, "command id out of bounds", c->id);
        expect(c->cmd.fields.is_object(), "command fields are not an object");
        expect_json(wire::ack_frame(c->id, {1, 2}), "ack frame is not JSON");
        expect_json(wire::rejected_frame(c->id, all_rejections().front()), "rejected frame");
    } else if (const auto* p = std::get_if<wire::ping_message>(&message)) {
        const auto pong = json::parse(wire::pong_frame(p->t, 1));
        expect(pong.at("t") == p->t, "pong does not echo t");
    } else if (const auto* r = std::get_if<wire::resume_message>(&message)) {
        check_entry(*r);
    } else if (const auto* j = std::get_if<wire::join_message>(&message)) {
        check_entry(*j);
    } else if (const auto* g = std::get_if<wire::guest_join_message>(&message)) {
        check_entry(*g);
    } else if (const auto* c = std::get_if<wire::create_message>(&message)) {
        check_entry(*c);
    }
}

// A log that folds must give a state and minutes that serialise, and each event must survive its
// own JSON form unchanged.
void check_log(const json& doc) {
    std::vector<event> events;
    for (const auto& item : doc) {
        auto e = event_from_json(item);
        if (!e) break;
        const auto back = event_from_json(to_json(*e));
        expect(back && to_json(*back) == to_json(*e), "event does not survive its JSON form");
        events.push_back(std::move(*e));
    }
    auto replayed = replay(events);
    if (!std::holds_alternative<session_state>(replayed)) return;
    const auto& state = std::get<session_state>(replayed);
    expect_json(to_json(state).dump(), "state is not JSON");
    const auto minutes = build_minutes(state);
    (void)render_minutes_markdown(minutes);
    (void)render_minutes_html(minutes);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto parsed = wire::parse_client_message(text);
    if (const auto* error = std::get_if<wire::wire_error>(&parsed)) {
        check_error(*error);
        const auto doc = json::parse(text, nullptr, false);
        if (doc.is_array()) check_log(doc);
    } else {
        check_message(std::get<wire::client_message>(parsed));
    }
    return 0;
}
