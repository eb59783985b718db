#pragma once

#include <string>

namespace casecircle::testing {

// A fresh, empty database on the test command's PostgreSQL (CASECIRCLE_TEST_DATABASE_URL),
// dropped again when the test ends.
class test_database {
  public:
    test_database();
    ~test_database();
    test_database(const test_database&) = delete;
    test_database& operator=(const test_database&) = delete;

    const std::string& url() const { return url_; }
    const std::string& name() const { return name_; }

  private:
    std::string admin_url_;
    std::string name_;
    std::string url_;
};

// The admin URL of the test cluster; fails the test run with a clear message when it is missing.
std::string test_cluster_url();

// Replaces the database name at the end of a postgresql:// URL.
std::string with_database(const std::string& url, const std::string& database);

// A scratch folder inside the test command's temporary directory, readable by the postgres user.
std::string scratch_dir(const std::string& prefix);

} // namespace casecircle::testing
