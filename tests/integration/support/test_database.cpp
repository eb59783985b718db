#include "tests/integration/support/test_database.hpp"

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <pqxx/pqxx>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

namespace casecircle::testing {
namespace {

std::string unique_suffix() {
    static std::atomic<int> counter{0};
    return std::to_string(getpid()) + "_" + std::to_string(counter++);
}

} // namespace

std::string test_cluster_url() {
    const char* url = std::getenv("CASECIRCLE_TEST_DATABASE_URL");
    if (!url || !*url)
        throw std::runtime_error("CASECIRCLE_TEST_DATABASE_URL is not set: run the tests with "
                                 "deploy/casecircle test, which starts a PostgreSQL for them");
    return url;
}

std::string with_database(const std::string& url, const std::string& database) {
    const auto slash = url.rfind('/');
    return url.substr(0, slash + 1) + database;
}

std::string as_role(const std::string& url, const std::string& role) {
    const std::string scheme = "postgresql://";
    const auto at = url.find('@');
    if (url.rfind(scheme, 0) != 0 || at == std::string::npos)
        throw std::runtime_error("not a postgresql://user@host URL: " + url);
    return scheme + role + url.substr(at);
}

std::string scratch_dir(const std::string& prefix) {
    const char* base = std::getenv("CASECIRCLE_TEST_TMPDIR");
    std::filesystem::path dir =
        std::filesystem::path(base && *base ? base : "/tmp") / (prefix + "_" + unique_suffix());
    std::filesystem::create_directories(dir);
    chmod(dir.c_str(), 0755);
    return dir.string();
}

test_database::test_database()
    : admin_url_(test_cluster_url()), name_("cc_test_" + unique_suffix()),
      url_(with_database(admin_url_, name_)) {
    pqxx::connection admin(admin_url_);
    pqxx::nontransaction tx(admin);
    tx.exec0("CREATE DATABASE " + tx.quote_name(name_) + " OWNER " + owner_role);
    tx.exec0("REVOKE ALL ON DATABASE " + tx.quote_name(name_) + " FROM PUBLIC");
    tx.exec0("GRANT CONNECT ON DATABASE " + tx.quote_name(name_) + " TO casecircle_app");
}

std::string test_database::server_url() const {
    return as_role(url_, server_role);
}

std::string test_database::owner_url() const {
    return as_role(url_, owner_role);
}

test_database::~test_database() {
    try {
        pqxx::connection admin(admin_url_);
        pqxx::nontransaction tx(admin);
        tx.exec0("DROP DATABASE IF EXISTS " + tx.quote_name(name_) + " WITH (FORCE)");
    } catch (const std::exception&) {
        // The cluster is thrown away after the run; a database left behind harms nothing.
    }
}

} // namespace casecircle::testing
