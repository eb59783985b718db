#pragma once

#include <boost/asio/error.hpp>
#include <boost/system/error_code.hpp>

namespace casecircle::server {

// A peer that went away (a closed browser tab, a lost network): counted, never logged.
inline bool is_routine_disconnect(const boost::system::error_code& ec) {
    namespace error = boost::asio::error;
    return ec == error::eof || ec == error::connection_reset || ec == error::broken_pipe;
}

} // namespace casecircle::server
