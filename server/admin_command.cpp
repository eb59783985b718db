#include "server/admin_command.hpp"

#include "db/accounts.hpp"
#include "db/audit.hpp"
#include "db/database_setup.hpp"
#include "db/retention.hpp"
#include "server/passwords.hpp"

#include <chrono>
#include <cstdlib>
#include <istream>
#include <map>
#include <optional>
#include <ostream>
#include <pqxx/pqxx>
#include <string>

namespace casecircle::server {
namespace {

constexpr const char* usage =
    "usage:\n"
    "  casecircle admin create-user USERNAME --team TEAM --role ROLE [--display-name NAME]\n"
    "      reads the password from the first line of standard input (at least 10 characters);\n"
    "      ROLE is member, moderator, supervisor or team_admin; the team is created if new\n"
    "  casecircle admin retention [--dry-run] [--closed-grace-hours N]\n"
    "      deletes expired sessions: approved ones and team sessions never approved once older\n"
    "      than their team's retention period, cancelled and discarded ones N hours after they\n"
    "      were closed (default 24), open rooms (training) a day after they were created\n"
    "  both take --database-url URL (or DATABASE_URL), --migrations-dir DIR and\n"
    "      --owner-database-url URL (or OWNER_DATABASE_URL) to apply pending migrations\n";

struct admin_args {
    std::string command;
    std::string positional;
    std::map<std::string, std::string> flags;
    bool dry_run = false;
};

std::optional<admin_args> parse(int argc, const char* const* argv) {
    admin_args a;
    if (argc < 3) return std::nullopt;
    a.command = argv[2];
    for (int i = 3; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--dry-run") {
            a.dry_run = true;
        } else if (arg.rfind("--", 0) == 0 && i + 1 < argc) {
            a.flags[arg] = argv[++i];
        } else if (a.positional.empty() && arg.rfind("--", 0) != 0) {
            a.positional = arg;
        } else {
            return std::nullopt;
        }
    }
    return a;
}

std::string flag_or_env(const admin_args& a, const char* flag, const char* env) {
    if (const auto it = a.flags.find(flag); it != a.flags.end()) return it->second;
    const char* value = std::getenv(env);
    return value ? value : "";
}

int create_user(pqxx::connection& conn, const admin_args& a, std::istream& in, std::ostream& out,
                std::ostream& err) {
    const auto team = a.flags.count("--team") ? a.flags.at("--team") : "";
    const auto role = a.flags.count("--role") ? a.flags.at("--role") : "";
    if (a.positional.empty() || team.empty() || !db::is_team_role(role)) {
        err << usage;
        return 2;
    }
    std::string password;
    std::getline(in, password);
    if (!acceptable_password(password)) {
        err << "casecircle: the password must be 10 to 256 characters long\n";
        return 2;
    }
    const auto username = db::normalise_username(a.positional);
    if (!db::well_formed_username(username)) {
        err << "casecircle: a user name has 2 to 60 characters of a-z, 0-9, '.', '_', '-'\n";
        return 2;
    }
    if (db::reserved_username(username)) {
        err << "casecircle: the user name '" << username << "' is reserved\n";
        return 2;
    }
    const auto display = a.flags.count("--display-name") ? a.flags.at("--display-name") : username;
    const auto hash = hash_password(password);
    if (!hash) {
        err << "casecircle: could not hash the password (out of memory?)\n";
        return 1;
    }
    const auto user_id = db::create_user(conn, username, display, *hash);
    if (!user_id) {
        err << "casecircle: the user name '" << username << "' is taken\n";
        return 1;
    }
    const auto team_id = db::ensure_team(conn, team);
    db::set_team_role(conn, team_id, *user_id, role);
    db::record_audit(conn, {team_id, "admin-cli", "user_created", username, "", {{"role", role}}});
    out << "created user " << username << " as " << role << " in team " << team << "\n";
    return 0;
}

// A whole number of hours from 0 to ten years, or nothing.
std::optional<std::chrono::hours> parse_hours(const std::string& text) {
    if (text.empty() || text.size() > 6 ||
        text.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    const auto hours = std::stoi(text);
    if (hours > 87600) return std::nullopt;
    return std::chrono::hours(hours);
}

int retention(pqxx::connection& conn, const admin_args& a, std::ostream& out, std::ostream& err) {
    auto grace = db::default_closed_grace;
    if (const auto it = a.flags.find("--closed-grace-hours"); it != a.flags.end()) {
        const auto hours = parse_hours(it->second);
        if (!hours) {
            err << "casecircle: --closed-grace-hours takes a whole number of hours (0 to 87600)\n";
            return 2;
        }
        grace = *hours;
    }
    const auto sessions = db::delete_expired_sessions(conn, a.dry_run, "admin-cli", grace);
    for (const auto& s : sessions) {
        out << (a.dry_run ? "would delete " : "deleted ") << s.room_id << " (" << s.kind << ", "
            << s.case_code << ", " << s.session_date << ", ";
        if (s.team_id)
            out << "team " << *s.team_id;
        else
            out << "open room";
        if (s.retention_days) out << ", kept " << *s.retention_days << " days";
        out << ")\n";
    }
    out << sessions.size() << " session(s) " << (a.dry_run ? "would be deleted" : "deleted")
        << "\n";
    return 0;
}

} // namespace

int run_admin(int argc, const char* const* argv, std::istream& in, std::ostream& out,
              std::ostream& err) {
    const auto args = parse(argc, argv);
    if (!args || (args->command != "create-user" && args->command != "retention")) {
        err << usage;
        return 2;
    }
    const auto url = flag_or_env(*args, "--database-url", "DATABASE_URL");
    if (url.empty()) {
        err << "casecircle: no database: set DATABASE_URL or pass --database-url\n";
        return 2;
    }
    auto migrations = flag_or_env(*args, "--migrations-dir", "MIGRATIONS_DIR");
    if (migrations.empty())
        migrations = std::string(CASECIRCLE_DEFAULT_SHARE_DIR) + "/db/migrations";
    try {
        db::prepare_database({url, flag_or_env(*args, "--owner-database-url", "OWNER_DATABASE_URL"),
                              migrations, db::privileged_role_policy::allow});
        pqxx::connection conn(url);
        if (args->command == "create-user") return create_user(conn, *args, in, out, err);
        return retention(conn, *args, out, err);
    } catch (const std::exception& e) {
        err << "casecircle: " << e.what() << "\n";
        return 1;
    }
}

} // namespace casecircle::server
