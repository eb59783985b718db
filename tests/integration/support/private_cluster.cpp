#include "tests/integration/support/private_cluster.hpp"

#include "tests/integration/support/child_process.hpp"
#include "tests/integration/support/server_process.hpp"
#include "tests/integration/support/test_database.hpp"

#include <stdexcept>

namespace casecircle::testing {
namespace {

std::string cluster_command() {
    return source_dir() + "/deploy/pg-cluster";
}

} // namespace

private_cluster::private_cluster() : dir_(scratch_dir("pg") + "/data") {
    url_ = start();
}

private_cluster::~private_cluster() {
    stop();
}

int private_cluster::stop() {
    return run_command({cluster_command(), "stop", dir_}).status;
}

std::string private_cluster::start() {
    const auto started = run_command({cluster_command(), "start", dir_, "--fast"});
    if (started.status != 0) throw std::runtime_error("pg-cluster start failed: " + started.output);
    // A database owned by casecircle_owner, as in production; the URL is the superuser's.
    const auto result = run_command({cluster_command(), "database", dir_, "casecircle"});
    if (result.status != 0)
        throw std::runtime_error("pg-cluster database failed: " + result.output);
    // Standard error is mixed in; the URL is the line that looks like one.
    const auto at = result.output.find("postgresql://");
    if (at == std::string::npos)
        throw std::runtime_error("pg-cluster printed no URL: " + result.output);
    const auto end = result.output.find('\n', at);
    return result.output.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

} // namespace casecircle::testing
