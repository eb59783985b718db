#include "server/http_session.hpp"

#include "db/ping.hpp"
#include "db/room_leases.hpp"
#include "server/browser_security.hpp"
#include "server/http_responses.hpp"
#include "server/network_errors.hpp"
#include "server/request_parsing.hpp"
#include "server/server_context.hpp"
#include "server/static_files.hpp"
#include "server/websocket_session.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/file_body.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

namespace casecircle::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;

namespace {

constexpr std::size_t request_body_limit = 1024 * 1024;
constexpr auto idle_timeout = std::chrono::seconds(60);

http::message_generator static_file(const http_request& req, const std::filesystem::path& root) {
    const auto path = resolve_static_path(root, req.target());
    if (!path) return json_error(req, http::status::not_found, "not_found", "Nicht gefunden.");
    http::file_body::value_type file;
    beast::error_code ec;
    file.open(path->c_str(), beast::file_mode::scan, ec);
    if (ec) return json_error(req, http::status::not_found, "not_found", "Nicht gefunden.");
    const auto size = file.size();
    if (req.method() == http::verb::head) {
        http::response<http::empty_body> res{http::status::ok, req.version()};
        res.set(http::field::content_type, mime_type(*path));
        add_browser_headers(res, client_csp);
        res.content_length(size);
        res.keep_alive(req.keep_alive());
        return res;
    }
    http::response<http::file_body> res{std::piecewise_construct, std::make_tuple(std::move(file)),
                                        std::make_tuple(http::status::ok, req.version())};
    res.set(http::field::server, "casecircle");
    res.set(http::field::content_type, mime_type(*path));
    res.set(http::field::cache_control, "no-cache");
    add_browser_headers(res, client_csp);
    res.content_length(size);
    res.keep_alive(req.keep_alive());
    return res;
}

// `leases`: held by this process and live in PostgreSQL, when it could be read.
http_response health_response(const http_request& req, bool database_ok,
                              std::optional<std::int64_t> leases, const server_context& ctx) {
    const nlohmann::json body = {
        {"status", database_ok ? "ok" : "degraded"},
        {"version", CASECIRCLE_VERSION},
        {"database", database_ok ? "ok" : "unavailable"},
        {"node", ctx.cfg.node_name},
        {"rooms", ctx.registry.size()},
        {"leases", leases ? nlohmann::json(*leases) : nlohmann::json()},
        {"writer",
         {{"state", ctx.writer.last_batch_ok() ? "ok" : "failing"},
          {"waiting", ctx.writer.waiting()}}},
        {"notices", ctx.notices.listening() ? "listening" : "not listening"}};
    return text_response(req, database_ok ? http::status::ok : http::status::service_unavailable,
                         "application/json", body.dump());
}

} // namespace

http_session::http_session(asio::ip::tcp::socket&& socket, std::shared_ptr<server_context> ctx,
                           std::shared_ptr<connection_limits::slot> slot)
    : stream_(std::move(socket)), ctx_(std::move(ctx)), slot_(std::move(slot)) {}

void http_session::run() {
    // Start on the connection's strand: the socket was accepted on the listener's.
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->do_read(); });
}

void http_session::do_read() {
    parser_.emplace();
    parser_->body_limit(request_body_limit);
    stream_.expires_after(idle_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](auto ec, auto n) { self->on_read(ec, n); });
}

void http_session::on_read(beast::error_code ec, std::size_t) {
    if (ec == http::error::end_of_stream) return do_close();
    if (ec) return fail(ec, "http_read");
    if (websocket::is_upgrade(parser_->get()) && is_websocket_target(parser_->get().target()))
        return upgrade(parser_->release());
    handle(parser_->release());
}

void http_session::upgrade(request&& req) {
    // Cookies go along with any page's upgrade, so another site's script could act in a session
    // with the login of whoever visits it; the browser's Origin header tells us whose page it is.
    const auto peer = peer_address();
    const auto own = own_origin(req[http::field::host], peer, req["X-Forwarded-Proto"], ctx_->cfg);
    if (!upgrade_origin_allowed(req[http::field::origin], own, ctx_->cfg)) {
        ctx_->stats.count_rejection("origin_refused");
        auto res = json_error(req, http::status::forbidden, "origin_refused",
                              "Diese Seite darf keine Verbindung zum Server öffnen.");
        res.keep_alive(false);
        return send(std::move(res));
    }
    // The WebSocket session takes the socket over (and its connection slot); this HTTP session
    // ends here.
    std::make_shared<websocket_session>(stream_.release_socket(), ctx_, std::move(slot_))
        ->run(std::move(req));
}

void http_session::handle(request&& req) {
    if (req.target().starts_with("/api/")) return answer_api(std::move(req));
    if (req.method() != http::verb::get && req.method() != http::verb::head)
        return send(json_error(req, http::status::method_not_allowed, "method_not_allowed",
                               "Diese Methode wird hier nicht unterstützt."));
    if (req.target() == "/healthz") return answer_health(std::move(req));
    if (req.target() == "/metrics") return answer_metrics(req);
    send(static_file(req, ctx_->cfg.static_dir));
}

void http_session::answer_metrics(const request& req) {
    // The figures tell an outsider how busy the server is and which limits it enforces.
    if (!metrics_allowed(req[http::field::authorization], peer_address(), ctx_->cfg))
        return send(json_error(req, http::status::forbidden, "forbidden",
                               "Die Metriken sind nur mit Zugangstoken abrufbar."));
    send(text_response(req, http::status::ok, "text/plain; version=0.0.4", ctx_->stats.render()));
}

std::string http_session::peer_address() {
    beast::error_code ec;
    const auto peer = stream_.socket().remote_endpoint(ec);
    return ec ? std::string() : peer.address().to_string();
}

std::string_view http_session::forwarded_for(const request& req) {
    std::string_view last;
    const auto [first, end] = req.equal_range("X-Forwarded-For");
    for (auto it = first; it != end; ++it)
        last = it->value();
    return last;
}

void http_session::answer_busy(const request& req) {
    ctx_->stats.count_rejection("server_busy");
    send(json_error(req, http::status::service_unavailable, "server_busy",
                    "Der Server ist ausgelastet; bitte in einem Moment erneut versuchen."));
}

void http_session::answer_health(request&& req) {
    // The query runs in the storage pool's fast lane; the answer is sent from this
    // connection's strand.
    auto shared_req = std::make_shared<request>(std::move(req));
    const bool queued =
        ctx_->storage.post(db::storage_pool::lane::fast, [self = shared_from_this(),
                                                          shared_req](pqxx::connection_base* conn) {
            const bool ok = db::ping(conn);
            std::optional<std::int64_t> leases;
            if (ok) try {
                    leases = db::live_leases(*conn, self->ctx_->cfg.node_name);
                } catch (const std::exception&) {
                    // The answer says the count is not known.
                }
            asio::post(self->stream_.get_executor(), [self, shared_req, ok, leases] {
                self->send(health_response(*shared_req, ok, leases, *self->ctx_));
            });
        });
    if (!queued) answer_busy(*shared_req);
}

api_request http_session::api_request_of(const request& req) {
    api_request out;
    out.method = std::string(req.method_string());
    const auto target = std::string_view(req.target());
    const auto question = target.find('?');
    out.path = std::string(target.substr(0, question));
    if (question != std::string_view::npos) out.query = parse_query(target.substr(question + 1));
    out.body = req.body();
    out.session_token = cookie_value(req[http::field::cookie], session_cookie);
    out.csrf_header = std::string(req["X-CSRF-Token"]);
    out.origin = std::string(req[http::field::origin]);
    out.host = std::string(req[http::field::host]);
    out.address = client_address(peer_address(), forwarded_for(req), ctx_->cfg);
    return out;
}

http_response http_session::response_of(const request& req, const api_response& answer) {
    auto res = text_response(req, static_cast<http::status>(answer.status), answer.content_type,
                             answer.body);
    // The print page of the minutes is the only HTML the API sends.
    if (answer.content_type.starts_with("text/html")) add_browser_headers(res, print_page_csp);
    for (const auto& cookie : answer.set_cookies)
        res.insert(http::field::set_cookie, cookie);
    if (!answer.download_name.empty())
        res.set(http::field::content_disposition,
                std::string(answer.show_inline ? "inline" : "attachment") + "; filename=\"" +
                    answer.download_name + "\"");
    return res;
}

void http_session::answer_api(request&& req) {
    auto call = std::make_shared<std::pair<request, api_request>>(std::move(req), api_request{});
    call->second = api_request_of(call->first);
    const bool queued =
        ctx_->storage.post(db::storage_pool::lane::normal, [self = shared_from_this(),
                                                            call](pqxx::connection_base* conn) {
            auto answer = self->ctx_->api_handler.handle(conn, call->second);
            asio::post(self->stream_.get_executor(), [self, call, answer = std::move(answer)] {
                self->send(response_of(call->first, answer));
            });
        });
    if (!queued) answer_busy(call->first);
}

void http_session::send(http::message_generator&& response) {
    const bool keep_alive = response.keep_alive();
    beast::async_write(stream_, std::move(response),
                       [self = shared_from_this(), keep_alive](auto ec, auto n) {
                           self->on_write(keep_alive, ec, n);
                       });
}

void http_session::on_write(bool keep_alive, beast::error_code ec, std::size_t) {
    if (ec) return fail(ec, "http_write");
    if (!keep_alive) return do_close();
    do_read();
}

void http_session::fail(beast::error_code ec, const char* what) {
    // A keep-alive connection that stays silent is no error; a browser that goes away is
    // counted, not logged.
    if (ec == beast::error::timeout || ec == asio::error::operation_aborted) return;
    if (is_routine_disconnect(ec)) return ctx_->stats.count_error(what);
    ctx_->stats.report_error(what, ec.message());
}

void http_session::do_close() {
    beast::error_code ignored;
    stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
}

} // namespace casecircle::server
