#include "db/notice_listener.hpp"

#include <chrono>
#include <memory>
#include <pqxx/pqxx>

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
      thread_([this] { run(); }) {}

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
    while (!stopping_) {
        auto* c = conn.get();
        if (c == nullptr) {
            std::this_thread::sleep_for(std::chrono::microseconds(wait_microseconds));
            continue;
        }
        try {
            if (!listening) listening = std::make_unique<receiver>(*c, on_notice_);
            listening_ = true;
            c->await_notification(0, wait_microseconds);
        } catch (const std::exception& e) {
            listening_ = false;
            listening.reset();
            drop_broken(conn, report_, "notice_listener", e.what());
        }
    }
    listening.reset();
}

} // namespace casecircle::db
