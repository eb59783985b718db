#pragma once

namespace pqxx {
class connection;
}

namespace casecircle::db {

// True when the database answers a trivial query on this connection.
bool ping(pqxx::connection* conn);

} // namespace casecircle::db
