#include "db/storage_pool.hpp"

#include <pqxx/pqxx>

namespace casecircle::db {

struct storage_pool::worker {
    explicit worker(connection_settings settings) : conn(std::move(settings)) {}
    lazy_connection conn;
    std::uint64_t epoch = 0; // broken_epoch_ when the connection was last checked
    std::thread thread;
};

storage_pool::storage_pool(connection_settings settings, limits l, error_sink report)
    : report_(std::move(report)), limits_(l) {
    const auto threads = std::max<std::size_t>(2, l.threads);
    for (std::size_t i = 0; i < threads; ++i) {
        workers_.push_back(std::make_unique<worker>(settings));
        auto& w = *workers_.back();
        w.thread = std::thread([this, &w, fast_only = i == 0] { run(w, fast_only); });
    }
}

storage_pool::~storage_pool() {
    stop();
}

bool storage_pool::post(lane l, job j) {
    {
        std::lock_guard lock(mutex_);
        auto& queue = l == lane::fast ? fast_ : normal_;
        if (queue.size() >= limits_.queue_limit) return false;
        queue.push_back(std::move(j));
    }
    wake_.notify_all();
    return true;
}

void storage_pool::post_always(job j) {
    {
        std::lock_guard lock(mutex_);
        fast_.push_back(std::move(j));
    }
    wake_.notify_all();
}

std::size_t storage_pool::waiting(lane l) const {
    std::lock_guard lock(mutex_);
    return (l == lane::fast ? fast_ : normal_).size();
}

void storage_pool::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    for (auto& w : workers_)
        if (w->thread.joinable()) w->thread.join();
}

bool storage_pool::next_job(bool fast_only, job& j) {
    std::unique_lock lock(mutex_);
    wake_.wait(lock,
               [&] { return stopping_ || !fast_.empty() || (!fast_only && !normal_.empty()); });
    if (!fast_.empty()) {
        j = std::move(fast_.front());
        fast_.pop_front();
        return true;
    }
    if (!fast_only && !normal_.empty()) {
        j = std::move(normal_.front());
        normal_.pop_front();
        return true;
    }
    return false; // stopping, and nothing left for this thread
}

void storage_pool::run(worker& w, bool fast_only) {
    job j;
    while (next_job(fast_only, j)) {
        if (const auto epoch = broken_epoch_.load(); w.epoch != epoch) {
            w.conn.reset();
            w.epoch = epoch;
        }
        // A job is expected to handle its own errors; this keeps the thread alive if one does not.
        try {
            auto* conn = w.conn.get();
            // No connection to be had: the database went away, and the other threads' idle
            // connections, opened before, are as dead as this attempt. They drop them before their
            // next job, so that the first request after PostgreSQL is back does not meet one.
            if (conn == nullptr) w.epoch = ++broken_epoch_;
            lazy_connection::guarded_call bounded(w.conn);
            j(conn);
        } catch (const pqxx::broken_connection& e) {
            drop_broken(w.conn, report_, "storage_connection", e.what());
            w.epoch = ++broken_epoch_;
        } catch (const std::exception& e) {
            report_("storage_job", e.what());
        } catch (...) {
            report_("storage_job", "unknown exception");
        }
        // A job that handled its own error still leaves the cut or broken connection behind.
        if (w.conn.take_stall())
            report_("storage_stall", "no answer within the database timeout; connection dropped");
        if (w.conn.reset_if_broken()) w.epoch = ++broken_epoch_;
        j = nullptr;
    }
}

} // namespace casecircle::db
