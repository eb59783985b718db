#include "db/notice_listener.hpp"

#include <chrono>
#include <memory>
#include <pqxx/pqxx>
#include <utility>

namespace casecircle::db {
namespace {

class receiver : public pqxx::notification_receiver {
  public:
    receiver(pqxx::connection_base& conn, const std::function<void(const std::string&)>& on)
        : pqxx::notification_receiver(conn, notice_channel), on_(on) {}
    void operator()(const std::string& payload, int) override { on_(payload); }

  private:
    const std::function<void(const std::string&)>& on_;
};

// Short waits, so that stop() is noticed soon.
constexpr long wait_microseconds = 200'000;

} // namespace

void send_notice(pqxx::connection_base& conn, const std::string& payload) {
    pqxx::nontransaction tx(conn);
    tx.exec_params("SELECT pg_notify($1, $2)", std::string(notice_channel), payload);
}

notice_listener::notice_listener(connection_settings settings,
                                 std::function<void(const std::string&)> on_notice,
                                 error_sink report)
    : settings_(std::move(settings)), on_notice_(std::move(on_notice)), report_(std::move(report)),
      thread_([this] { run(); }) {
    // UBSan checks a polymorphic type the first time it meets one, through a pipe; a process out
    // of file descriptors (a connection flood) then reports a false "invalid vptr" and ends. The
    // receiver is met here, before the server accepts anyone (tested by the descriptor flood).
    first_attempt_.get_future().wait_for(settings_.timeout + std::chrono::seconds(1));
}

notice_listener::~notice_listener() {
    stop();
}

void notice_listener::stop() {
    stopping_ = true;
    if (thread_.joinable()) thread_.join();
}

void notice_listener::run() {
    lazy_connection conn(settings_);
    std::unique_ptr<receiver> listening;
    bool tried = false;
    const auto first_done = [&] {
        if (!std::exchange(tried, true)) first_attempt_.set_value();
    };
    while (!stopping_) {
        auto* c = conn.get();
        if (c == nullptr) {
            first_done();
            std::this_thread::sleep_for(std::chrono::microseconds(wait_microseconds));
            continue;
        }
        try {
            if (!listening) listening = std::make_unique<receiver>(*c, on_notice_);
            listening_ = true;
            first_done();
            c->await_notification(0, wait_microseconds);
        } catch (const std::exception& e) {
            listening_ = false;
            listening.reset();
            drop_broken(conn, report_, "notice_listener", e.what());
            first_done();
        }
    }
    first_done();
    listening.reset();
}

} // namespace casecircle::db
