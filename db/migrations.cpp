#include "db/migrations.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <memory>
#include <pqxx/pqxx>
#include <sstream>

namespace casecircle::db {
namespace {

// Two servers starting at once against one database must not apply a file twice.
constexpr long long migration_lock_key = 0x6361736563697263; // "casecirc"

struct migration_file {
    int version;
    std::filesystem::path path;
    std::string sql; // read once per start: checked against the ledger, applied if new
};

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw migration_error("migration " + path.filename().string() + ": cannot be read");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<migration_file> list_migrations(const std::filesystem::path& dir) {
    std::vector<migration_file> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        const auto name = entry.path().filename().string();
        if (entry.path().extension() != ".sql") continue;
        const auto digits = name.find_first_not_of("0123456789");
        if (digits == 0 || digits == std::string::npos || name[digits] != '_')
            throw migration_error("migration " + name +
                                  ": the name must start with a number and '_'");
        files.push_back({std::stoi(name.substr(0, digits)), entry.path(), read_file(entry.path())});
    }
    if (ec) throw migration_error("migrations folder " + dir.string() + ": " + ec.message());
    std::sort(files.begin(), files.end(),
              [](const auto& a, const auto& b) { return a.version < b.version; });
    for (std::size_t i = 1; i < files.size(); ++i)
        if (files[i].version == files[i - 1].version)
            throw migration_error("migrations " + files[i - 1].path.filename().string() + " and " +
                                  files[i].path.filename().string() + " share a number");
    return files;
}

// SHA-256 of the file as applied, computed by PostgreSQL itself (no second hashing library).
constexpr const char* checksum_sql = "encode(sha256(convert_to($1, 'UTF8')), 'hex')";

void ensure_ledger(pqxx::connection_base& conn) {
    pqxx::work tx(conn);
    tx.exec1("SELECT pg_advisory_xact_lock(" + std::to_string(migration_lock_key) + ")");
    tx.exec0("CREATE TABLE IF NOT EXISTS schema_migrations ("
             " version integer PRIMARY KEY,"
             " name text NOT NULL,"
             " applied_at timestamptz NOT NULL DEFAULT now())");
    // Ledgers from before checksums get the column; their rows adopt the files' checksums below.
    tx.exec0("ALTER TABLE schema_migrations ADD COLUMN IF NOT EXISTS checksum text");
    tx.commit();
}

// An applied migration whose file has changed since stops the start: the database holds what the
// old text did, and a silent difference would surface as a broken upgrade much later.
void check_unchanged(pqxx::transaction_base& tx, const migration_file& file, bool adopt) {
    const auto row = tx.exec_params(std::string("SELECT checksum, ") + checksum_sql +
                                        ", applied_at::date::text FROM schema_migrations "
                                        "WHERE version = $2",
                                    file.sql, file.version);
    if (row.empty()) return;
    const auto now = row[0][1].as<std::string>();
    if (row[0][0].is_null()) {
        if (adopt)
            tx.exec_params0(std::string("UPDATE schema_migrations SET checksum = ") + checksum_sql +
                                " WHERE version = $2",
                            file.sql, file.version);
        return;
    }
    if (row[0][0].as<std::string>() != now)
        throw migration_error("migration " + file.path.filename().string() +
                              " was changed after it was applied to this database (on " +
                              row[0][2].as<std::string>() +
                              "; its checksum differs): restore the file as it was released – a "
                              "change of the schema goes into a new migration");
}

void check_applied(pqxx::connection_base& conn, const std::vector<migration_file>& files) {
    pqxx::work tx(conn);
    tx.exec1("SELECT pg_advisory_xact_lock(" + std::to_string(migration_lock_key) + ")");
    for (const auto& file : files)
        check_unchanged(tx, file, true);
    tx.commit();
}

// Returns false when another start recorded the file first.
bool apply_one(pqxx::connection_base& conn, const migration_file& file) {
    const auto name = file.path.filename().string();
    const auto& sql = file.sql;
    pqxx::work tx(conn);
    tx.exec1("SELECT pg_advisory_xact_lock(" + std::to_string(migration_lock_key) + ")");
    if (!tx.exec_params("SELECT 1 FROM schema_migrations WHERE version = $1", file.version).empty())
        return false;
    try {
        tx.exec0(sql);
    } catch (const pqxx::sql_error& e) {
        throw migration_error("migration " + name + " failed: " + one_line(e.what()));
    }
    tx.exec_params0(std::string("INSERT INTO schema_migrations (version, name, checksum) VALUES "
                                "($2, $3, ") +
                        checksum_sql + ")",
                    sql, file.version, name);
    tx.commit();
    return true;
}

} // namespace

std::string one_line(std::string text) {
    for (auto& c : text)
        if (c == '\n' || c == '\t') c = ' ';
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.pop_back();
    return text;
}

std::vector<std::string> apply_migrations(pqxx::connection_base& conn,
                                          const std::filesystem::path& dir) {
    const auto files = list_migrations(dir);
    ensure_ledger(conn);
    check_applied(conn, files);
    std::vector<std::string> applied;
    for (const auto& file : files)
        if (apply_one(conn, file)) applied.push_back(file.path.filename().string());
    return applied;
}

std::vector<std::string> pending_migrations(pqxx::connection_base& conn,
                                            const std::filesystem::path& dir) {
    const auto files = list_migrations(dir);
    pqxx::read_transaction tx(conn);
    std::vector<std::string> pending;
    const bool ledger =
        tx.exec1("SELECT to_regclass('schema_migrations') IS NOT NULL")[0].as<bool>();
    const bool checksums =
        ledger && !tx.exec("SELECT 1 FROM information_schema.columns WHERE table_name = "
                           "'schema_migrations' AND column_name = 'checksum'")
                       .empty();
    for (const auto& file : files) {
        // The server's own role only reads: a changed file is refused here too.
        if (checksums) check_unchanged(tx, file, false);
        if (!ledger ||
            tx.exec_params("SELECT 1 FROM schema_migrations WHERE version = $1", file.version)
                .empty())
            pending.push_back(file.path.filename().string());
    }
    return pending;
}

std::vector<std::string> migrate(const std::string& database_url,
                                 const std::filesystem::path& dir) {
    std::unique_ptr<pqxx::connection> conn;
    try {
        conn = std::make_unique<pqxx::connection>(database_url);
    } catch (const std::exception& e) {
        throw database_unreachable(one_line(e.what()));
    }
    try {
        return apply_migrations(*conn, dir);
    } catch (const pqxx::broken_connection& e) {
        throw database_unreachable(one_line(e.what()));
    } catch (const pqxx::sql_error& e) {
        throw migration_error("migrations: " + one_line(e.what()));
    }
}

} // namespace casecircle::db
