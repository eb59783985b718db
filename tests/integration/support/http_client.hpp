#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace casecircle::testing {

struct http_reply {
    int status = 0;
    std::string content_type;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;

    // The first header of that name, "" when absent.
    std::string header(const std::string& name) const;
};

// One blocking HTTP/1.1 request over a real socket to 127.0.0.1.
http_reply http_get(std::uint16_t port, const std::string& target);
http_reply http_request(std::uint16_t port, const std::string& method, const std::string& target,
                        const std::string& body = {},
                        const std::vector<std::pair<std::string, std::string>>& headers = {});

} // namespace casecircle::testing
