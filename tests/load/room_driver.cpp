#include "tests/load/room_driver.hpp"

#include "tests/load/spawn.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace casecircle::load {

namespace asio = boost::asio;
using json = nlohmann::json;

namespace {

// Of the state in a welcome the generator needs only the format's key. Parsing 2,000 welcomes
// whole at once made the generator, not the server, set the end of the resume storm (a third of
// its CPU), so the state, located by the scan every frame gets anyway, is left out of the parse.
json parse_answer(std::string_view frame, const frame_summary& scan) {
    if (scan.state_end == std::string_view::npos) return json::parse(frame, nullptr, false);
    auto answer = json::parse(std::string(frame.substr(0, scan.state_begin)) + "{}" +
                                  std::string(frame.substr(scan.state_end)),
                              nullptr, false);
    if (!answer.is_discarded() && !scan.template_key.empty())
        answer["state"]["template_key"] = std::string(scan.template_key);
    return answer;
}

bool is_answer(std::string_view type) {
    return type == "ack" || type == "rejected" || type == "error";
}

std::string card_frame(const std::string& id, const std::string& category,
                       const std::string& text) {
    // Built by hand: the text is plain ASCII, and the generator must stay cheap per card.
    return R"({"type":"command","id":")" + id + R"(","command":"add_card","fields":{"category":")" +
           category + R"(","text":")" + text + R"("}})";
}

// Spreads the members' first sends over one interval, so that rooms do not fire in lockstep.
steady::duration phase_offset(std::size_t room, std::size_t member, steady::duration interval) {
    const auto spread = (room * 7919 + member * 104729) % 1000;
    return interval * static_cast<long>(spread) / 1000;
}

// The pings' phase, spread differently from the cards': a browser's ping timer starts at its
// welcome, so in a running session the members' pings fall anywhere in the period.
steady::duration ping_offset(std::size_t room, std::size_t member, steady::duration period) {
    const auto spread = (room * 15485863 + member * 32452843 + 4447) % 1000;
    return period * static_cast<long>(spread) / 1000;
}

std::int64_t unix_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string base36(std::uint64_t n) {
    std::string digits;
    do
        digits.insert(digits.begin(), "0123456789abcdefghijklmnopqrstuvwxyz"[n % 36]);
    while (n /= 36);
    return digits;
}

std::string ping_frame() {
    return R"({"type":"ping","t":)" + std::to_string(unix_ms()) + "}";
}

const char* state_updates_of(traffic_kind t) {
    return t == traffic_kind::browser        ? "patch"
           : t == traffic_kind::browser_full ? "full"
                                             : nullptr;
}

} // namespace

room_driver::room_driver(asio::any_io_executor ex, const load_options& options,
                         asio::ip::tcp::endpoint server, std::size_t index)
    : ex_(std::move(ex)), options_(options), server_(std::move(server)), index_(index),
      members_(options.participants) {}

std::size_t room_driver::connected() const {
    std::size_t n = 0;
    for (const auto& m : members_)
        n += m.ws && m.ws->is_open();
    return n;
}

asio::awaitable<void> room_driver::set_up() {
    auto& moderator = members_[0];
    const json create = {{"type", "create"},
                         {"format", options_.format},
                         {"case_code", "LAST-" + std::to_string(index_ + 1)},
                         {"title", "Lasttest"},
                         {"name", "Moderation " + std::to_string(index_ + 1)}};
    if (!co_await enter(moderator, entry_frame(create, moderator), true)) co_return;
    // Behind nginx the create landed on any node: the moderator comes back through the room's
    // own node before anyone joins, so that no join moves the room (one node: the same node).
    if (!co_await enter(moderator, resume_frame(moderator), false)) co_return;
    for (std::size_t i = 1; i < members_.size(); ++i) {
        // Like browsers that met the format before, the others name the key the moderator got.
        members_[i].template_key = moderator.template_key;
        const json join = {
            {"type", "join"}, {"invite", invite_}, {"name", "Teilnahme " + std::to_string(i + 1)}};
        if (!co_await enter(members_[i], entry_frame(join, members_[i]), true)) co_return;
    }
    // Named, not braced inside co_await: GCC 12 miscompiles initializer lists there.
    const json presenter = {{"participant_id", "p2"}, {"role", "presenter"}};
    if (!co_await command(moderator, "assign_role", presenter)) co_return;
    if (!co_await command(moderator, "start", json::object())) co_return;
    for (unsigned step = 0; step < options_.steps_forward; ++step)
        if (!co_await command(moderator, "next_step", json::object())) co_return;
    for (auto& m : members_)
        m.ws->trim();
    // Reading from here on drains the setup's broadcasts before the measured window opens.
    start_read_loops();
    ready_ = true;
}

asio::awaitable<bool> room_driver::enter(member& m, json entry_frame, bool take_seq) {
    std::optional<json> answer;
    // As the browser does behind nginx (issue #18): the room in the URL once it is known, and the
    // same entry again while another node still hands the room over (room_elsewhere).
    for (int attempt = 0; attempt < 100; ++attempt) {
        m.ws = std::make_shared<ws_client>(ex_);
        m.joined = m.snapshot_in_flight = false; // a new connection, as connection.js's onClose
        const auto target = room_id_.empty() ? std::string("/ws") : "/ws?room=" + room_id_;
        if (auto ec = co_await m.ws->connect(server_, target)) {
            ++stats_.setup_failures;
            stats_.fail("connect: " + ec.message());
            co_return false;
        }
        if (auto ec = co_await m.ws->send(entry_frame.dump())) {
            ++stats_.setup_failures;
            stats_.fail("send entry: " + ec.message());
            co_return false;
        }
        answer = co_await read_answer(m, "");
        if (!answer || answer->value("code", "") != "room_elsewhere") break;
        co_await wait_until(steady::now() +
                            std::chrono::milliseconds(answer->value("retry_after_ms", 100)));
    }
    if (!answer || answer->value("type", "") != "welcome") {
        ++stats_.setup_failures;
        stats_.fail("entry refused: " + (answer ? answer->dump() : "connection closed"));
        co_return false;
    }
    if (answer->contains("room_id")) room_id_ = answer->value("room_id", "");
    m.participant_id = answer->value("participant_id", "");
    if (answer->contains("token")) m.token = answer->value("token", "");
    if (answer->contains("invite_code")) invite_ = answer->value("invite_code", "");
    if (const auto state = answer->find("state"); state != answer->end() && state->is_object())
        m.template_key = state->value("template_key", "");
    // After a resume the welcome tells the room's position, not what this member has seen.
    if (take_seq) m.last_seq = answer->value("last_seq", std::uint64_t{0});
    co_return true;
}

// What the browser adds to every entry frame (connection.js onOpen): the format keys it holds
// and, since #17, the state updates it wants. Minimal traffic names a format only on resume.
json room_driver::entry_frame(json frame, const member& m) const {
    if (!browser()) return frame;
    frame["known_templates"] =
        m.template_key.empty() ? json::array() : json::array({m.template_key});
    if (const auto updates = state_updates_of(options_.traffic)) frame["state_updates"] = updates;
    return frame;
}

json room_driver::resume_frame(const member& m) const {
    json resume = {{"type", "resume"}, {"token", m.token}, {"last_seq", m.last_seq}};
    if (!m.template_key.empty()) resume["known_templates"] = json::array({m.template_key});
    return entry_frame(std::move(resume), m);
}

// Browser traffic uses ids shaped like the browser's (time, counter and a random part, all
// base 36): they come back in every ack, so their length is part of the bytes per card.
std::string room_driver::command_id(member& m) {
    const auto n = m.next_command++;
    if (!browser()) return "k" + std::to_string(n);
    const auto mix = (index_ * 2654435761u + n * 40503u + m.participant_id.size()) % 1679616u;
    auto random = base36(mix);
    random.insert(0, 4 - std::min<std::size_t>(4, random.size()), '0');
    // Appended, not a + "-" + ...: GCC 12 warns falsely about operator+ on a literal (-Wrestrict).
    auto id = base36(static_cast<std::uint64_t>(unix_ms()));
    id += '-';
    id += base36(n);
    id += '-';
    id += random;
    return id;
}

asio::awaitable<std::optional<json>> room_driver::read_answer(member& m, const std::string& id) {
    for (;;) {
        if (co_await m.ws->read()) co_return std::nullopt;
        const auto frame = m.ws->frame();
        on_frame(m, frame, steady::now());
        const auto type = scan_.type;
        const bool entry =
            id.empty() && (type == "welcome" || type == "rejected" || type == "error");
        if (!entry && !(is_answer(type) && !id.empty())) continue;
        auto parsed = parse_answer(frame, scan_);
        if (parsed.is_discarded()) continue;
        if (entry || parsed.value("id", "") == id) co_return parsed;
    }
}

asio::awaitable<bool> room_driver::command(member& m, const std::string& name, json fields) {
    const auto id = browser() ? command_id(m) : "s" + std::to_string(m.next_command++);
    const json frame = {{"type", "command"}, {"id", id}, {"command", name}, {"fields", fields}};
    if (co_await m.ws->send(frame.dump())) {
        ++stats_.setup_failures;
        stats_.fail(name + ": send failed");
        co_return false;
    }
    const auto answer = co_await read_answer(m, id);
    if (!answer || answer->value("type", "") != "ack") {
        ++stats_.setup_failures;
        stats_.fail(name + ": " + (answer ? answer->dump() : "connection closed"));
        co_return false;
    }
    co_return true;
}

void room_driver::start_read_loops() {
    for (std::size_t i = 0; i < members_.size(); ++i)
        spawn(ex_, read_loop(i, members_[i].ws, members_[i].generation));
}

asio::awaitable<void> room_driver::read_loop(std::size_t index, std::shared_ptr<ws_client> ws,
                                             unsigned generation) {
    for (;;) {
        const auto ec = co_await ws->read();
        auto& m = members_[index];
        if (m.generation != generation) co_return;
        if (ec) {
            ++stats_.disconnects;
            stats_.fail("disconnected: " + ec.message());
            co_return;
        }
        on_frame(m, ws->frame(), steady::now());
    }
}

asio::awaitable<void> room_driver::run(steady::time_point start, steady::time_point stop,
                                       steady::time_point drain_until) {
    // The window opens at start, not now: setup broadcasts may still be on their way in.
    co_await wait_until(start);
    phase_ = phase::sending;
    window_end_ = stop;
    const bool pings = browser() && options_.ping_seconds > 0;
    if (options_.rate > 0 || pings) {
        async_latch senders(ex_, members_.size() * ((options_.rate > 0) + pings));
        for (std::size_t i = 0; i < members_.size(); ++i) {
            if (options_.rate > 0) spawn(ex_, send_cards(i, start, stop, senders));
            if (pings) spawn(ex_, send_pings(i, start, stop, senders));
        }
        co_await senders.wait();
    }
    if (options_.rate == 0) co_await wait_until(stop);
    while ((!in_flight_.empty() || unanswered_ > 0) && steady::now() < drain_until)
        co_await wait_until(std::min(drain_until, steady::now() + std::chrono::milliseconds(5)));
    stats_.tags_lost += in_flight_.size();
    in_flight_.clear();
}

asio::awaitable<void> room_driver::send_cards(std::size_t index, steady::time_point start,
                                              steady::time_point stop, async_latch& done) {
    auto& m = members_[index];
    const auto interval = std::chrono::duration_cast<steady::duration>(
        std::chrono::duration<double>(1.0 / options_.rate));
    // Open loop: sends follow the schedule, not the answers, so a slow server cannot slow the
    // offered load down and hide its own latency.
    auto next = start + phase_offset(index_, index, interval);
    while (next < stop && m.ws && m.ws->is_open()) {
        co_await wait_until(next);
        next += interval;
        const auto tag = next_tag_++;
        const auto frame = card_frame(command_id(m), options_.category,
                                      tagged_card_text(tag, options_.card_bytes));
        in_flight_[tag] = {steady::now(), members_.size()};
        ++stats_.cards_sent;
        ++unanswered_;
        stats_.bytes_sent_in_window += frame.size();
        if (co_await m.ws->send(frame)) {
            ++stats_.send_failures;
            in_flight_.erase(tag);
            break;
        }
    }
    done.count_down();
}

// connection.js pings every 15 s from the welcome on; here from a phase in the first period, so
// that a run of 20 s holds one or two pings per member and the rate is the browser's.
asio::awaitable<void> room_driver::send_pings(std::size_t index, steady::time_point start,
                                              steady::time_point stop, async_latch& done) {
    const auto period = std::chrono::duration_cast<steady::duration>(
        std::chrono::duration<double>(options_.ping_seconds));
    for (auto next = start + ping_offset(index_, index, period); next < stop; next += period) {
        co_await wait_until(next);
        auto& m = members_[index];
        if (!m.ws || !m.ws->is_open()) break;
        auto frame = ping_frame();
        ++stats_.pings_sent;
        stats_.bytes_sent_in_window += frame.size();
        m.ws->post(std::move(frame));
    }
    done.count_down();
}

asio::awaitable<void> room_driver::wait_until(steady::time_point t) {
    asio::steady_timer timer(ex_, t);
    boost::system::error_code ignored;
    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
}

void room_driver::on_frame(member& m, std::string_view frame, steady::time_point now) {
    scan_frame(frame, scan_);
    ++stats_.frames_received;
    stats_.bytes_received += frame.size();
    const bool in_window = phase_ == phase::sending && now <= window_end_;
    stats_.frames_in_window += in_window;
    stats_.bytes_in_window += in_window ? frame.size() : 0;
    stats_.frames_sending_phase += phase_ == phase::sending;
    if (scan_.type == "welcome") {
        m.joined = true;
        if (scan_.last_seq != frame_summary::none) m.state_seq = scan_.last_seq;
    } else if (scan_.type == "state") {
        // connection.js: the answer to a snapshot request; ask again if events came meanwhile.
        stats_.state_frames += 1;
        stats_.state_frames_in_window += in_window;
        m.snapshot_in_flight = false;
        if (scan_.last_seq != frame_summary::none) m.state_seq = scan_.last_seq;
        if (m.snapshot_wanted) request_snapshot(m, in_window);
    } else if (scan_.type == "pong") {
        ++stats_.pongs;
    }
    if (scan_.type == "events") {
        track_seqs(m);
        if (browser()) follow_state(m, in_window);
        stats_.events_frames_in_window += in_window;
        for (const auto tag : scan_.tags) {
            const auto it = in_flight_.find(tag);
            if (it == in_flight_.end()) continue;
            if (--it->second.waiting_for == 0) {
                stats_.fan_out.record(now - it->second.sent);
                in_flight_.erase(it);
            }
        }
    } else if (phase_ != phase::setup && is_answer(scan_.type)) {
        count_answer(scan_.type, frame, now);
    }
}

void room_driver::track_seqs(member& m) {
    stats_.events_received += scan_.seqs.size();
    for (const auto seq : scan_.seqs) {
        if (seq <= m.last_seq) {
            ++stats_.seq_duplicates;
            continue;
        }
        stats_.seq_gaps += seq - m.last_seq - 1;
        m.last_seq = seq;
    }
}

// What the browser does with an events frame (connection.js, events handler): before #17 it asked
// for a snapshot after every one; now it applies the frame's patch when it starts from the state
// it holds (or takes the frame's whole state) and asks for a snapshot only when it cannot.
void room_driver::follow_state(member& m, bool in_window) {
    if (options_.traffic == traffic_kind::browser_before) return request_snapshot(m, in_window);
    const auto last = scan_.seqs.empty() ? 0 : scan_.seqs.back();
    if (last <= m.state_seq) return; // already in the state this client holds
    const bool usable = options_.traffic == traffic_kind::browser
                            ? scan_.state_patch && scan_.base_seq == m.state_seq
                            : scan_.has_state();
    if (usable) {
        m.state_seq = last;
        return;
    }
    ++stats_.state_misses;
    request_snapshot(m, in_window);
}

void room_driver::request_snapshot(member& m, bool in_window) {
    if (!m.joined || !m.ws || !m.ws->is_open()) return;
    if (m.snapshot_in_flight) {
        m.snapshot_wanted = true;
        return;
    }
    m.snapshot_in_flight = true;
    m.snapshot_wanted = false;
    ++stats_.snapshot_requests;
    stats_.snapshot_requests_in_window += in_window;
    std::string frame = R"({"type":"snapshot"})";
    stats_.bytes_sent_in_window += in_window ? frame.size() : 0;
    m.ws->post(std::move(frame));
}

void room_driver::count_answer(std::string_view type, std::string_view frame,
                               steady::time_point now) {
    if (type == "ack") {
        if (unanswered_ > 0) --unanswered_;
        ++stats_.acks;
        stats_.acks_in_window += phase_ == phase::sending && now <= window_end_;
        return;
    }
    // Refusals are rare; a full parse for their code costs nothing that matters. One without an
    // id answers no card (e.g. a relay refusing a snapshot request) and leaves unanswered_ alone.
    const auto parsed = json::parse(frame, nullptr, false);
    if (unanswered_ > 0 && (parsed.is_discarded() || parsed.contains("id"))) --unanswered_;
    const auto code = parsed.is_discarded() ? std::string("unparsable") : parsed.value("code", "?");
    ++(type == "rejected" ? stats_.rejected : stats_.errors)[code];
}

void room_driver::drop(member& m) {
    ++m.generation;
    m.joined = m.snapshot_in_flight = false;
    if (m.ws) m.ws->drop();
}

asio::awaitable<void> room_driver::prepare_resume_storm(unsigned missed_cards) {
    for (auto& m : members_)
        drop(m);
    auto& moderator = members_[0];
    if (!co_await enter(moderator, resume_frame(moderator), false)) co_return;
    phase_ = phase::setup; // the moderator's acks here are not part of the measured window
    for (unsigned i = 0; i < missed_cards; ++i) {
        const json card = {{"category", options_.category},
                           {"text", "Verpasst " + std::to_string(i + 1)}};
        if (!co_await command(moderator, "add_card", card)) co_return;
    }
    expected_last_seq_ = moderator.last_seq;
    drop(moderator);
}

asio::awaitable<void> room_driver::resume_everyone(steady::time_point since) {
    phase_ = phase::resuming;
    async_latch resumed(ex_, members_.size());
    for (std::size_t i = 0; i < members_.size(); ++i)
        spawn(ex_, resume_one(i, since, resumed));
    co_await resumed.wait();
}

asio::awaitable<void> room_driver::resume_one(std::size_t index, steady::time_point since,
                                              async_latch& done) {
    auto& m = members_[index];
    bool ok = co_await enter(m, resume_frame(m), false);
    // Exactly the missed events follow the welcome; gaps and repeats are counted by track_seqs.
    while (ok && m.last_seq < expected_last_seq_)
        if (co_await m.ws->read())
            ok = false;
        else
            on_frame(m, m.ws->frame(), steady::now());
    if (ok) {
        stats_.resume.record(steady::now() - since);

        ++stats_.resumed;
    } else {
        ++stats_.resume_failures;
        stats_.fail("resume of " + m.participant_id + " failed");
    }
    done.count_down();
}

} // namespace casecircle::load
