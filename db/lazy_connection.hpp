#pragma once

#include <memory>
#include <string>

namespace pqxx {
class connection_base;
}

namespace casecircle::db {

// A PostgreSQL connection that is opened when first needed and opened again after it broke, so
// that a thread owning one carries on by itself once the database is back.
class lazy_connection {
  public:
    explicit lazy_connection(std::string database_url);
    ~lazy_connection();
    lazy_connection(const lazy_connection&) = delete;
    lazy_connection& operator=(const lazy_connection&) = delete;

    // The open connection, or nullptr while the database cannot be reached.
    pqxx::connection_base* get();
    void reset();
    // After a failed call: drop the connection if libpq says it is gone.
    void reset_if_broken();

  private:
    struct close_connection {
        void operator()(pqxx::connection_base* conn) const;
    };
    std::string database_url_;
    std::unique_ptr<pqxx::connection_base, close_connection> conn_;
};

} // namespace casecircle::db
