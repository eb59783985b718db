#pragma once

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <string>

// A registered case as the API shows it, read by the agenda and the registration's own call;
// db/ only.
namespace casecircle::db {

// "SELECT <columns> FROM case_registrations c …" – append WHERE and ORDER BY.
std::string registration_select();
nlohmann::json registration_of(const pqxx::row& r);

} // namespace casecircle::db
