#pragma once

#include "tests/load/async_latch.hpp"
#include "tests/load/frame_scan.hpp"
#include "tests/load/options.hpp"
#include "tests/load/room_stats.hpp"
#include "tests/load/ws_client.hpp"

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_map>
#include <vector>

namespace casecircle::load {

using steady = std::chrono::steady_clock;

// One room and its members, all on one single-threaded executor, so that nothing here locks.
// The first member creates the session and moderates; the others join with the invitation code.
class room_driver {
  public:
    room_driver(boost::asio::any_io_executor ex, const load_options& options,
                boost::asio::ip::tcp::endpoint server, std::size_t index);

    boost::asio::any_io_executor executor() const { return ex_; }
    room_stats& stats() { return stats_; }
    bool ready() const { return ready_; }
    std::size_t connected() const;

    // Connects everyone, opens the session and advances to a step where all may write cards.
    boost::asio::awaitable<void> set_up();
    // Every member writes cards at the configured rate from start until stop, then the room waits
    // until drain_until for the broadcasts still on their way.
    boost::asio::awaitable<void> run(steady::time_point start, steady::time_point stop,
                                     steady::time_point drain_until);
    // Drops every member; the moderator comes back, writes cards the others miss, drops again.
    boost::asio::awaitable<void> prepare_resume_storm(unsigned missed_cards);
    // Everyone reconnects and resumes at once; measured from `since`.
    boost::asio::awaitable<void> resume_everyone(steady::time_point since);

  private:
    struct member {
        std::shared_ptr<ws_client> ws;
        std::string participant_id;
        std::string token;
        // The format a casecircle welcome named; a resume declares it known, as the browser does.
        std::string template_key;
        std::uint64_t last_seq = 0;
        std::uint64_t next_command = 1;
        unsigned generation = 0; // bumped on every drop, so that a stale read loop stops
        // Browser traffic (connection.js): the seq of the state this client holds, and its
        // snapshot request in flight and whether another is wanted when that one is answered.
        bool joined = false;
        std::uint64_t state_seq = 0;
        bool snapshot_in_flight = false;
        bool snapshot_wanted = false;
    };
    enum class phase { setup, sending, resuming };

    boost::asio::awaitable<bool> enter(member& m, nlohmann::json entry_frame, bool take_seq);
    bool browser() const { return options_.traffic != traffic_kind::minimal; }
    nlohmann::json entry_frame(nlohmann::json frame, const member& m) const;
    nlohmann::json resume_frame(const member& m) const;
    std::string command_id(member& m);
    boost::asio::awaitable<std::optional<nlohmann::json>> read_answer(member& m,
                                                                      const std::string& id);
    boost::asio::awaitable<bool> command(member& m, const std::string& name, nlohmann::json fields);
    boost::asio::awaitable<void> read_loop(std::size_t index, std::shared_ptr<ws_client> ws,
                                           unsigned generation);
    boost::asio::awaitable<void> send_cards(std::size_t index, steady::time_point start,
                                            steady::time_point stop, async_latch& done);
    boost::asio::awaitable<void> send_pings(std::size_t index, steady::time_point start,
                                            steady::time_point stop, async_latch& done);
    boost::asio::awaitable<void> resume_one(std::size_t index, steady::time_point since,
                                            async_latch& done);
    boost::asio::awaitable<void> wait_until(steady::time_point t);
    void start_read_loops();
    void drop(member& m);
    void on_frame(member& m, std::string_view frame, steady::time_point now);
    void track_seqs(member& m);
    void follow_state(member& m, bool in_window);
    void request_snapshot(member& m, bool in_window);
    void count_answer(std::string_view type, std::string_view frame, steady::time_point now);

    struct in_flight {
        steady::time_point sent;
        std::size_t waiting_for;
    };

    boost::asio::any_io_executor ex_;
    const load_options& options_;
    boost::asio::ip::tcp::endpoint server_;
    std::size_t index_;
    std::vector<member> members_;
    std::string invite_;
    std::string room_id_; // once known, the WebSocket URL names it (nginx routes by it)
    room_stats stats_;
    frame_summary scan_;
    std::unordered_map<std::uint64_t, in_flight> in_flight_;
    std::uint64_t next_tag_ = 1;
    std::uint64_t unanswered_ = 0; // cards sent whose ack, rejection or error has not come
    std::uint64_t expected_last_seq_ = 0;
    steady::time_point window_end_ = steady::time_point::max();
    phase phase_ = phase::setup;
    bool ready_ = false;
};

} // namespace casecircle::load
