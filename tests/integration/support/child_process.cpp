#include "tests/integration/support/child_process.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <stdexcept>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace casecircle::testing {
namespace {

using clock = std::chrono::steady_clock;

std::chrono::milliseconds remaining(clock::time_point until) {
    return std::max(std::chrono::milliseconds(0),
                    std::chrono::duration_cast<std::chrono::milliseconds>(until - clock::now()));
}

} // namespace

child_process::child_process(std::vector<std::string> argv, std::vector<std::string> extra_env) {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e)
        env.emplace_back(*e);
    for (auto& extra : extra_env)
        env.push_back(std::move(extra));

    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        dup2(fds[1], STDOUT_FILENO);
        dup2(fds[1], STDERR_FILENO);
        std::vector<char*> args, envp;
        for (auto& a : argv)
            args.push_back(a.data());
        args.push_back(nullptr);
        for (auto& e : env)
            envp.push_back(e.data());
        envp.push_back(nullptr);
        execve(args[0], args.data(), envp.data());
        std::fprintf(stderr, "exec %s: %s\n", args[0], std::strerror(errno));
        _exit(127);
    }
    close(fds[1]);
    out_fd_ = fds[0];
    pidfd_ = static_cast<int>(syscall(SYS_pidfd_open, pid_, 0));
    if (pidfd_ < 0) throw std::runtime_error("pidfd_open failed");
}

child_process::~child_process() {
    if (pid_ > 0) {
        ::kill(pid_, SIGKILL);
        wait_exit(std::chrono::seconds(30));
    }
    if (out_fd_ >= 0) close(out_fd_);
    if (pidfd_ >= 0) close(pidfd_);
}

bool child_process::read_some(std::chrono::milliseconds timeout) {
    if (out_fd_ < 0) return false;
    pollfd pfd{out_fd_, POLLIN, 0};
    const int ready = poll(&pfd, 1, static_cast<int>(timeout.count()));
    if (ready <= 0) return false;
    char buffer[4096];
    const auto n = read(out_fd_, buffer, sizeof buffer);
    if (n <= 0) {
        close(out_fd_);
        out_fd_ = -1;
        return false;
    }
    pending_.append(buffer, static_cast<std::size_t>(n));
    output_.append(buffer, static_cast<std::size_t>(n));
    return true;
}

std::optional<std::string> child_process::next_line() {
    const auto newline = pending_.find('\n');
    if (newline == std::string::npos) return std::nullopt;
    auto line = pending_.substr(0, newline);
    pending_.erase(0, newline + 1);
    return line;
}

std::optional<std::string>
child_process::wait_for_line(const std::function<bool(const std::string&)>& match,
                             std::chrono::milliseconds deadline) {
    const auto until = clock::now() + deadline;
    for (;;) {
        while (auto line = next_line())
            if (match(*line)) return line;
        if (out_fd_ < 0 || remaining(until).count() == 0) return std::nullopt;
        read_some(remaining(until));
    }
}

void child_process::signal(int signo) {
    if (pid_ > 0) ::kill(pid_, signo);
}

int child_process::wait_exit(std::chrono::milliseconds deadline) {
    if (pid_ <= 0) return exit_status_;
    const auto until = clock::now() + deadline;
    for (;;) {
        int status = 0;
        const auto done = waitpid(pid_, &status, WNOHANG);
        if (done == pid_) {
            pid_ = -1;
            exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            while (read_some(std::chrono::milliseconds(0))) {
            }
            return exit_status_;
        }
        if (remaining(until).count() == 0) return -1;
        // Wake when the child writes (the pipe must not fill up) or when it exits.
        pollfd fds[2] = {{pidfd_, POLLIN, 0}, {out_fd_, POLLIN, 0}};
        poll(fds, out_fd_ >= 0 ? 2 : 1, static_cast<int>(remaining(until).count()));
        if (fds[1].revents) read_some(std::chrono::milliseconds(0));
    }
}

command_result run_command(std::vector<std::string> argv) {
    child_process child(std::move(argv));
    const int status = child.wait_exit(std::chrono::minutes(2));
    return {status, child.output()};
}

} // namespace casecircle::testing
