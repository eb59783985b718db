#include "db/storage_thread.hpp"

#include <iostream>
#include <pqxx/pqxx>

namespace casecircle::db {

storage_thread::storage_thread(std::string database_url)
    : conn_(std::move(database_url)), thread_([this] { run(); }) {}

storage_thread::~storage_thread() {
    stop();
}

void storage_thread::post(job j) {
    {
        std::lock_guard lock(mutex_);
        jobs_.push_back(std::move(j));
    }
    wake_.notify_one();
}

void storage_thread::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable()) thread_.join();
}

void storage_thread::run() {
    for (;;) {
        std::deque<job> batch;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
            if (jobs_.empty()) return;
            batch.swap(jobs_);
        }
        for (auto& j : batch)
            run_one(j);
    }
}

void storage_thread::run_one(job& j) {
    try {
        j(conn_.get());
    } catch (const pqxx::broken_connection&) {
        conn_.reset();
    } catch (const std::exception& e) {
        // A job is expected to handle its own errors; this keeps the thread alive if one does not.
        std::cerr << "casecircle: storage job failed: " << e.what() << '\n';
    }
    conn_.reset_if_broken();
}

} // namespace casecircle::db
