#include "tests/integration/support/api_client.hpp"

namespace casecircle::testing {

http_reply api(std::uint16_t port, const logged_in* who, const std::string& method,
               const std::string& target, const nlohmann::json& body) {
    std::vector<std::pair<std::string, std::string>> headers{{"Origin", "http://127.0.0.1"}};
    if (who) {
        headers.emplace_back("Cookie", who->cookie);
        headers.emplace_back("X-CSRF-Token", who->csrf);
    }
    return http_request(port, method, target, body.is_null() ? "" : body.dump(), headers);
}

std::string error_code(const http_reply& r) {
    const auto body = nlohmann::json::parse(r.body, nullptr, false);
    return body.is_object() && body.contains("error") ? body["error"].value("code", "") : "";
}

} // namespace casecircle::testing
