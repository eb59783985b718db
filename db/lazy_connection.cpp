#include "db/lazy_connection.hpp"

#include <pqxx/pqxx>

namespace casecircle::db {

std::string connection_string(const connection_settings& s) {
    const auto ms = std::to_string(s.timeout.count());
    const auto seconds = std::to_string(std::max<long long>(1, s.timeout.count() / 1000));
    // Keepalives find a vanished peer while idle; tcp_user_timeout while data is unacknowledged;
    // statement_timeout bounds work inside PostgreSQL (a lock held by a stalled writer).
    const std::pair<std::string, std::string> params[] = {
        {"application_name", s.application_name},
        {"keepalives", "1"},
        {"keepalives_idle", seconds},
        {"keepalives_interval", "1"},
        {"keepalives_count", "3"},
        {"tcp_user_timeout", ms},
    };
    const bool uri = s.database_url.rfind("postgres://", 0) == 0 ||
                     s.database_url.rfind("postgresql://", 0) == 0;
    std::string out = s.database_url;
    if (uri) {
        char sep = out.find('?') == std::string::npos ? '?' : '&';
        for (const auto& [key, value] : params) {
            out += sep + key + "=" + value;
            sep = '&';
        }
        return out + "&options=-c%20statement_timeout%3D" + ms;
    }
    for (const auto& [key, value] : params)
        out += " " + key + "='" + value + "'";
    return out + " options='-c statement_timeout=" + ms + "'";
}

void lazy_connection::close_connection::operator()(pqxx::connection_base* conn) const {
    delete static_cast<pqxx::connection*>(conn);
}

// The guard is the last resort, for a backend that answers never; a second later than
// statement_timeout, so that PostgreSQL ends what it can end itself, cleanly.
lazy_connection::lazy_connection(connection_settings settings)
    : conninfo_(connection_string(settings)), guard_(settings.timeout + std::chrono::seconds(1)) {}

lazy_connection::~lazy_connection() = default;

pqxx::connection_base* lazy_connection::get() {
    if (conn_ && conn_->is_open()) return conn_.get();
    try {
        conn_.reset(new pqxx::connection(conninfo_));
    } catch (const std::exception&) {
        conn_.reset();
    }
    return conn_.get();
}

void lazy_connection::reset() {
    conn_.reset();
}

bool lazy_connection::reset_if_broken() {
    if (!conn_ || conn_->is_open()) return false;
    conn_.reset();
    return true;
}

lazy_connection::guarded_call::guarded_call(lazy_connection& owner) : owner_(owner) {
    if (owner_.conn_ && owner_.conn_->is_open()) owner_.guard_.arm(owner_.conn_->sock());
}

lazy_connection::guarded_call::~guarded_call() {
    // A connection whose socket the guard cut is of no further use.
    if (owner_.guard_.disarm()) return;
    owner_.conn_.reset();
    owner_.stalled_ = true;
}

} // namespace casecircle::db
