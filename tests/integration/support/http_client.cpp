#include "tests/integration/support/http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace casecircle::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

http_reply http_request(std::uint16_t port, const std::string& method, const std::string& target,
                        const std::string& body,
                        const std::vector<std::pair<std::string, std::string>>& headers) {
    asio::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    req.set(http::field::host, "127.0.0.1");
    for (const auto& [name, value] : headers)
        req.set(name, value);
    req.body() = body;
    req.prepare_payload();
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    if (method == "HEAD") parser.skip(true);
    http::read(stream, buffer, parser);
    auto res = parser.release();
    beast::error_code ignored;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    http_reply reply{static_cast<int>(res.result_int()),
                     std::string(res[http::field::content_type]),
                     res.body(),
                     {}};
    for (const auto& field : res)
        reply.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    return reply;
}

std::string http_reply::header(const std::string& name) const {
    for (const auto& [key, value] : headers)
        if (beast::iequals(key, name)) return value;
    return {};
}

http_reply http_get(std::uint16_t port, const std::string& target) {
    return http_request(port, "GET", target);
}

} // namespace casecircle::testing
