#include "db/event_writer.hpp"

#include <algorithm>
#include <pqxx/pqxx>

namespace casecircle::db {
namespace {

using steady = std::chrono::steady_clock;

// room_fence's SQLSTATE (migration 012).
constexpr const char* lease_over_state = "CC001";

std::string quoted_or_null(pqxx::transaction_base& tx, const std::string& text) {
    return text.empty() ? "NULL" : tx.quote(text);
}

std::string number_or_null(const std::optional<std::int64_t>& n) {
    return n ? std::to_string(*n) : "NULL";
}

void add_tuple(std::string& list, const std::string& tuple) {
    list += (list.empty() ? "(" : ",(") + tuple + ")";
}

struct batch_values {
    std::string rooms, leases, fences, members, events, rejections, ended, archive, redeemed,
        closures;
};

// Closing and revoking: how the session ended for good, and whose tokens stop working.
std::string closure_sql(pqxx::transaction_base& tx, const append_request& req) {
    const auto room = tx.quote(req.room_id);
    std::string sql;
    if (!req.revoked.empty()) {
        std::string ids;
        for (const auto& pid : req.revoked)
            ids += (ids.empty() ? "" : ",") + tx.quote(pid);
        sql += "UPDATE room_members SET revoked_at = now() WHERE room_id = " + room +
               " AND revoked_at IS NULL AND participant_id IN (" + ids + ");";
    }
    if (!req.closes) return sql;
    const auto& c = *req.closes;
    sql += "UPDATE rooms SET closed_at = now(), closed_as = " + tx.quote(c.closed_as) +
           " WHERE room_id = " + room + ";";
    if (c.closed_as != "approved")
        sql += "INSERT INTO session_closures (room_id, team_id, format, closed_as, reason, note) "
               "VALUES (" +
               room + "," + number_or_null(c.team_id) + "," + tx.quote(c.format) + "," +
               tx.quote(c.closed_as) + "," + tx.quote(c.reason) + "," + tx.quote(c.note) + ");";
    return sql;
}

// `events` false (benchmarks with --event-log memory): only rooms and credentials.
void add_request(pqxx::transaction_base& tx, const append_request& req, const lease_holder& lease,
                 bool events, batch_values& v) {
    const auto room = tx.quote(req.room_id);
    if (req.new_room) {
        const auto& r = *req.new_room;
        add_tuple(v.rooms, tx.quote(r.room_id) + "," + tx.quote(r.format) + "," +
                               tx.quote(r.case_code) + "," + tx.quote(r.title) + "," +
                               tx.quote(r.invite_hash) + "," + number_or_null(r.team_id) + "," +
                               number_or_null(r.created_by) + "," +
                               number_or_null(r.registration_id) + "," + tx.quote(r.mode));
        add_tuple(v.leases, room + "," + tx.quote(lease.node) + ",1,now() + " +
                                std::to_string(lease.ttl.count()) + " * interval '1 ms'");
    }
    v.fences += std::string(v.fences.empty() ? "SELECT " : ",") + "room_fence(" + room + "," +
                std::to_string(req.lease_epoch) + ")";
    for (const auto& m : req.new_members)
        if (!m.invitation_hash.empty())
            v.redeemed += "SELECT redeem_guest_invitation(" + tx.quote(m.invitation_hash) + ");";
    for (const auto& m : req.new_members)
        add_tuple(v.members, room + "," + tx.quote(m.participant_id) + "," +
                                 tx.quote(m.token_hash) + "," + number_or_null(m.user_id) + "," +
                                 (m.guest ? "true" : "false"));
    if (!events) return;
    for (const auto& [e, command_id] : req.rows)
        add_tuple(v.events, room + "," + std::to_string(e.seq) + "," + std::to_string(e.at) + "," +
                                tx.quote(e.actor) + "," + tx.quote(e.type) + "," +
                                tx.quote(e.data.dump()) + "::jsonb," +
                                quoted_or_null(tx, command_id));
    for (const auto& j : req.rejections)
        add_tuple(v.rejections, room + "," + tx.quote(j.actor) + "," + tx.quote(j.command_id) +
                                    "," + tx.quote(j.code) + "," + tx.quote(j.message_de) + "," +
                                    tx.quote(j.message_en));
    if (req.ends_room) v.ended += (v.ended.empty() ? "" : ",") + room;
    if (req.archive) v.archive += archive_insert_sql(tx, *req.archive);
    v.closures += closure_sql(tx, req);
}

std::string insert_sql(const char* into, const std::string& values, const char* tail = "") {
    if (values.empty()) return {};
    return std::string("INSERT INTO ") + into + " VALUES " + values + tail + ";";
}

// One multi-statement string, so that a whole batch costs a single round trip.
std::string batch_sql(pqxx::transaction_base& tx, std::span<const append_request> batch,
                      const lease_holder& lease, bool events) {
    batch_values v;
    for (const auto& req : batch)
        add_request(tx, req, lease, events, v);
    // A refusal that is already stored (the same command refused before an unclear commit) is
    // the same refusal.
    auto sql =
        insert_sql("rooms (room_id, format, case_code, title, invite_hash, team_id, created_by, "
                   "registration_id, mode)",
                   v.rooms) +
        insert_sql("room_leases (room_id, node, epoch, expires_at)", v.leases) + v.fences + ";" +
        insert_sql("room_members (room_id, participant_id, token_hash, user_id, guest)",
                   v.members) +
        insert_sql("room_events (room_id, seq, at_ms, actor, type, data, command_id)", v.events) +
        insert_sql("room_rejections (room_id, actor, command_id, code, message_de, message_en)",
                   v.rejections, " ON CONFLICT DO NOTHING");
    if (!v.ended.empty())
        sql += "UPDATE rooms SET ended_at = now() WHERE room_id IN (" + v.ended + ");";
    // Last: the minutes refer to a room that may be new in this batch.
    return sql + v.closures + v.redeemed + v.archive;
}

} // namespace

event_writer::event_writer(connection_settings settings, lease_holder leases,
                           std::function<void(const batch_observation&)> observe, error_sink report,
                           bool durable)
    : conn_(std::move(settings)), leases_(std::move(leases)), observe_(std::move(observe)),
      report_(std::move(report)), durable_(durable), thread_([this] { run(); }) {}

event_writer::~event_writer() {
    stop();
}

void event_writer::append(append_request request) {
    {
        std::lock_guard lock(mutex_);
        queue_.push_back(std::move(request));
    }
    wake_.notify_one();
}

std::size_t event_writer::waiting() const {
    std::lock_guard lock(mutex_);
    return queue_.size();
}

void event_writer::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable()) thread_.join();
}

void event_writer::run() {
    std::vector<append_request> batch;
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return;
            batch.swap(queue_);
        }
        const auto started = steady::now();
        bool split = false;
        const auto committed = commit(batch, split);
        std::size_t events = 0, failed = 0, fenced = 0;
        for (std::size_t i = 0; i < batch.size(); ++i) {
            const bool ok = committed[i] == commit_result::committed;
            events += ok ? batch[i].rows.size() : 0;
            failed += ok ? 0 : 1;
            fenced += committed[i] == commit_result::lease_lost ? 1 : 0;
        }
        last_batch_ok_ = failed == fenced;
        if (observe_)
            observe_(
                {batch.size(), events,
                 std::chrono::duration_cast<std::chrono::microseconds>(steady::now() - started),
                 failed, split, fenced});
        for (std::size_t i = 0; i < batch.size(); ++i)
            if (batch[i].done) batch[i].done(committed[i]);
        batch.clear();
    }
}

event_writer::attempt event_writer::try_commit(std::span<const append_request> requests) {
    auto* conn = conn_.get();
    if (!conn) return attempt::connection_lost;
    try {
        lazy_connection::guarded_call bounded(conn_);
        pqxx::work tx(*conn);
        const auto sql = batch_sql(tx, requests, leases_, durable_);
        if (!sql.empty()) tx.exec(sql); // its last statement may be a redemption's empty row
        tx.commit();
        return attempt::committed;
    } catch (const pqxx::broken_connection& e) {
        drop_broken(conn_, report_, "storage_connection", e.what());
    } catch (const pqxx::in_doubt_error& e) {
        // The commit may or may not have landed: the rooms read back what is stored.
        drop_broken(conn_, report_, "commit_in_doubt", e.what());
    } catch (const pqxx::sql_error& e) {
        // The room's lease was taken over (room_fence): not an error of this process's making.
        if (e.sqlstate() == lease_over_state) return attempt::fenced;
        report_("commit_refused", e.what());
        conn_.reset_if_broken();
        return attempt::refused;
    } catch (const std::exception& e) {
        report_("commit_refused", e.what());
        conn_.reset_if_broken();
        return attempt::refused;
    }
    return attempt::connection_lost;
}

std::vector<commit_result> event_writer::commit(const std::vector<append_request>& batch,
                                                bool& split) {
    const auto writes_credentials = [](const append_request& r) {
        return r.new_room || !r.new_members.empty();
    };
    if (!durable_ && std::none_of(batch.begin(), batch.end(), writes_credentials))
        return std::vector<commit_result>(batch.size(), commit_result::committed);
    const auto result_of = [](attempt a) {
        return a == attempt::committed ? commit_result::committed
               : a == attempt::fenced  ? commit_result::lease_lost
                                       : commit_result::not_committed;
    };
    const auto together = try_commit(batch);
    split = (together == attempt::refused || together == attempt::fenced) && batch.size() > 1;
    std::vector<commit_result> results(batch.size(), result_of(together));
    // One request was refused (a seq already stored, a room taken over): the others must not pay.
    for (std::size_t i = 0; split && i < batch.size(); ++i)
        results[i] = result_of(try_commit({&batch[i], 1}));
    return results;
}

} // namespace casecircle::db
