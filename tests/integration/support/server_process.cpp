#include "tests/integration/support/server_process.hpp"

#include "tests/integration/support/test_database.hpp"

#include <csignal>
#include <stdexcept>

namespace casecircle::testing {

std::string server_binary() {
    return CASECIRCLE_BINARY;
}
std::string source_dir() {
    return CASECIRCLE_SOURCE_DIR;
}

server_process::server_process(const std::string& database_url, std::vector<std::string> extra_args,
                               std::vector<std::string> prefix) {
    // Most tests are about live sessions, not accounts: they run open rooms, as a training
    // installation does. The access tests pass "--open-rooms no", which wins as the later flag.
    // Whatever role the URL names, the server connects as its own and migrates as the owner.
    std::vector<std::string> argv = std::move(prefix);
    for (const auto& arg :
         {server_binary(), std::string("--port"), std::string("0"), std::string("--threads"),
          std::string("2"), std::string("--database-url"), as_role(database_url, server_role),
          std::string("--owner-database-url"), as_role(database_url, owner_role),
          std::string("--open-rooms"), std::string("yes")})
        argv.push_back(arg);
    for (auto& arg : extra_args)
        argv.push_back(std::move(arg));
    process_ = std::make_unique<child_process>(std::move(argv));
    const std::string marker = "listening on http://127.0.0.1:";
    const auto line = process_->wait_for_line(
        [&](const std::string& l) { return l.find(marker) != std::string::npos; });
    if (!line)
        throw std::runtime_error("casecircle did not start; it said:\n" + process_->output());
    const auto start = line->find(marker) + marker.size();
    port_ = static_cast<std::uint16_t>(std::stoi(line->substr(start)));
}

int server_process::stop() {
    process_->signal(SIGTERM);
    return process_->wait_exit();
}

void server_process::kill() {
    process_->signal(SIGKILL);
    process_->wait_exit();
}

} // namespace casecircle::testing
