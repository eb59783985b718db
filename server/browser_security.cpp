#include "server/browser_security.hpp"

#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <cctype>
#include <openssl/crypto.h>

namespace casecircle::server {
namespace {

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

// Host names compare without regard to case; a browser sends its origin in lower case.
std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool via_trusted_proxy(const std::string& peer, const config& cfg) {
    return !cfg.trusted_proxy.empty() && peer == cfg.trusted_proxy;
}

bool is_loopback(const std::string& address) {
    boost::system::error_code ec;
    const auto a = boost::asio::ip::make_address(address, ec);
    if (ec) return false;
    if (a.is_v6() && a.to_v6().is_v4_mapped())
        return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, a.to_v6())
            .is_loopback(); // ::ffff:127.0.0.1 on a dual-stack socket
    return a.is_loopback();
}

bool same_secret(std::string_view a, std::string_view b) {
    return a.size() == b.size() && !a.empty() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

} // namespace

std::string client_address(const std::string& peer, std::string_view forwarded_for,
                           const config& cfg) {
    if (!via_trusted_proxy(peer, cfg)) return peer;
    // The proxy appends the address it saw; entries before it come from the client and may be
    // forged, so only the last one counts.
    const auto comma = forwarded_for.rfind(',');
    const auto last =
        trimmed(comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1));
    boost::system::error_code ec;
    const auto address = boost::asio::ip::make_address(std::string(last), ec);
    return ec ? peer : address.to_string();
}

std::string own_origin(std::string_view host, const std::string& peer,
                       std::string_view forwarded_proto, const config& cfg) {
    const bool https =
        cfg.secure_cookies || (via_trusted_proxy(peer, cfg) && trimmed(forwarded_proto) == "https");
    return (https ? "https://" : "http://") + lower(host);
}

bool upgrade_origin_allowed(std::string_view origin, const std::string& own, const config& cfg) {
    if (origin.empty()) return true;
    const auto page = lower(origin);
    if (page == own) return true;
    return std::any_of(cfg.allowed_origins.begin(), cfg.allowed_origins.end(),
                       [&](const std::string& allowed) { return lower(allowed) == page; });
}

bool metrics_allowed(std::string_view authorization, const std::string& peer, const config& cfg) {
    if (cfg.metrics_token.empty()) return is_loopback(peer) && !via_trusted_proxy(peer, cfg);
    constexpr std::string_view scheme = "Bearer ";
    if (!authorization.starts_with(scheme)) return false;
    return same_secret(trimmed(authorization.substr(scheme.size())), cfg.metrics_token);
}

} // namespace casecircle::server
