#pragma once

#include "tests/integration/support/accounts.hpp"
#include "tests/integration/support/http_client.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace casecircle::testing {

// A JSON API call as the browser makes it: from the page's own origin, with the person's cookie
// and CSRF token (`who` null: logged out).
http_reply api(std::uint16_t port, const logged_in* who, const std::string& method,
               const std::string& target, const nlohmann::json& body = nullptr);

// The error code of an API answer, "" when it is none.
std::string error_code(const http_reply& r);

} // namespace casecircle::testing
