#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <string>

namespace casecircle::server {

using http_request = boost::beast::http::request<boost::beast::http::string_body>;
using http_response = boost::beast::http::response<boost::beast::http::string_body>;

// A response that mirrors the request's version and keep-alive; errors are JSON with a code.
http_response text_response(const http_request& req, boost::beast::http::status status,
                            std::string content_type, std::string body);
http_response json_error(const http_request& req, boost::beast::http::status status,
                         const std::string& code, const std::string& message);

} // namespace casecircle::server
