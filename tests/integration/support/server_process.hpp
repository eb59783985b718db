#pragma once

#include "tests/integration/support/child_process.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace casecircle::testing {

std::string server_binary();
std::string source_dir();

// The real casecircle binary on a port the OS chose, against the given database.
class server_process {
  public:
    // `prefix`: a command the server runs under (e.g. prlimit with its arguments).
    explicit server_process(const std::string& database_url,
                            std::vector<std::string> extra_args = {},
                            std::vector<std::string> prefix = {});

    std::uint16_t port() const { return port_; }
    child_process& process() { return *process_; }
    // Sends SIGTERM and returns the exit status.
    int stop();
    // SIGKILL: no chance to flush or say goodbye.
    void kill();

  private:
    std::unique_ptr<child_process> process_;
    std::uint16_t port_ = 0;
};

} // namespace casecircle::testing
