#pragma once

#include <chrono>
#include <string>

namespace pqxx {
class connection_base;
}

namespace casecircle::db {

// Failed logins within the window, per account name and per client address, as every process
// on the database counts them (migration 013).
struct login_failure_counts {
    int account = 0;
    int address = 0;
};

login_failure_counts recent_login_failures(pqxx::connection_base& conn, const std::string& username,
                                           const std::string& address, std::chrono::seconds window);

// One failed attempt, for the name and for the address; failures older than the window go.
void record_login_failure(pqxx::connection_base& conn, const std::string& username,
                          const std::string& address, std::chrono::seconds window);

// A successful login starts the name's count afresh (the address's stays).
void forget_login_failures(pqxx::connection_base& conn, const std::string& username);

} // namespace casecircle::db
