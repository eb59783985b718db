#pragma once

namespace pqxx {
class connection_base;
}

namespace casecircle::db {

// True when the database answers a trivial query on this connection.
bool ping(pqxx::connection_base* conn);

} // namespace casecircle::db
