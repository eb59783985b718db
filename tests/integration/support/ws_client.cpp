#include "tests/integration/support/ws_client.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/websocket.hpp>
#include <catch2/catch.hpp>

namespace casecircle::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;

ws_client::ws_client(std::uint16_t port, const std::string& cookie, const std::string& origin,
                     const std::string& target)
    : ws_(ioc_) {
    beast::get_lowest_layer(ws_).connect({asio::ip::make_address("127.0.0.1"), port});
    ws_.set_option(beast::websocket::stream_base::decorator(
        [cookie, origin](beast::websocket::request_type& req) {
            if (!cookie.empty()) req.set(beast::http::field::cookie, cookie);
            if (!origin.empty()) req.set(beast::http::field::origin, origin);
        }));
    ws_.handshake("127.0.0.1:" + std::to_string(port), target);
    ws_.read_message_max(16 * 1024 * 1024);
}

void ws_client::send(const json& message) {
    send_text(message.dump());
}

void ws_client::send_text(const std::string& text) {
    ws_.text(true);
    ws_.write(asio::buffer(text));
}

std::optional<nlohmann::json> ws_client::next(std::chrono::milliseconds deadline) {
    if (closed_) return std::nullopt;
    beast::error_code result;
    bool done = false;
    beast::get_lowest_layer(ws_).expires_after(deadline);
    ws_.async_read(buffer_, [&](beast::error_code ec, std::size_t) {
        result = ec;
        done = true;
    });
    ioc_.restart();
    while (!done && ioc_.run_one() > 0) {
    }
    if (result) {
        closed_ = true;
        return std::nullopt;
    }
    auto frame = json::parse(beast::buffers_to_string(buffer_.data()));
    buffer_.consume(buffer_.size());
    record(frame);
    return frame;
}

void ws_client::record(const json& frame) {
    seen_.push_back(frame);
    if (frame.value("type", "") == "events")
        for (const auto& e : frame["events"])
            events_.push_back(e);
    if (frame.value("type", "") == "welcome") welcome_seq_ = frame["last_seq"].get<std::uint64_t>();
}

nlohmann::json ws_client::wait_for(const std::function<bool(const json&)>& match,
                                   std::chrono::milliseconds deadline) {
    const auto until = std::chrono::steady_clock::now() + deadline;
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            until - std::chrono::steady_clock::now());
        if (left.count() <= 0) FAIL("no matching frame before the deadline");
        auto frame = next(left);
        if (!frame) FAIL("connection closed or deadline passed while waiting for a frame");
        if (match(*frame)) return *frame;
    }
}

nlohmann::json ws_client::wait_type(const std::string& type) {
    return wait_for([&](const json& f) { return f.value("type", "") == type; });
}

void ws_client::wait_seq(std::uint64_t seq) {
    if (last_seq() >= seq) return;
    wait_for([&](const json& f) {
        return f.value("type", "") == "events" &&
               f["events"].back()["seq"].get<std::uint64_t>() >= seq;
    });
}

nlohmann::json ws_client::command_with_id(const std::string& id, const std::string& type,
                                          const json& fields) {
    send({{"type", "command"}, {"id", id}, {"command", type}, {"fields", fields}});
    return wait_for([&](const json& f) {
        const auto t = f.value("type", "");
        return (t == "ack" || t == "rejected" || t == "error") && f.value("id", "") == id;
    });
}

nlohmann::json ws_client::command(const std::string& type, const json& fields) {
    return command_with_id("c" + std::to_string(next_id_++), type, fields);
}

namespace {
bool entry_answer(const nlohmann::json& f) {
    const auto t = f.value("type", "");
    return t == "welcome" || t == "rejected" || t == "error";
}
} // namespace

nlohmann::json ws_client::wait_entry() {
    return wait_for(entry_answer);
}

nlohmann::json ws_client::create(const std::string& format, const std::string& case_code,
                                 const std::string& name) {
    send({{"type", "create"},
          {"format", format},
          {"case_code", case_code},
          {"title", "Test"},
          {"name", name}});
    return wait_entry();
}

nlohmann::json ws_client::join(const std::string& invite, const std::string& name) {
    send({{"type", "join"}, {"invite", invite}, {"name", name}});
    return wait_entry();
}

nlohmann::json ws_client::resume(const std::string& token, std::uint64_t last_seq,
                                 const std::vector<std::string>& known_templates) {
    json frame{{"type", "resume"}, {"token", token}, {"last_seq", last_seq}};
    if (!known_templates.empty()) frame["known_templates"] = known_templates;
    send(frame);
    return wait_entry();
}

} // namespace casecircle::testing
