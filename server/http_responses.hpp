#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <string>
#include <string_view>

namespace casecircle::server {

using http_request = boost::beast::http::request<boost::beast::http::string_body>;
using http_response = boost::beast::http::response<boost::beast::http::string_body>;

// Headers every response carries, so that no answer of ours can be framed, sniffed into another
// type or leak the page's address to another site; `csp` is set when not empty.
void add_browser_headers(boost::beast::http::response_header<>& res, std::string_view csp = {});

// A response that mirrors the request's version and keep-alive; errors are JSON with a code.
http_response text_response(const http_request& req, boost::beast::http::status status,
                            std::string content_type, std::string body);
http_response json_error(const http_request& req, boost::beast::http::status status,
                         const std::string& code, const std::string& message);

} // namespace casecircle::server
