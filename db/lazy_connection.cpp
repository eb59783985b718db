#include "db/lazy_connection.hpp"

#include <pqxx/pqxx>

namespace casecircle::db {

void lazy_connection::close_connection::operator()(pqxx::connection_base* conn) const {
    delete static_cast<pqxx::connection*>(conn);
}

lazy_connection::lazy_connection(std::string database_url)
    : database_url_(std::move(database_url)) {}

lazy_connection::~lazy_connection() = default;

pqxx::connection_base* lazy_connection::get() {
    if (conn_ && conn_->is_open()) return conn_.get();
    try {
        conn_.reset(new pqxx::connection(database_url_));
    } catch (const std::exception&) {
        conn_.reset();
    }
    return conn_.get();
}

void lazy_connection::reset() {
    conn_.reset();
}

void lazy_connection::reset_if_broken() {
    if (conn_ && !conn_->is_open()) conn_.reset();
}

} // namespace casecircle::db
