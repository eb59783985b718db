#include "tests/chaos/chaos_room.hpp"

#include "tests/load/spawn.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <charconv>
#include <random>

namespace casecircle::chaos {

namespace asio = boost::asio;
using json = nlohmann::json;
using namespace std::chrono_literals;

namespace {

// Entries refused with room_elsewhere in a row before the setup gives up.
constexpr int max_entry_attempts = 100;

// A welcome carries the whole state (a thousand cards late in the run); of it the client needs
// only the format key, so the state, located by the load generator's scan, is left out of the
// parse: a hundred resumes after each of a hundred kills would otherwise dominate the client.
json parse_frame(std::string_view frame, const load::frame_summary& scan) {
    if (scan.state_end == std::string_view::npos) return json::parse(frame, nullptr, false);
    auto parsed = json::parse(std::string(frame.substr(0, scan.state_begin)) + "{}" +
                                  std::string(frame.substr(scan.state_end)),
                              nullptr, false);
    if (!parsed.is_discarded() && !scan.template_key.empty())
        parsed["state"]["template_key"] = std::string(scan.template_key);
    return parsed;
}

std::optional<std::uint64_t> command_number(const std::string& id) {
    std::uint64_t n = 0;
    if (id.size() < 2 || id[0] != 'c') return std::nullopt;
    const auto [end, ec] = std::from_chars(id.data() + 1, id.data() + id.size(), n);
    if (ec != std::errc{} || end != id.data() + id.size()) return std::nullopt;
    return n;
}

// Errors after which the same command is sent again: the server promises nothing was saved, or
// that it is still working on the command.
bool retryable(const std::string& code) {
    return code == "storage_unavailable" || code == "server_busy" ||
           code == "command_in_progress" || code == "rate_limited" || code == "internal_error";
}

std::string seqs_text(const std::vector<std::uint64_t>& seqs) {
    std::string out;
    for (const auto s : seqs)
        out += (out.empty() ? "" : ",") + std::to_string(s);
    return "[" + out + "]";
}

} // namespace

chaos_room::chaos_room(asio::any_io_executor ex, const chaos_options& options,
                       asio::ip::tcp::endpoint server, std::size_t index, chaos_stats& stats)
    : ex_(std::move(ex)), options_(options), server_(std::move(server)), index_(index),
      stats_(stats), members_(options.participants) {}

std::size_t chaos_room::pending() const {
    std::size_t n = 0;
    for (const auto& m : members_)
        n += m.pending.size();
    return n;
}

std::size_t chaos_room::live() const {
    std::size_t n = 0;
    for (const auto& m : members_)
        n += m.live;
    return n;
}

void chaos_room::fail(std::string what) {
    failure_ = "room " + std::to_string(index_ + 1) + ": " + std::move(what);
}

// ---- setup: plain request and answer, before any fault -------------------------------------

asio::awaitable<bool> chaos_room::set_up() {
    auto& moderator = members_[0];
    const json create = {{"type", "create"},
                         {"format", options_.format},
                         {"case_code", "CHAOS-" + std::to_string(index_ + 1)},
                         {"title", "Chaos"},
                         {"name", "Moderation " + std::to_string(index_ + 1)}};
    if (!co_await enter(moderator, create.dump())) co_return false;
    // Behind nginx the room is served where its id sends its people: the moderator comes back
    // through that node before anyone joins, so that no join moves the room (one node: the same).
    drop(moderator);
    if (!co_await enter(moderator, resume_frame(moderator))) co_return false;
    for (std::size_t i = 1; i < members_.size(); ++i) {
        const json join = {
            {"type", "join"}, {"invite", invite_}, {"name", "Teilnahme " + std::to_string(i + 1)}};
        if (!co_await enter(members_[i], join.dump())) co_return false;
    }
    // Named, not braced inside co_await: GCC 12 miscompiles initializer lists there.
    const json presenter = {{"participant_id", "p2"}, {"role", "presenter"}};
    if (!co_await setup_command(moderator, "assign_role", presenter)) co_return false;
    if (!co_await setup_command(moderator, "start", json::object())) co_return false;
    for (unsigned step = 0; step < options_.steps_forward; ++step)
        if (!co_await setup_command(moderator, "next_step", json::object())) co_return false;
    co_return true;
}

asio::awaitable<bool> chaos_room::enter(member& m, std::string entry_frame) {
    std::optional<json> answer;
    // Behind nginx another node may still hold the room for a moment (room_elsewhere): the
    // same entry on a new connection, after the time the server names.
    for (int attempt = 0; attempt < max_entry_attempts; ++attempt) {
        m.ws = std::make_shared<load::ws_client>(ex_);
        ++m.generation;
        if (auto ec = co_await m.ws->connect(server_, target())) {
            fail("connect: " + ec.message());
            co_return false;
        }
        if (auto ec = co_await m.ws->send(entry_frame)) {
            fail("send entry: " + ec.message());
            co_return false;
        }
        answer = co_await read_entry_answer(m);
        if (!answer || answer->value("code", "") != "room_elsewhere") break;
        ++stats_.entry_refusals["room_elsewhere"];
        co_await sleep(std::chrono::milliseconds(answer->value("retry_after_ms", 100)));
    }
    if (!answer || answer->value("type", "") != "welcome") {
        fail("entry refused: " + (answer ? answer->dump() : std::string("connection closed")));
        co_return false;
    }
    m.participant_id = answer->value("participant_id", "");
    if (answer->contains("token")) m.token = answer->value("token", "");
    if (answer->contains("invite_code")) invite_ = answer->value("invite_code", "");
    if (answer->contains("room_id")) room_id_ = answer->value("room_id", "");
    m.template_key = answer->value("state", json::object()).value("template_key", "");
    m.last_seq = answer->value("last_seq", std::uint64_t{0});
    m.first_seq = m.last_seq + 1;
    m.live = true;
    co_return true;
}

asio::awaitable<std::optional<json>> chaos_room::read_entry_answer(member& m) {
    for (;;) {
        if (co_await m.ws->read()) co_return std::nullopt;
        const auto frame = m.ws->frame();
        load::scan_frame(frame, scan_);
        const auto type = scan_.type;
        if (type == "welcome" || type == "rejected" || type == "error") {
            auto parsed = parse_frame(frame, scan_);
            if (!parsed.is_discarded()) co_return parsed;
        } else {
            on_frame(m, frame);
        }
    }
}

asio::awaitable<bool> chaos_room::setup_command(member& m, const std::string& name, json fields) {
    const auto n = new_command(m, name, std::move(fields), "");
    auto& c = m.commands[n];
    c.queued = false;
    m.outbox.clear();
    c.first_sent = c.last_sent = steady::now();
    ++c.sends;
    if (co_await m.ws->send(c.frame)) {
        fail(name + ": send failed");
        co_return false;
    }
    const auto answer = co_await read_answer(m, "c" + std::to_string(n));
    if (!answer || !c.acked) {
        fail(name + ": " + (answer ? answer->dump() : std::string("connection closed")));
        co_return false;
    }
    co_return true;
}

asio::awaitable<std::optional<json>> chaos_room::read_answer(member& m, const std::string& id) {
    for (;;) {
        if (co_await m.ws->read()) co_return std::nullopt;
        const auto frame = m.ws->frame();
        on_frame(m, frame);
        const auto type = scan_.type;
        if (type != "ack" && type != "rejected" && type != "error") continue;
        auto parsed = json::parse(frame, nullptr, false);
        if (!parsed.is_discarded() && parsed.value("id", "") == id) co_return parsed;
    }
}

// ---- the chaos phase: every member on its own, reconnecting until the end ------------------

void chaos_room::start_sending() {
    sending_ = true;
    const auto now = steady::now();
    const auto interval = std::chrono::duration<double>(1.0 / options_.rate);
    for (std::size_t i = 0; i < members_.size(); ++i) {
        // Spread over one interval, so that the rooms do not fire in lockstep.
        const auto spread = static_cast<double>((index_ * 7919 + i * 104729) % 1000) / 1000.0;
        members_[i].next_card =
            now + std::chrono::duration_cast<steady::duration>(interval * spread);
        ++sessions_running_;
        load::spawn(ex_, session(i));
    }
}

asio::awaitable<void> chaos_room::session(std::size_t i) {
    auto& m = members_[i];
    bool first = true; // the setup's connection is still open and welcomed
    while (!finishing_) {
        if (!first && !co_await reconnect(m)) {
            ++stats_.failed_reconnects;
            co_await sleep(backoff(m.failed_attempts++));
            continue;
        }
        if (first) load::spawn(ex_, read_loop(i, m.ws, m.generation));
        first = false;
        m.failed_attempts = 0;
        co_await send_loop(m, m.generation);
        if (!finishing_) co_await sleep(backoff(0));
    }
    --sessions_running_;
}

asio::awaitable<bool> chaos_room::reconnect(member& m) {
    drop(m);
    m.ws = std::make_shared<load::ws_client>(ex_);
    const auto generation = ++m.generation;
    auto ws = m.ws; // keeps the client alive if a later reconnect replaces m.ws
    // A server that accepted but does not answer (its database stalled) must not hold us forever.
    load::spawn(ex_, watchdog(m, generation, 10s));
    if (co_await ws->connect(server_, target())) co_return false;
    if (co_await ws->send(resume_frame(m))) co_return false;
    const auto answer = co_await read_entry_answer(m);
    if (m.generation != generation || !answer) co_return false;
    if (answer->value("type", "") != "welcome") {
        const auto code = answer->value("code", "?");
        ++stats_.entry_refusals[code];
        // Both are passing: the database is back in a moment, the room moves here in a moment.
        if (code != "storage_unavailable" && code != "room_elsewhere")
            stats_.problem("room " + room_id_ + " " + m.participant_id +
                           ": resume refused: " + answer->dump());
        co_return false;
    }
    const auto room_seq = answer->value("last_seq", std::uint64_t{0});
    if (room_seq < m.last_seq) {
        ++stats_.rooms_gone_back;
        stats_.problem("room " + room_id_ + " " + m.participant_id + ": welcome last_seq " +
                       std::to_string(room_seq) + " below seen " + std::to_string(m.last_seq));
    }
    m.live = true;
    ++stats_.reconnects;
    queue_all_pending(m);
    load::spawn(ex_, read_loop(static_cast<std::size_t>(&m - members_.data()), ws, generation));
    co_return true;
}

std::string chaos_room::target() const {
    return room_id_.empty() ? std::string("/ws") : "/ws?room=" + room_id_;
}

std::string chaos_room::resume_frame(const member& m) const {
    json resume = {{"type", "resume"}, {"token", m.token}, {"last_seq", m.last_seq}};
    if (!m.template_key.empty()) resume["known_templates"] = json::array({m.template_key});
    return resume.dump();
}

asio::awaitable<void> chaos_room::read_loop(std::size_t i, std::shared_ptr<load::ws_client> ws,
                                            unsigned generation) {
    for (;;) {
        const auto ec = co_await ws->read();
        auto& m = members_[i];
        if (m.generation != generation) co_return;
        if (ec) {
            m.live = false;
            ++stats_.disconnects;
            mark_down();
            co_return;
        }
        on_frame(m, ws->frame());
    }
}

asio::awaitable<void> chaos_room::send_loop(member& m, unsigned generation) {
    auto ws = m.ws;
    while (m.generation == generation && m.live && !finishing_) {
        const auto now = steady::now();
        if (hung(m, generation, now)) {
            ++stats_.hung_drops;
            drop(m);
            mark_down();
            co_return;
        }
        queue_due(m, generation, now);
        while (!m.outbox.empty() && m.generation == generation && m.live) {
            const auto n = m.outbox.front();
            m.outbox.pop_front();
            auto& c = m.commands[n];
            c.queued = false;
            if (!m.pending.count(n)) continue;
            if (c.sends == 0) {
                c.first_sent = now;
                ++stats_.first_sends;
            }
            c.last_sent = now;
            c.sent_generation = generation;
            ++c.sends;
            if (co_await ws->send(c.frame)) {
                ++stats_.send_failures;
                drop(m);
                mark_down();
                co_return;
            }
        }
        co_await sleep(50ms);
    }
}

// Nothing answered on this connection for four resend periods: a client gives up on it.
bool chaos_room::hung(const member& m, unsigned generation, steady::time_point now) const {
    if (options_.resend_after_s <= 0) return false;
    const auto limit = std::chrono::duration<double>(4 * options_.resend_after_s);
    for (const auto n : m.pending) {
        const auto& c = m.commands.at(n);
        if (c.sends > 0 && c.sent_generation == generation && now - c.last_sent > limit &&
            c.retry_at == steady::time_point{})
            return true;
    }
    return false;
}

void chaos_room::queue_due(member& m, unsigned generation, steady::time_point now) {
    const auto interval = std::chrono::duration_cast<steady::duration>(
        std::chrono::duration<double>(1.0 / options_.rate));
    const auto cap = options_.cards_per_room / options_.participants;
    if (sending_ && now >= m.next_card && m.cards < cap) {
        // After an outage the schedule goes on from now: no burst of the cards not written.
        m.next_card = std::max(m.next_card + interval, now);
        const auto text = "Chaos R" + std::to_string(index_ + 1) + " " + m.participant_id + " c" +
                          std::to_string(m.next_command);
        const json card = {{"category", options_.category}, {"text", text}};
        new_command(m, "add_card", card, text);
        ++m.cards;
        ++stats_.cards_created;
    }
    const auto timeout = std::chrono::duration<double>(options_.resend_after_s);
    for (const auto n : m.pending) {
        auto& c = m.commands[n];
        if (c.queued || c.sends == 0) continue;
        if (c.retry_at != steady::time_point{}) {
            if (now < c.retry_at) continue;
            c.retry_at = {};
            ++stats_.resends_after_error;
            queue(m, n);
        } else if (options_.resend_after_s > 0 && c.sent_generation == generation &&
                   now - c.last_sent >= timeout) {
            ++stats_.resends_after_timeout;
            queue(m, n);
        }
    }
}

std::uint64_t chaos_room::new_command(member& m, const std::string& name, json fields,
                                      std::string text) {
    const auto n = m.next_command++;
    const json frame = {{"type", "command"},
                        {"id", "c" + std::to_string(n)},
                        {"command", name},
                        {"fields", std::move(fields)}};
    auto& c = m.commands[n];
    c.frame = frame.dump();
    c.name = name;
    c.text = std::move(text);
    m.pending.insert(n);
    queue(m, n);
    return n;
}

void chaos_room::queue(member& m, std::uint64_t n) {
    auto& c = m.commands[n];
    if (c.queued) return;
    c.queued = true;
    m.outbox.push_back(n);
}

void chaos_room::queue_all_pending(member& m) {
    for (const auto n : m.outbox)
        m.commands[n].queued = false;
    m.outbox.clear();
    for (const auto n : m.pending) {
        auto& c = m.commands[n];
        c.retry_at = {};
        if (c.sends > 0) ++stats_.resends_after_reconnect;
        queue(m, n);
    }
}

void chaos_room::drop(member& m) {
    ++m.generation;
    m.live = false;
    if (m.ws) m.ws->drop();
}

asio::awaitable<void> chaos_room::watchdog(member& m, unsigned generation, steady::duration after) {
    co_await sleep(after);
    if (m.generation == generation && !m.live && m.ws) m.ws->drop();
}

asio::awaitable<void> chaos_room::sleep(steady::duration d) {
    asio::steady_timer timer(ex_, d);
    boost::system::error_code ignored;
    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
}

steady::duration chaos_room::backoff(unsigned attempts) const {
    // 100 ms doubling to 2 s, with jitter, so that 150 clients do not knock all at once.
    static thread_local std::minstd_rand random(12345);
    const auto base = std::min(2000, 100 << std::min(attempts, 5u));
    return std::chrono::milliseconds(base / 2 + static_cast<int>(random() % (base / 2 + 1)));
}

void chaos_room::mark_down() {
    if (!finishing_ && !down_since_) down_since_ = steady::now();
}

// ---- frames --------------------------------------------------------------------------------

void chaos_room::on_frame(member& m, std::string_view frame) {
    load::scan_frame(frame, scan_);
    const auto type = scan_.type;
    if (type != "events" && type != "ack" && type != "rejected" && type != "error") return;
    const auto parsed = json::parse(frame, nullptr, false);
    if (parsed.is_discarded()) {
        stats_.problem("unparsable frame: " + std::string(frame.substr(0, 200)));
        return;
    }
    if (type == "events")
        on_events(m, parsed);
    else
        on_answer(m, parsed);
}

void chaos_room::on_events(member& m, const json& frame) {
    for (const auto& e : frame.value("events", json::array())) {
        seen_event seen{e.value("type", ""), e.value("actor", ""), ""};
        if (seen.type == "card_added")
            seen.text = e.value("data", json::object()).value("text", "");
        on_event(m, e.value("seq", std::uint64_t{0}), std::move(seen));
    }
}

void chaos_room::on_event(member& m, std::uint64_t seq, seen_event e) {
    if (seq <= m.last_seq) {
        ++stats_.wire_repeats;
        if (seq >= m.first_seq && !(m.view[seq - m.first_seq] == e)) {
            ++stats_.wire_conflicts;
            stats_.problem("room " + room_id_ + " " + m.participant_id + ": seq " +
                           std::to_string(seq) + " came again as " + e.type + " '" + e.text +
                           "', first as " + m.view[seq - m.first_seq].type + " '" +
                           m.view[seq - m.first_seq].text + "'");
        }
        return;
    }
    if (seq > m.last_seq + 1) {
        stats_.wire_gaps += seq - m.last_seq - 1;
        stats_.problem("room " + room_id_ + " " + m.participant_id + ": after seq " +
                       std::to_string(m.last_seq) + " came " + std::to_string(seq));
    }
    // A gap is kept as placeholders, so that the view stays aligned with the stored log.
    while (m.last_seq + 1 < seq) {
        m.view.push_back({"<missing>", "", ""});
        ++m.last_seq;
    }
    m.view.push_back(std::move(e));
    m.last_seq = seq;
}

void chaos_room::on_answer(member& m, const json& answer) {
    const auto type = answer.value("type", "");
    const auto id = answer.value("id", "");
    const auto n = command_number(id);
    const auto it = n ? m.commands.find(*n) : m.commands.end();
    if (it == m.commands.end()) {
        if (type == "error") ++stats_.errors[answer.value("code", "?") + " (no id)"];
        return;
    }
    auto& c = it->second;
    if (type == "ack") return on_ack(m, *n, c, answer);
    const auto code = answer.value("code", "?");
    if (c.acked) {
        ++stats_.late_answers;
        stats_.problem("room " + room_id_ + " " + m.participant_id + " " + id + ": " + type + " " +
                       code + " after ack " + seqs_text(c.seqs));
        return;
    }
    if (type == "rejected") {
        ++stats_.rejected[code];
        if (m.pending.erase(*n)) c.refused = code;
        return;
    }
    on_error(m, *n, c, code);
}

void chaos_room::on_ack(member& m, std::uint64_t n, command_rec& c, const json& answer) {
    const auto seqs = answer.value("seqs", std::vector<std::uint64_t>{});
    if (c.acked) {
        ++stats_.repeated_acks;
        if (seqs != c.seqs) {
            ++stats_.ack_mismatches;
            stats_.problem("room " + room_id_ + " " + m.participant_id + " c" + std::to_string(n) +
                           ": acked " + seqs_text(c.seqs) + ", then " + seqs_text(seqs));
        }
        return;
    }
    if (!c.refused.empty())
        stats_.problem("room " + room_id_ + " " + m.participant_id + " c" + std::to_string(n) +
                       ": ack after refusal " + c.refused);
    c.acked = true;
    c.seqs = seqs;
    m.pending.erase(n);
    ++stats_.acks;
    const auto now = steady::now();
    if (sending_ && !c.text.empty()) ++stats_.card_acks_while_sending;
    // The room was unavailable from the first failure, or from this command's first send if
    // that was earlier (a stall answers nothing and fails nothing), until this ack.
    auto since = c.first_sent;
    if (down_since_ && *down_since_ < since) since = *down_since_;
    if (now - since > longest_outage_) {
        longest_outage_ = now - since;
        outage_began_ =
            std::chrono::system_clock::now() -
            std::chrono::duration_cast<std::chrono::system_clock::duration>(now - since);
    }
    down_since_.reset();
}

void chaos_room::on_error(member& m, std::uint64_t n, command_rec& c, const std::string& code) {
    ++stats_.errors[code];
    if (!m.pending.count(n)) return;
    if (!retryable(code)) {
        c.refused = code;
        m.pending.erase(n);
        stats_.problem("room " + room_id_ + " " + m.participant_id + " c" + std::to_string(n) +
                       ": error " + code);
        return;
    }
    if (code == "storage_unavailable") mark_down();
    c.retry_at = steady::now() + 300ms;
}

// ---- the end -------------------------------------------------------------------------------

asio::awaitable<void> chaos_room::finish() {
    finishing_ = true;
    for (auto& m : members_)
        drop(m);
    for (int i = 0; i < 300 && sessions_running_ > 0; ++i)
        co_await sleep(50ms);
    for (auto& m : members_)
        co_await catch_up(m);
}

// One more resume: the events this member missed follow the welcome, up to the room's end.
asio::awaitable<void> chaos_room::catch_up(member& m) {
    for (int attempt = 0; attempt < 5 && !m.caught_up; ++attempt) {
        m.ws = std::make_shared<load::ws_client>(ex_);
        const auto generation = ++m.generation;
        auto ws = m.ws;
        load::spawn(ex_, watchdog(m, generation, 15s));
        if (co_await ws->connect(server_, target()) || co_await ws->send(resume_frame(m))) continue;
        const auto answer = co_await read_entry_answer(m);
        if (!answer || answer->value("type", "") != "welcome") {
            co_await sleep(1s);
            continue;
        }
        m.room_last_seq = answer->value("last_seq", std::uint64_t{0});
        while (m.last_seq < m.room_last_seq && !co_await ws->read())
            on_frame(m, ws->frame());
        m.caught_up = m.last_seq >= m.room_last_seq;
        drop(m);
    }
}

} // namespace casecircle::chaos
