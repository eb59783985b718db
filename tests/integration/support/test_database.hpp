#pragma once

#include <string>

namespace casecircle::testing {

// A fresh, empty database on the test command's PostgreSQL (CASECIRCLE_TEST_DATABASE_URL),
// owned by casecircle_owner as in production (db/setup), dropped again when the test ends.
// url() connects as the cluster's superuser, for tests that plant or backdate rows;
// server_url() as the server's own role, owner_url() as the owner's.
class test_database {
  public:
    test_database();
    ~test_database();
    test_database(const test_database&) = delete;
    test_database& operator=(const test_database&) = delete;

    const std::string& url() const { return url_; }
    const std::string& name() const { return name_; }
    std::string server_url() const;
    std::string owner_url() const;

  private:
    std::string admin_url_;
    std::string name_;
    std::string url_;
};

// The admin URL of the test cluster; fails the test run with a clear message when it is missing.
std::string test_cluster_url();

// Replaces the database name at the end of a postgresql:// URL.
std::string with_database(const std::string& url, const std::string& database);

// The same database as another role (db/setup/roles.sql); the test command's password file
// (PGPASSFILE) knows the passwords.
std::string as_role(const std::string& url, const std::string& role);
inline const std::string server_role = "casecircle_server";
inline const std::string owner_role = "casecircle_owner";

// A scratch folder inside the test command's temporary directory, readable by the postgres user.
std::string scratch_dir(const std::string& prefix);

} // namespace casecircle::testing
