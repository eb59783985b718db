#include "server/http_responses.hpp"

#include <boost/beast/http/field.hpp>
#include <nlohmann/json.hpp>

namespace casecircle::server {

namespace http = boost::beast::http;

void add_browser_headers(http::response_header<>& res, std::string_view csp) {
    res.set("X-Content-Type-Options", "nosniff");
    res.set("X-Frame-Options", "DENY");
    res.set("Referrer-Policy", "no-referrer");
    if (!csp.empty()) res.set("Content-Security-Policy", csp);
}

http_response text_response(const http_request& req, http::status status, std::string content_type,
                            std::string body) {
    http_response res{status, req.version()};
    res.set(http::field::server, "casecircle");
    res.set(http::field::content_type, content_type);
    res.set(http::field::cache_control, "no-store");
    add_browser_headers(res);
    res.keep_alive(req.keep_alive());
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
}

http_response json_error(const http_request& req, http::status status, const std::string& code,
                         const std::string& message) {
    const nlohmann::json body = {{"error", {{"code", code}, {"message", message}}}};
    return text_response(req, status, "application/json", body.dump());
}

} // namespace casecircle::server
