#pragma once

#include "server/access_probes.hpp"
#include "server/login_gate.hpp"
#include "server/login_throttle.hpp"
#include "server/request_parsing.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace casecircle::protocol {
class template_library;
}

namespace pqxx {
class connection_base;
}

namespace casecircle::server {

// An HTTP call to /api/…, reduced to what the handlers need; built on the network thread.
struct api_request {
    std::string method; // GET, POST, …
    std::string path;   // without the query
    std::map<std::string, std::string> query;
    std::string body;
    std::string session_token; // the login cookie's value, "" without one
    std::string csrf_header;   // X-CSRF-Token
    std::string origin;        // Origin header, "" when the browser sent none
    std::string host;          // Host header
    std::string address;       // the peer's IP address, for throttling and the audit trail
};

struct api_response {
    unsigned status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::string> set_cookies;
    std::string download_name; // sent as an attachment under this name when set
    bool show_inline = false;  // the browser shows it (the print page) instead of saving it
};

struct api_settings {
    bool secure_cookies = false; // add "Secure" when the server is reached over TLS
    std::size_t login_concurrency = 2;
    std::size_t login_queue_limit = 32;
    int login_failures_per_account = 5;
    int login_failures_per_address = 20;
    std::chrono::seconds login_window{900};
    // Called after a team admin's removal, disable or password reset has been committed, with
    // the person's user id, so that their open session connections are closed at once (the
    // server context wires it to the rooms). Runs on the storage thread of the API call.
    std::function<void(std::int64_t user_id)> revoke_live_access = nullptr;
    // Counts a call for an id the caller may not see (the server context wires it to /metrics).
    std::function<void()> count_access_probe = nullptr;
    // The formats sessions run, for checking what the cycle's calls name (owned by the server).
    const protocol::template_library* templates = nullptr;
    // Counts and logs a call that failed inside (internal_error), with what failed.
    std::function<void(const std::string& what)> report_internal_error = nullptr;
};

// The JSON API. Every call runs on a storage thread, which owns the connection; calls run in
// parallel on the pool's threads, so the throttle and the gate lock. Never throws: failures
// become coded JSON errors.
class api {
  public:
    explicit api(api_settings settings);
    api_response handle(pqxx::connection_base* conn, const api_request& req);

  private:
    api_settings settings_;
    login_throttle throttle_;
    login_gate passwords_;
    access_probes probes_;
};

inline constexpr const char* session_cookie = "cc_session";

} // namespace casecircle::server
