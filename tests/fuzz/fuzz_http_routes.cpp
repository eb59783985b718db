// HTTP request handling up to the database: Beast's request parser with the server's body limit,
// then what http_session does with the request before any storage call – the WebSocket upgrade
// check, the API's path, query and cookie parsing and route segments, or the static file lookup.
// The API handlers themselves need PostgreSQL and are covered by tests/integration.
//
// Input: raw bytes of one HTTP/1.1 request as they arrive on the socket.

#include "fuzz_support.hpp"
#include "server/request_parsing.hpp"
#include "server/static_files.hpp"

#include <boost/beast/core/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include <cstddef>
#include <cstdint>

namespace {

using namespace casecircle;
namespace beast = boost::beast;
namespace http = beast::http;
using fuzz::expect;

constexpr std::size_t request_body_limit = 1024 * 1024; // as server/http_session.cpp
using request = http::request<http::string_body>;

std::optional<request> parse_request(std::string_view bytes) {
    http::request_parser<http::string_body> parser;
    parser.body_limit(request_body_limit);
    parser.eager(true);
    beast::error_code ec;
    boost::asio::const_buffer rest(bytes.data(), bytes.size());
    while (rest.size() > 0 && !parser.is_done()) {
        const auto used = parser.put(rest, ec);
        if (ec == http::error::need_more) break;
        if (ec) return std::nullopt;
        rest += used;
    }
    // The peer closed; Beast's read does the same (end_of_stream before the first byte).
    if (!parser.got_some()) return std::nullopt;
    if (!parser.is_done()) parser.put_eof(ec);
    if (ec || !parser.is_done()) return std::nullopt;
    expect(parser.get().body().size() <= request_body_limit, "body over the limit accepted");
    return parser.release();
}

void check_query(std::string_view query) {
    for (const auto& [key, value] : server::parse_query(query))
        expect(!key.empty() && key.find('\0') == std::string::npos &&
                   value.find('\0') == std::string::npos,
               "query pair with an empty key or NUL");
}

// As http_session::api_request_of splits the target, then as api::handle routes it.
void check_api(const request& req) {
    const auto target = std::string_view(req.target());
    const auto question = target.find('?');
    const auto path = std::string(target.substr(0, question));
    if (question != std::string_view::npos) check_query(target.substr(question + 1));
    const auto cookie = server::cookie_value(req[http::field::cookie], "cc_session");
    expect(cookie.find(';') == std::string::npos, "cookie value runs past its pair");
    const auto parts = server::segments_of(path);
    std::string joined;
    for (const auto& part : parts)
        joined += "/" + part;
    expect(joined == path, "path segments do not rebuild the path", path);
    if (parts.size() >= 3) (void)server::id_in(parts[2]); // /api/teams/{id}/…
}

void check_static(const request& req) {
    static const auto root = std::filesystem::canonical(CASECIRCLE_STATIC_DIR);
    const auto decoded = server::percent_decode(req.target());
    if (decoded) expect(decoded->find('\0') == std::string::npos, "decoded NUL");
    const auto file = server::resolve_static_path(root, req.target());
    if (!file) return;
    const auto relative = file->lexically_relative(root);
    expect(!relative.empty() && *relative.begin() != "..", "static path outside the root",
           file->string());
    (void)server::mime_type(*file);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto req = parse_request({reinterpret_cast<const char*>(data), size});
    if (!req) return 0;
    if (beast::websocket::is_upgrade(*req) && server::is_websocket_target(req->target())) return 0;
    if (req->target().starts_with("/api/")) {
        check_api(*req);
    } else if (req->method() == http::verb::get || req->method() == http::verb::head) {
        check_static(*req);
    }
    return 0;
}
