// archive_bench: how fast the archive search answers with a full archive.
//
// Applies the migrations, fills the archive with N generated approved sessions (default
// 100,000; see archive_fill.cpp), runs ANALYZE, then times S searches (default 500) through
// db::search_archive – German words, some inflected, some with date, format or case-code
// filters – and P parts of German compounds (default 200: "Beratung" for Schuldnerberatung,
// "Sucht" for Suchtberatung) with the same filters, and prints p50/p99/max per kind of search,
// the fill time and the table and index sizes. Target: p99 under 50 ms.
//
// Every search runs twice, in turns: with compound parts (as the server searches) and as the
// full-text search alone (archive_filter::compound_parts off, as before migration 016), so that
// the two can be compared under the same load.
//
// Usage: archive_bench [DATABASE_URL] [--search-url URL] [--sessions N] [--searches S]
//                      [--part-searches P] [--dump FILE]
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
    int part_searches = 200;
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
        } else if ((arg == "--sessions" || arg == "--searches" || arg == "--part-searches") &&
                   i + 1 < argc) {
            const auto value = std::atoll(argv[++i]);
            if (value <= 0) return false;
            if (arg == "--sessions")
                o.sessions = value;
            else if (arg == "--searches")
                o.searches = static_cast<int>(value);
            else
                o.part_searches = static_cast<int>(value);
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

// Parts of the generated compounds (archive_fill.cpp): ends (Schuldner|beratung,
// Sprach|kurs, Renten|antrag, Nord|stadt, Dowes|meier) and starts (Sucht|beratung,
// Nachbar|schaft, Beratungs|stelle), common and rare, and a part that is in no word. Kurs and
// Meier find only themselves: their stems at a word's end (kur, mei) are shorter than 4 letters.
const std::vector<std::string> parts = {
    "Beratung", "Sucht",  "Schuldner", "Kurs",   "Betreuung", "Antrag", "Kasse",  "Arbeit",
    "Hilfe",    "Platz",  "Nachbar",   "Verein", "Rückstand", "Stadt",  "Hausen", "Meier",
    "Huber",    "Gruber", "Beratungs", "Kinder", "Zeit",      "Frauen", "Sprach", "Pinguin"};

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

// Part search i: the filters of search i, a part of a compound as the text.
std::pair<std::string, db::archive_filter> part_search_number(int i) {
    auto f = search_number(i).second;
    f.text = parts[static_cast<std::size_t>(i * 7) % parts.size()];
    std::string kind = "part";
    if (!f.from.empty()) kind += "+dates";
    if (!f.format.empty()) kind += "+format";
    if (!f.case_code.empty()) kind += "+case";
    return {kind, f};
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

struct timings {
    std::map<std::string, std::vector<double>> by_kind;
    std::vector<double> all, texts, parts;
    std::size_t rows = 0;
    std::size_t wrong = 0;
};

// One kind's figures with compound parts and with the full-text search alone, and their ratio.
void print_line(const std::string& kind, const std::vector<double>& ms,
                const std::vector<double>& old_ms) {
    const auto p99 = percentile(ms, 0.99), old_p99 = percentile(old_ms, 0.99);
    std::printf("  %-22s n=%4zu  p50 %6.2f  p99 %6.2f  max %6.2f ms | full text only p50 %6.2f  "
                "p99 %6.2f ms | p99 ratio %.2f\n",
                kind.c_str(), ms.size(), percentile(ms, 0.5), p99,
                ms.empty() ? 0.0 : *std::max_element(ms.begin(), ms.end()), percentile(old_ms, 0.5),
                old_p99, old_p99 > 0 ? p99 / old_p99 : 0.0);
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

// Times one search and checks its answer.
std::vector<db::archive_entry> timed(pqxx::connection& conn, const std::string& kind,
                                     const db::archive_filter& f, timings& t) {
    const auto start = clock_type::now();
    auto found = db::search_archive(conn, f);
    const auto ms = seconds_since(start) * 1000;
    t.rows += found.size();
    t.wrong += misfits(f, found);
    t.by_kind[kind].push_back(ms);
    t.all.push_back(ms);
    (kind.rfind("part", 0) == 0 ? t.parts : t.texts).push_back(ms);
    return found;
}

// Both ways, in turns which one goes first, so that a warmer cache favours neither.
std::vector<db::archive_entry> run_both(pqxx::connection& conn, int i,
                                        const std::pair<std::string, db::archive_filter>& search,
                                        timings& with_parts, timings& full_text) {
    auto old_way = search.second;
    old_way.compound_parts = false;
    if (i % 2) timed(conn, search.first, old_way, full_text);
    auto found = timed(conn, search.first, search.second, with_parts);
    if (i % 2 == 0) timed(conn, search.first, old_way, full_text);
    return found;
}

void print_report(const timings& t, const timings& old, std::size_t count,
                  std::vector<std::pair<double, std::string>> slowest) {
    std::printf("searches (%zu, each with compound parts and as full text only, limit 50): with "
                "parts %.1f rows per answer, full text only %.1f; rows out of order or without "
                "a highlighted hit: %zu with parts, %zu full text only\n",
                count, static_cast<double>(t.rows) / static_cast<double>(count),
                static_cast<double>(old.rows) / static_cast<double>(count), t.wrong, old.wrong);
    print_line("all", t.all, old.all);
    print_line("the old bench's 500", t.texts, old.texts);
    print_line("compound parts", t.parts, old.parts);
    for (const auto& [kind, ms] : t.by_kind)
        print_line(kind, ms, old.by_kind.at(kind));
    std::sort(slowest.rbegin(), slowest.rend());
    std::printf("slowest with compound parts:\n");
    for (std::size_t i = 0; i < std::min<std::size_t>(5, slowest.size()); ++i)
        std::printf("  %7.2f ms  %s\n", slowest[i].first, slowest[i].second.c_str());
}

void dump_answers(
    const std::string& dump,
    const std::vector<std::pair<db::archive_filter, std::vector<db::archive_entry>>>& answers) {
    std::FILE* out = std::fopen(dump.c_str(), "w");
    if (!out) throw std::runtime_error("cannot write " + dump);
    for (std::size_t i = 0; i < answers.size(); ++i)
        dump_answer(out, static_cast<int>(i), answers[i].first, answers[i].second);
    std::fclose(out);
    std::printf("answers written to %s\n", dump.c_str());
}

void run_searches(pqxx::connection& conn, const options& o) {
    timings warm, warm_old;
    for (int i = 0; i < 20; ++i) { // warm the cache and the plans; not counted
        run_both(conn, i, search_number(i), warm, warm_old);
        run_both(conn, i, part_search_number(i), warm, warm_old);
    }
    std::vector<std::pair<std::string, db::archive_filter>> searches;
    for (int i = 0; i < o.searches; ++i)
        searches.push_back(search_number(i));
    for (int i = 0; i < o.part_searches; ++i)
        searches.push_back(part_search_number(i));
    timings with_parts, full_text;
    std::vector<std::pair<double, std::string>> slowest;
    std::vector<std::pair<db::archive_filter, std::vector<db::archive_entry>>> answers;
    for (std::size_t i = 0; i < searches.size(); ++i) {
        auto found = run_both(conn, static_cast<int>(i), searches[i], with_parts, full_text);
        slowest.emplace_back(with_parts.all.back(), describe(searches[i].second));
        if (!o.dump.empty()) answers.emplace_back(searches[i].second, std::move(found));
    }
    print_report(with_parts, full_text, searches.size(), std::move(slowest));
    if (!o.dump.empty()) dump_answers(o.dump, answers);
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
    run_searches(search_conn, o);
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    options o;
    if (!parse(argc, argv, o)) {
        std::fprintf(stderr,
                     "usage: archive_bench [DATABASE_URL] [--search-url URL] [--sessions N] "
                     "[--searches S] [--part-searches P] [--dump FILE]\n"
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
