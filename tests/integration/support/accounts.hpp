#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace casecircle::testing {

inline constexpr const char* test_password = "richtig-geheim-123";

// Through the real command line, as an operator would: `casecircle admin create-user`.
void create_user(const std::string& database_url, const std::string& username,
                 const std::string& team, const std::string& role);

struct logged_in {
    std::string cookie; // "cc_session=…", for the Cookie header
    std::string csrf;
    nlohmann::json me;

    std::int64_t team(const std::string& name) const;
};

// Logs in over HTTP; fails the test when the login is refused.
logged_in log_in(std::uint16_t port, const std::string& username,
                 const std::string& password = test_password);

} // namespace casecircle::testing
