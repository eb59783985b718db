#pragma once

// Shared test helpers: the shipped templates and a session driver that decides and applies
// commands the way the server does (decide, then apply the events it returns).

#include "protocol/engine.hpp"

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

namespace casecircle::protocol::testing {

inline constexpr millis t0 = 1'795'000'000'000; // 2026-11-18 11:06:40 UTC, a fixed "now"
inline constexpr millis minute = 60'000;

template_files shipped_template_files();
const template_library& shipped_templates();
std::shared_ptr<const format_template> shipped(const std::string& id);

class session_driver {
  public:
    explicit session_driver(const std::string& format_id,
                            const std::string& moderator = "Mira Moderatorin",
                            const std::string& case_code = "JC-2026-017",
                            session_mode mode = session_mode::meeting);

    // Decides and applies; returns the outcome so that tests can look at either side.
    outcome run(const std::string& actor, const std::string& type,
                nlohmann::json fields = nlohmann::json::object());
    // Runs a command that must be accepted; returns its events.
    std::vector<event> ok(const std::string& actor, const std::string& type,
                          nlohmann::json fields = nlohmann::json::object());
    // Runs a command that must be refused; returns the code.
    std::string refused(const std::string& actor, const std::string& type,
                        nlohmann::json fields = nlohmann::json::object());

    std::string join(const std::string& name, const std::string& role);
    void advance(millis ms) { now_ += ms; }
    millis now() const { return now_; }
    void go_to_step(int step); // via next_step from the current one (moderator p1)

    const session_state& state() const { return state_; }
    const session_data& data() const { return state_.data(); }
    const std::vector<event>& events() const { return events_; }

  private:
    session_state state_;
    std::vector<event> events_;
    millis now_ = t0;
};

// A quality circle with the five roles: p1 moderator, p2 presenter, p3 participant,
// p4 expert, p5 observer, p6 participant; in a meeting, or in writing.
session_driver qz_with_roles(session_mode mode = session_mode::meeting);

std::string code_of(const outcome& o);

// The driver's log, through its stored JSON form (as a room is loaded after a restart), replays
// to the same state and the same minutes.
void check_stored_log_replays(const session_driver& s);

} // namespace casecircle::protocol::testing
