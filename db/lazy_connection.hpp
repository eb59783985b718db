#pragma once

#include "db/stall_guard.hpp"

#include <chrono>
#include <memory>
#include <string>
#include <utility>

namespace pqxx {
class connection_base;
}

namespace casecircle::db {

// How a server connection to PostgreSQL notices trouble: every call is bounded by `timeout`
// (statement_timeout in PostgreSQL, TCP keepalives and tcp_user_timeout in the kernel, and the
// stall guard for a backend that answers never), and the connection names its job in
// pg_stat_activity.
struct connection_settings {
    std::string database_url;
    std::string application_name = "casecircle";
    std::chrono::milliseconds timeout{5000};
};

// The database URL with the settings above added (URI or key=value form).
std::string connection_string(const connection_settings& settings);

// A PostgreSQL connection that is opened when first needed and opened again after it broke, so
// that a thread owning one carries on by itself once the database is back.
class lazy_connection {
  public:
    explicit lazy_connection(connection_settings settings);
    ~lazy_connection();
    lazy_connection(const lazy_connection&) = delete;
    lazy_connection& operator=(const lazy_connection&) = delete;

    // The open connection, or nullptr while the database cannot be reached.
    pqxx::connection_base* get();
    void reset();
    // After a failed call: drop the connection if libpq says it is gone; true when it did.
    bool reset_if_broken();

    // Bounds the calls made while it lives by the settings' timeout (see stall_guard).
    class guarded_call {
      public:
        explicit guarded_call(lazy_connection& owner);
        ~guarded_call();
        guarded_call(const guarded_call&) = delete;
        guarded_call& operator=(const guarded_call&) = delete;

      private:
        lazy_connection& owner_;
    };
    // Whether the last connection was dropped because a call outlived the timeout (then reset),
    // so that the error is reported as the stall it was, not as the broken pipe it caused.
    bool take_stall() { return std::exchange(stalled_, false); }

  private:
    struct close_connection {
        void operator()(pqxx::connection_base* conn) const;
    };
    std::string conninfo_;
    std::unique_ptr<pqxx::connection_base, close_connection> conn_;
    stall_guard guard_;
    bool stalled_ = false;
};

// Drops a connection that broke and tells `report` why: as a stall when the guard cut it.
template <class Report>
void drop_broken(lazy_connection& conn, Report& report, const char* what,
                 const std::string& detail) {
    if (conn.take_stall())
        report("storage_stall", "no answer within the database timeout; connection dropped");
    else
        report(what, detail);
    conn.reset();
}

} // namespace casecircle::db
