#pragma once

#include "tests/chaos/chaos_options.hpp"
#include "tests/chaos/chaos_stats.hpp"
#include "tests/load/frame_scan.hpp"
#include "tests/load/ws_client.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <deque>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace casecircle::chaos {

// One command as its sender knows it: the frame is built once so that every resend is the same.
struct command_rec {
    std::string frame;
    std::string name;
    std::string text; // the card's text, unique in its room; empty for other commands
    steady::time_point first_sent{};
    steady::time_point last_sent{};
    steady::time_point retry_at{}; // after a retryable error: resend from then on
    unsigned sent_generation = 0;  // the connection of the last send
    unsigned sends = 0;
    bool queued = false;
    bool acked = false;
    std::vector<std::uint64_t> seqs;
    std::string refused; // the code of a final refusal
};

// An event as one member received it: enough to compare with the stored log.
struct seen_event {
    std::string type;
    std::string actor;
    std::string text;
    bool operator==(const seen_event&) const = default;
};

struct member {
    std::string participant_id;
    std::string token;
    std::string template_key;
    std::shared_ptr<load::ws_client> ws;
    unsigned generation = 0; // bumped for every new connection, so that stale loops stop
    bool live = false;       // welcomed on the current connection
    std::uint64_t last_seq = 0;
    std::uint64_t first_seq = 1;                   // view[0] is this seq
    std::vector<seen_event> view;                  // every event received, in seq order
    std::map<std::uint64_t, command_rec> commands; // by number; the id is "c<number>"
    std::set<std::uint64_t> pending;               // neither acknowledged nor refused
    std::deque<std::uint64_t> outbox;              // to send on the current connection
    std::uint64_t next_command = 1;
    unsigned cards = 0;
    unsigned failed_attempts = 0; // consecutive, for the backoff
    steady::time_point next_card{};
    bool caught_up = false;          // the final resume delivered everything up to the room's end
    std::uint64_t room_last_seq = 0; // the final welcome's last_seq
};

// A room of the quality-circle format whose members write cards, resend every command until it is
// acknowledged, and reconnect and resume whenever the server or its database goes away. Everything
// runs on one single-threaded executor, so nothing here locks.
class chaos_room {
  public:
    chaos_room(boost::asio::any_io_executor ex, const chaos_options& options,
               boost::asio::ip::tcp::endpoint server, std::size_t index, chaos_stats& stats);

    // Creates the session, lets everyone join and moves to the step where all may write cards.
    boost::asio::awaitable<bool> set_up();
    void start_sending();
    void stop_sending() { sending_ = false; }
    std::size_t pending() const;
    std::size_t live() const;
    // Ends every connection, then each member resumes once more and reads up to the room's end.
    boost::asio::awaitable<void> finish();

    const std::string& room_id() const { return room_id_; }
    std::size_t index() const { return index_; }
    const std::vector<member>& members() const { return members_; }
    steady::duration longest_outage() const { return longest_outage_; }
    // When the longest outage began, on the wall clock, to match it with the run's fault log.
    std::chrono::system_clock::time_point longest_outage_began() const { return outage_began_; }
    std::string last_failure() const { return failure_; }

  private:
    boost::asio::awaitable<bool> enter(member& m, std::string entry_frame);
    boost::asio::awaitable<std::optional<nlohmann::json>> read_entry_answer(member& m);
    boost::asio::awaitable<bool> setup_command(member& m, const std::string& name,
                                               nlohmann::json fields);
    boost::asio::awaitable<std::optional<nlohmann::json>> read_answer(member& m,
                                                                      const std::string& id);
    boost::asio::awaitable<void> session(std::size_t i);
    boost::asio::awaitable<bool> reconnect(member& m);
    boost::asio::awaitable<void> read_loop(std::size_t i, std::shared_ptr<load::ws_client> ws,
                                           unsigned generation);
    boost::asio::awaitable<void> send_loop(member& m, unsigned generation);
    boost::asio::awaitable<void> watchdog(member& m, unsigned generation, steady::duration after);
    boost::asio::awaitable<void> catch_up(member& m);
    boost::asio::awaitable<void> sleep(steady::duration d);

    std::uint64_t new_command(member& m, const std::string& name, nlohmann::json fields,
                              std::string text);
    void queue_due(member& m, unsigned generation, steady::time_point now);
    bool hung(const member& m, unsigned generation, steady::time_point now) const;
    void queue(member& m, std::uint64_t n);
    void queue_all_pending(member& m);
    void drop(member& m);
    void on_frame(member& m, std::string_view frame);
    void on_events(member& m, const nlohmann::json& frame);
    void on_event(member& m, std::uint64_t seq, seen_event e);
    void on_answer(member& m, const nlohmann::json& answer);
    void on_ack(member& m, std::uint64_t n, command_rec& c, const nlohmann::json& answer);
    void on_error(member& m, std::uint64_t n, command_rec& c, const std::string& code);
    void mark_down();
    void fail(std::string what);
    steady::duration backoff(unsigned attempts) const;
    std::string resume_frame(const member& m) const;
    // The WebSocket path: the room once it is known, which nginx routes by.
    std::string target() const;

    boost::asio::any_io_executor ex_;
    const chaos_options& options_;
    boost::asio::ip::tcp::endpoint server_;
    std::size_t index_;
    chaos_stats& stats_;
    std::vector<member> members_;
    std::string room_id_;
    std::string invite_;
    load::frame_summary scan_;
    bool sending_ = false;
    bool finishing_ = false;
    unsigned sessions_running_ = 0;
    std::optional<steady::time_point> down_since_;
    steady::duration longest_outage_{};
    std::chrono::system_clock::time_point outage_began_{};
    std::string failure_;
};

} // namespace casecircle::chaos
