#pragma once

#include "server/api.hpp"
#include "server/http_responses.hpp"
#include "server/server_context.hpp"

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message_generator.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <memory>
#include <optional>

namespace casecircle::server {

// Reads HTTP requests one at a time on the connection's strand and answers them; static files,
// /healthz and (later) the JSON API and the WebSocket upgrade.
class http_session : public std::enable_shared_from_this<http_session> {
  public:
    using request = boost::beast::http::request<boost::beast::http::string_body>;

    http_session(boost::asio::ip::tcp::socket&& socket, std::shared_ptr<server_context> ctx,
                 std::shared_ptr<connection_limits::slot> slot);
    void run();

  private:
    void do_read();
    void on_read(boost::beast::error_code ec, std::size_t bytes);
    void handle(request&& req);
    void upgrade(request&& req);
    void answer_metrics(const request& req);
    std::string peer_address();
    // The last X-Forwarded-For field: the one the proxy in front of us wrote.
    static std::string_view forwarded_for(const request& req);
    void answer_health(request&& req);
    void answer_busy(const request& req);
    void answer_api(request&& req);
    api_request api_request_of(const request& req);
    static http_response response_of(const request& req, const api_response& answer);
    void send(boost::beast::http::message_generator&& response);
    void on_write(bool keep_alive, boost::beast::error_code ec, std::size_t bytes);
    void do_close();
    // Every error of this connection ends here: counted, logged at a bounded rate.
    void fail(boost::beast::error_code ec, const char* what);

    boost::beast::tcp_stream stream_;
    boost::beast::flat_buffer buffer_;
    std::shared_ptr<server_context> ctx_;
    std::shared_ptr<connection_limits::slot> slot_;
    std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
};

} // namespace casecircle::server
