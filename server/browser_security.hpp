#pragma once

#include "server/config.hpp"

#include <string>
#include <string_view>

// What the server does to be safe in a browser: whose pages may open a WebSocket, who the
// client is behind a proxy, who may read /metrics, and the headers that confine the pages.
namespace casecircle::server {

// The Content-Security-Policy of the browser client: nothing inline, nothing from elsewhere.
inline constexpr std::string_view client_csp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
// The print page of the minutes: its own inline stylesheet and nothing else; sandboxed, so that
// whatever the minutes contain can never run as script.
inline constexpr std::string_view print_page_csp =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; "
    "base-uri 'none'; form-action 'none'; sandbox";

// The address of the request's client: the last X-Forwarded-For entry when the peer is the
// trusted proxy and that entry is an IP address, the peer's otherwise.
std::string client_address(const std::string& peer, std::string_view forwarded_for,
                           const config& cfg);

// "https://host:port" as the browser names the page it loaded from this server: the Host
// header's, over https with --secure-cookies or when the trusted proxy says so.
std::string own_origin(std::string_view host, const std::string& peer,
                       std::string_view forwarded_proto, const config& cfg);

// A WebSocket upgrade without Origin comes from no browser page and may proceed; with one, the
// page must be this server's own or one of --allowed-origins.
bool upgrade_origin_allowed(std::string_view origin, const std::string& own, const config& cfg);

// /metrics: with --metrics-token only for its Bearer token; without, only for a direct
// connection from a loopback address (not through the trusted proxy, which may sit there).
bool metrics_allowed(std::string_view authorization, const std::string& peer, const config& cfg);

} // namespace casecircle::server
