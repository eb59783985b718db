#pragma once

#include <string>

namespace casecircle::testing {

// A PostgreSQL cluster of one test's own (deploy/pg-cluster), for tests that stop the database
// under a running server. Stopped again when the test ends; a restart keeps its port and URL.
// url() names its database `casecircle` (owned by casecircle_owner) as the superuser.
class private_cluster {
  public:
    private_cluster();
    ~private_cluster();
    private_cluster(const private_cluster&) = delete;
    private_cluster& operator=(const private_cluster&) = delete;

    const std::string& url() const { return url_; }
    // Both return the command's exit status (0 on success).
    int stop();
    // Starts again and returns the URL it is reachable at.
    std::string start();

  private:
    std::string dir_;
    std::string url_;
};

} // namespace casecircle::testing
