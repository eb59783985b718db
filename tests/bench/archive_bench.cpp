// archive_bench: how fast the archive search answers with a full archive.
//
// Applies the migrations, fills the archive with N generated approved sessions (default
// 100,000; see archive_fill.cpp), runs ANALYZE, then times S searches (default 500) through
// db::search_archive – German words, some inflected, some with date, format or case-code
// filters – and prints p50/p99/max per kind of search, the fill time and the table and index
// sizes. Target: p99 under 50 ms.
//
// Usage: archive_bench [DATABASE_URL] [--search-url URL] [--sessions N] [--searches S]
//                      [--dump FILE]
//        (DATABASE_URL may also come from the environment)
//
// --dump FILE writes every search's answer to FILE (after the timing), in a form that two
// versions of the query can be compared by: see dump_answer.
//
// DATABASE_URL migrates, fills and runs VACUUM: the tables' owner (casecircle_owner) or a
// superuser. The searches run on --search-url, by default the same; run-archive-bench passes the
// server's own role (casecircle_server), which searches the archive in production.

#include "archive_fill.hpp"
#include "db/archive_queries.hpp"
#include "db/migrations.hpp"

#include <pqxx/pqxx>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace db = casecircle::db;
using clock_type = std::chrono::steady_clock;

namespace {

struct options {
    std::string url;
    std::string search_url;
    std::int64_t sessions = 100'000;
    int searches = 500;
    std::string dump;
};

bool parse(int argc, char** argv, options& o) {
    if (const char* env = std::getenv("DATABASE_URL")) o.url = env;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--search-url" && i + 1 < argc) {
            o.search_url = argv[++i];
        } else if (arg == "--dump" && i + 1 < argc) {
            o.dump = argv[++i];
        } else if ((arg == "--sessions" || arg == "--searches") && i + 1 < argc) {
            const auto value = std::atoll(argv[++i]);
            if (value <= 0) return false;
            if (arg == "--sessions")
                o.sessions = value;
            else
                o.searches = static_cast<int>(value);
        } else if (arg.rfind("--", 0) != 0) {
            o.url = arg;
        } else {
            return false;
        }
    }
    if (o.search_url.empty()) o.search_url = o.url;
    return !o.url.empty();
}

double seconds_since(clock_type::time_point start) {
    return std::chrono::duration<double>(clock_type::now() - start).count();
}

// Words a supervisor types: base forms, inflected forms the stemmer must map (Wohnungen,
// Jugendämter, Arbeitgebern), phrases, OR and exclusions, and words that occur nowhere.
const std::vector<std::string> words = {
    "Schuld", "Schulden", "Wohnungen", "Wohnung", "Termin", "Termine", "Suchtberatung", "Sucht",
    "Ausbildungen", "Kinderbetreuung", "Kitaplätze", "Jugendämter", "Bewerbung", "Arbeitgebern",
    "Führerscheins", "Mietrückstand", "Wartezeiten", "Ansprechpartnern", "Therapien", "Vermietern",
    "Familien", "Widersprüche", "Schuldnerberatung Termin", "Wohnung Jugendamt",
    "\"fester Ansprechpartner\"", "Kitaplatz OR Kinderbetreuung", "Jobcenter -Sucht",
    "Deutschkurse", "Depressionen", "Einkommens", "Zeitarbeitsfirma", "Nachbarn", "Räumung",
    "Dolmetscher", "Behördenpost", "Praktikums", "Pflege Mutter", "Aufenthaltstitels",
    "Frauenhäuser", "Bewährungshilfe", "Krankenkassen", "Rentenanträge", "Minijobs",
    "Weiterbildungen", "Ehrenamtes", "Sportvereine",
    // places in about 0.5 % of the sessions, surnames in about 0.05 %
    "Eichhausen", "Nordstadt", "Tannrode", "Birkweiler", "Wiesbach", "Bergheim", "Altdorf",
    "Hochburg", "Lindhagen", "Talbach", "Karenberger", "Boselhuber", "Litormaier", "Dumanbauer",
    "Keholwimmer", "Ladangruber", "Bigarmann", "Dowesmeier", "Kumerbrunner", "Lelinlehner",
    "Beratungsstelle Nordstadt", "Motivation", "Vertrauens", "Tagesstrukturen", "Psychiatrie"};

const std::vector<std::string> formats = {"qualitaetszirkel", "kollegiale_fallberatung",
                                          "fallkonferenz", "interdisziplinaere_fallbesprechung"};

// Search i of the run: mostly plain text, every fourth with a one-year date range, every sixth
// with a format, every tenth within one case, every twelfth a filter without text.
std::pair<std::string, db::archive_filter> search_number(int i) {
    db::archive_filter f;
    std::string kind;
    f.text = words[static_cast<std::size_t>(i * 7) % words.size()];
    if (i % 4 == 1) {
        const auto year = std::to_string(2018 + i % 8);
        f.from = year + "-01-01";
        f.to = year + "-12-31";
        kind += "+dates";
    }
    if (i % 6 == 2) {
        f.format = formats[static_cast<std::size_t>(i) % formats.size()];
        kind += "+format";
    }
    if (i % 10 == 3) {
        char code[16];
        std::snprintf(code, sizeof code, "FALL-%05d", (i * 37) % 20000);
        f.case_code = code;
        kind += "+case";
    }
    if (i % 12 == 5) {
        f.text.clear();
        f.format = formats[static_cast<std::size_t>(i) % formats.size()];
        return {"filter only (format)", f};
    }
    return {"text" + kind, f};
}

std::string describe(const db::archive_filter& f) {
    std::string out = "text='" + f.text + "'";
    if (!f.from.empty()) out += " from=" + f.from + " to=" + f.to;
    if (!f.format.empty()) out += " format=" + f.format;
    if (!f.case_code.empty()) out += " case=" + f.case_code;
    return out;
}

// A fast answer must still be right: newest first, and with text every row shows a hit.
std::size_t misfits(const db::archive_filter& f, const std::vector<db::archive_entry>& found) {
    std::size_t wrong = 0;
    for (std::size_t i = 0; i < found.size(); ++i) {
        const bool ordered = i == 0 || found[i - 1].session_date >= found[i].session_date;
        const bool hit =
            f.text.empty() || std::any_of(found[i].snippet.begin(), found[i].snippet.end(),
                                          [](const auto& p) { return p.hit; });
        if (!ordered || !hit) ++wrong;
    }
    return wrong;
}

std::string hits_of(const db::archive_entry& e) {
    std::string hits;
    for (const auto& part : e.snippet)
        if (part.hit) hits += (hits.empty() ? "" : "|") + part.text;
    return hits;
}

// One search's answer, one line per row. Rows of one day are equal for the query's order
// (session_date, approved_at: the generated sessions are approved at 11:00), so two correct plans
// may return them in another order, and, on the page's last day, other ones: rows are listed
// sorted by day and room, those of the last day (when the page is full) only counted.
void dump_answer(std::FILE* out, int i, const db::archive_filter& f,
                 std::vector<db::archive_entry> found) {
    std::fprintf(out, "search %d: %s: %zu rows\n", i, describe(f).c_str(), found.size());
    const bool full = found.size() == static_cast<std::size_t>(f.limit);
    const std::string last_day = found.empty() ? "" : found.back().session_date;
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
        return a.session_date != b.session_date ? a.session_date > b.session_date
                                                : a.room_id < b.room_id;
    });
    std::size_t on_last_day = 0;
    for (const auto& e : found) {
        if (full && e.session_date == last_day) {
            ++on_last_day;
            continue;
        }
        std::fprintf(out, "  %s %s %s [%s]\n", e.session_date.c_str(), e.room_id.c_str(),
                     e.format.c_str(), hits_of(e).c_str());
    }
    if (full) std::fprintf(out, "  %s: %zu rows\n", last_day.c_str(), on_last_day);
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const auto rank = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(rank, v.size() - 1)];
}

void print_line(const std::string& kind, const std::vector<double>& ms) {
    std::printf("  %-28s n=%4zu  p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms\n", kind.c_str(),
                ms.size(), percentile(ms, 0.5), percentile(ms, 0.99),
                ms.empty() ? 0.0 : *std::max_element(ms.begin(), ms.end()));
}

void print_sizes(pqxx::connection& conn) {
    pqxx::read_transaction tx(conn);
    std::printf("sizes:\n");
    for (const auto& row :
         tx.exec("SELECT c.relname, pg_size_pretty(pg_relation_size(c.oid)), "
                 "pg_size_pretty(pg_total_relation_size(c.oid)), c.relkind::text "
                 "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                 "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'i') "
                 "AND (c.relname LIKE 'minutes%' OR c.relname = 'rooms') ORDER BY c.relkind DESC, "
                 "c.relname"))
        std::printf("  %-6s %-28s %10s%s\n", row[3].as<std::string>() == "r" ? "table" : "index",
                    row[0].c_str(), row[1].c_str(),
                    row[3].as<std::string>() == "r"
                        ? ("  (with TOAST and indexes " + row[2].as<std::string>() + ")").c_str()
                        : "");
}

void run_searches(pqxx::connection& conn, int count, const std::string& dump) {
    for (int i = 0; i < 20; ++i) // warm the cache and the plans; not counted
        db::search_archive(conn, search_number(i).second);
    std::map<std::string, std::vector<double>> by_kind;
    std::vector<double> all;
    std::vector<std::pair<double, std::string>> slowest;
    std::size_t rows = 0;
    std::size_t wrong = 0;
    std::vector<std::vector<db::archive_entry>> answers;
    for (int i = 0; i < count; ++i) {
        const auto [kind, filter] = search_number(i);
        const auto start = clock_type::now();
        const auto found = db::search_archive(conn, filter);
        const auto ms = seconds_since(start) * 1000;
        rows += found.size();
        wrong += misfits(filter, found);
        by_kind[kind].push_back(ms);
        all.push_back(ms);
        slowest.emplace_back(ms, describe(filter));
        if (!dump.empty()) answers.push_back(found);
    }
    std::printf("searches (%d, limit 50, %.1f rows per answer on average, %zu rows out of "
                "order or without a highlighted hit):\n",
                count, static_cast<double>(rows) / count, wrong);
    print_line("all", all);
    for (const auto& [kind, ms] : by_kind)
        print_line(kind, ms);
    std::sort(slowest.rbegin(), slowest.rend());
    std::printf("slowest:\n");
    for (std::size_t i = 0; i < std::min<std::size_t>(5, slowest.size()); ++i)
        std::printf("  %7.2f ms  %s\n", slowest[i].first, slowest[i].second.c_str());
    if (dump.empty()) return;
    std::FILE* out = std::fopen(dump.c_str(), "w");
    if (!out) throw std::runtime_error("cannot write " + dump);
    for (int i = 0; i < count; ++i)
        dump_answer(out, i, search_number(i).second, answers[static_cast<std::size_t>(i)]);
    std::fclose(out);
    std::printf("answers written to %s\n", dump.c_str());
}

int run(const options& o) {
    const auto applied = db::migrate(o.url, CASECIRCLE_MIGRATIONS_DIR);
    std::printf("migrations applied now: %zu\n", applied.size());
    pqxx::connection conn(o.url);
    auto start = clock_type::now();
    casecircle::bench::fill_archive(conn, o.sessions, [&](std::int64_t done) {
        std::printf("  filled %lld sessions (%.1f s)\n", static_cast<long long>(done),
                    seconds_since(start));
        std::fflush(stdout);
    });
    std::printf("fill: %.1f s\n", seconds_since(start));
    start = clock_type::now();
    {
        pqxx::nontransaction tx(conn); // VACUUM refuses to run in a transaction block
        tx.exec0("VACUUM ANALYZE minutes");
        tx.exec0("VACUUM ANALYZE minutes_cards");
    }
    std::printf("vacuum analyze: %.1f s\n", seconds_since(start));
    {
        pqxx::read_transaction tx(conn);
        std::printf("archive: %s minutes, %s cards\n",
                    tx.exec1("SELECT count(*) FROM minutes")[0].c_str(),
                    tx.exec1("SELECT count(*) FROM minutes_cards")[0].c_str());
    }
    print_sizes(conn);
    // The searches as --search-url's role, on a connection of their own; run_searches warms it.
    pqxx::connection search_conn(o.search_url);
    std::printf("searching as the role %s\n", search_conn.username());
    run_searches(search_conn, o.searches, o.dump);
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    options o;
    if (!parse(argc, argv, o)) {
        std::fprintf(stderr,
                     "usage: archive_bench [DATABASE_URL] [--search-url URL] [--sessions N] "
                     "[--searches S] [--dump FILE]\n"
                     "       (or DATABASE_URL in the environment)\n");
        return 2;
    }
    try {
        return run(o);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "archive_bench: %s\n", e.what());
        return 1;
    }
}
