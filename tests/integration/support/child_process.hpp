#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace casecircle::testing {

// A real child process whose standard output and error are read line by line, so that a test
// waits for what the process says rather than for time to pass.
class child_process {
  public:
    child_process(std::vector<std::string> argv, std::vector<std::string> extra_env = {});
    ~child_process();
    child_process(const child_process&) = delete;
    child_process& operator=(const child_process&) = delete;

    // The first line (stdout or stderr) for which `match` is true; nothing if the process ends
    // or the deadline passes first.
    std::optional<std::string>
    wait_for_line(const std::function<bool(const std::string&)>& match,
                  std::chrono::milliseconds deadline = std::chrono::seconds(60));
    // Everything the process printed so far.
    const std::string& output() const { return output_; }

    void signal(int signo);
    // Waits for the process to end and returns its exit status (128 + signal when killed).
    int wait_exit(std::chrono::milliseconds deadline = std::chrono::seconds(60));
    bool running() const { return pid_ > 0; }
    int pid() const { return pid_; }

  private:
    bool read_some(std::chrono::milliseconds timeout);
    std::optional<std::string> next_line();

    int pid_ = -1;
    int out_fd_ = -1;
    int pidfd_ = -1;
    std::string pending_;
    std::string output_;
    std::size_t consumed_ = 0;
    int exit_status_ = -1;
};

// Runs a command to completion and returns its exit status and combined output.
struct command_result {
    int status;
    std::string output;
};
command_result run_command(std::vector<std::string> argv);

} // namespace casecircle::testing
