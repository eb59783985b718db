#include "archive_fill.hpp"

#include <pqxx/pqxx>

#include <algorithm>
#include <initializer_list>
#include <string>

namespace casecircle::bench {

namespace {

// Vocabulary of real case reviews in employment, housing, debt and family services. Cards are
// subject + predicate pairs, so that 50 × 30 phrases give sessions that differ, and inflected
// forms appear in both the texts and the searches.
constexpr std::initializer_list<const char*> subjects = {"Schulden",
                                                         "Mietrückstände",
                                                         "Die Wohnung",
                                                         "Der Vermieter",
                                                         "Das Jobcenter",
                                                         "Die Schuldnerberatung",
                                                         "Die Suchtberatung",
                                                         "Der Hausarzt",
                                                         "Die Therapie",
                                                         "Die Kinderbetreuung",
                                                         "Der Kitaplatz",
                                                         "Das Jugendamt",
                                                         "Die Schwester",
                                                         "Die Familie",
                                                         "Der Partner",
                                                         "Die Ausbildung",
                                                         "Der Sprachkurs",
                                                         "Der Deutschkurs",
                                                         "Die Bewerbungen",
                                                         "Der Arbeitgeber",
                                                         "Das Praktikum",
                                                         "Der Führerschein",
                                                         "Die Pflege der Mutter",
                                                         "Die Behördenpost",
                                                         "Der Antrag",
                                                         "Der Bescheid",
                                                         "Der Widerspruch",
                                                         "Die Sanktion",
                                                         "Die Motivation",
                                                         "Das Vertrauen",
                                                         "Ein fester Ansprechpartner",
                                                         "Die Tagesstruktur",
                                                         "Die Depression",
                                                         "Die Psychiatrie",
                                                         "Die Wartezeit",
                                                         "Das Netzwerk",
                                                         "Die Ausländerbehörde",
                                                         "Der Aufenthaltstitel",
                                                         "Das Frauenhaus",
                                                         "Die Bewährungshilfe",
                                                         "Die Gesundheit",
                                                         "Der Rentenantrag",
                                                         "Die Krankenkasse",
                                                         "Das Einkommen",
                                                         "Der Minijob",
                                                         "Die Zeitarbeit",
                                                         "Die Weiterbildung",
                                                         "Das Ehrenamt",
                                                         "Der Sportverein",
                                                         "Die Nachbarschaft"};

constexpr std::initializer_list<const char*> predicates = {"wird nicht bearbeitet",
                                                           "fehlt seit Monaten",
                                                           "kommt zu spät",
                                                           "ist unzureichend",
                                                           "hilft sehr",
                                                           "ist eine Stärke",
                                                           "belastet stark",
                                                           "muss geklärt werden",
                                                           "wurde beantragt",
                                                           "ist abgelehnt worden",
                                                           "braucht Begleitung",
                                                           "kommt nicht zustande",
                                                           "scheitert an Terminen",
                                                           "gibt Halt",
                                                           "verursacht Stress",
                                                           "ist zuverlässig",
                                                           "ist überlastet",
                                                           "meldet sich nicht",
                                                           "wartet auf Rückmeldung",
                                                           "braucht mehr Zeit",
                                                           "läuft gut",
                                                           "ist unklar",
                                                           "hat lange Wartezeiten",
                                                           "reagiert nicht auf Briefe",
                                                           "motiviert zu neuen Schritten",
                                                           "wird vermieden",
                                                           "ist nicht erreichbar",
                                                           "bietet Unterstützung",
                                                           "verhindert die Arbeitsaufnahme",
                                                           "sichert den Alltag"};

constexpr std::initializer_list<const char*> questions = {
    "Wie gewinne ich K. für verbindliche Termine?",
    "Wie sichern wir die Wohnung?",
    "Was hindert K. daran, Termine zu halten?",
    "Wie kann die Schuldenregulierung beginnen?",
    "Welche Hilfe braucht die Familie zuerst?",
    "Wie gelingt der Einstieg in eine Ausbildung?",
    "Wie erreichen wir die Suchtberatung gemeinsam?",
    "Wie kann die Kinderbetreuung gesichert werden?",
    "Wie stabilisieren wir die Gesundheit?",
    "Was braucht K., um Bewerbungen zu schreiben?",
    "Wie klären wir den Aufenthaltsstatus?",
    "Wie kommen Jobcenter und Jugendamt ins Gespräch?",
    "Wie kann K. die Behördenpost wieder öffnen?",
    "Welche Tagesstruktur trägt K. durch die Woche?",
    "Wie verhindern wir die Räumung der Wohnung?",
    "Wie finden wir einen Therapieplatz?"};

constexpr std::initializer_list<const char*> decisions = {
    "Ich begleite K. zum ersten Termin der Schuldnerberatung.",
    "Antrag auf Übernahme der Mietrückstände stellen.",
    "Gemeinsames Gespräch mit dem Jugendamt vereinbaren.",
    "Vermittlung in einen Sprachkurs einleiten.",
    "Kontakt zur Suchtberatung herstellen.",
    "Praktikumsplatz beim Arbeitgeber anfragen.",
    "Hausbesuch mit der Familienhilfe planen.",
    "Widerspruch gegen den Bescheid einlegen.",
    "Kinderbetreuung über die Kita sichern.",
    "Fallkonferenz mit allen Beteiligten einberufen.",
    "Termin beim Hausarzt zur Abklärung der Arbeitsfähigkeit.",
    "Bewerbungstraining mit festen Wochenterminen beginnen."};

constexpr std::initializer_list<const char*> deficits = {
    "Aufsuchende Schuldnerberatung fehlt",
    "Termin erst nach zehn Wochen",
    "Jobcenter und Suchtberatung reden nicht miteinander",
    "Kein Therapieplatz in Reichweite",
    "Kitaplatz kommt zu spät",
    "Dolmetscher fehlt bei Behördenterminen",
    "Wohnungsangebote sind unzureichend",
    "Keine Kinderbetreuung am Abend",
    "Ausländerbehörde antwortet nicht",
    "Bescheide kommen zu spät"};

constexpr std::initializer_list<const char*> moderators = {
    "Mira Moderatorin", "Jonas Becker", "Anna Schmidt", "Lea Wagner",   "Paul Fischer",
    "Sara Yilmaz",      "Tim Hoffmann", "Eva Schulz",   "Nora Klein",   "Ali Demir",
    "Jana Wolf",        "Max Neumann",  "Ida Krüger",   "Ben Hartmann", "Lina Braun"};

std::string array_sql(pqxx::transaction_base& tx, std::initializer_list<const char*> words) {
    std::string sql = "ARRAY[";
    for (const auto* w : words) {
        if (sql.back() != '[') sql += ',';
        sql += tx.quote(std::string(w));
    }
    return sql + "]::text[]";
}

// Place names (200, each in about 1 of 200 sessions) and surnames (2,000, about 1 in 2,000):
// words of middle and low frequency, where a planner that guesses wrong walks the whole table.
constexpr std::initializer_list<const char*> place_starts = {
    "Nord", "Süd",  "Ost",  "West", "Alt",  "Neu",  "Ober", "Unter", "Mittel", "Hoch",
    "Tief", "Lind", "Eich", "Birk", "Buch", "Tann", "Wies", "Feld",  "Berg",   "Tal"};
constexpr std::initializer_list<const char*> place_ends = {
    "stadt", "dorf", "heim", "hausen", "feld", "bach", "burg", "hagen", "rode", "weiler"};
constexpr std::initializer_list<const char*> name_starts = {
    "Ba", "Be", "Bi", "Bo", "Bu", "Da", "De", "Di", "Do", "Du",
    "Ka", "Ke", "Ki", "Ko", "Ku", "La", "Le", "Li", "Lo", "Lu"};
constexpr std::initializer_list<const char*> name_middles = {"ren", "sel", "tor", "man", "lin",
                                                             "gar", "wes", "hol", "mer", "dan"};
constexpr std::initializer_list<const char*> name_ends = {
    "mann", "meier", "berger", "huber", "bauer", "lehner", "maier", "wimmer", "brunner", "gruber"};

// One row of word lists and a deterministic pick(), for the batches on this connection.
void prepare(pqxx::connection_base& conn) {
    pqxx::work tx(conn);
    tx.exec0("CREATE TEMP TABLE IF NOT EXISTS bench_vocab AS SELECT " + array_sql(tx, subjects) +
             " AS subj, " + array_sql(tx, predicates) + " AS pred, " + array_sql(tx, questions) +
             " AS quest, " + array_sql(tx, decisions) + " AS decis, " + array_sql(tx, deficits) +
             " AS defic, " + array_sql(tx, moderators) +
             " AS moder, ARRAY(SELECT a || b FROM unnest(" + array_sql(tx, place_starts) +
             ") a, unnest(" + array_sql(tx, place_ends) +
             ") b) AS place, ARRAY(SELECT a || b || c FROM unnest(" + array_sql(tx, name_starts) +
             ") a, unnest(" + array_sql(tx, name_middles) + ") b, unnest(" +
             array_sql(tx, name_ends) + ") c) AS surname");
    tx.exec0("CREATE OR REPLACE FUNCTION pg_temp.pick(a text[], seed bigint) RETURNS text "
             "LANGUAGE sql IMMUTABLE AS "
             "$$ SELECT a[1 + abs(hashint8(seed) % cardinality(a))] $$");
    tx.commit();
}

// The session-level columns of one batch; each session gets 14-38 cards, 2-4 options and a
// short case summary, about 2 KB of text, like a real quality circle.
constexpr const char* batch_sql = R"sql(
CREATE TEMP TABLE bench_batch ON COMMIT DROP AS
SELECT s.*, array_to_string(ARRAY[s.title, s.summary, s.question, s.alternative]
         || s.cards || s.local || s.options || ARRAY[s.decision, s.remark], E'\n') AS search_text
FROM (
  SELECT i, 'bench-' || i AS room_id,
    (ARRAY['qualitaetszirkel', 'qualitaetszirkel', 'qualitaetszirkel', 'kollegiale_fallberatung',
           'fallkonferenz', 'interdisziplinaere_fallbesprechung',
           'fallbesprechung_fachberatung'])[1 + i % 7] AS format,
    'FALL-' || lpad((i % 20000)::text, 5, '0') AS case_code,
    'Sitzung ' || i AS title,
    date '2018-01-01' + (i * 7919 % 3287)::int AS session_date,
    pg_temp.pick(v.moder, i) AS moderator,
    pg_temp.pick(v.quest, i * 3) AS question,
    pg_temp.pick(v.quest, i * 5 + 1) AS alternative,
    pg_temp.pick(v.subj, i * 7) || ' ' || pg_temp.pick(v.pred, i * 11) || '. '
      || pg_temp.pick(v.subj, i * 13) || ' ' || pg_temp.pick(v.pred, i * 17) || '.' AS summary,
    ARRAY(SELECT pg_temp.pick(v.subj, i * 131 + k) || ' ' || pg_temp.pick(v.pred, i * 173 + k * 7)
          FROM generate_series(1, 12 + i % 25) k) AS cards,
    ARRAY['Beratungsstelle in ' || pg_temp.pick(v.place, i * 37),
          'Ansprechperson Frau ' || pg_temp.pick(v.surname, i * 41)] AS local,
    ARRAY(SELECT pg_temp.pick(v.decis, i * 19 + k) FROM generate_series(1, 2 + i % 3) k) AS options,
    pg_temp.pick(v.decis, i * 23) AS decision,
    CASE WHEN i % 5 = 0 THEN 'Wiedervorlage wie besprochen.' ELSE '' END AS remark,
    v.defic
  FROM generate_series($1::bigint, $2::bigint) i, bench_vocab v
) s
)sql";

constexpr const char* insert_sql = R"sql(
INSERT INTO rooms (room_id, format, case_code, title, invite_hash, created_at, ended_at)
SELECT room_id, format, case_code, title, md5(room_id), session_date + time '09:00',
       session_date + time '10:40'
FROM bench_batch;
INSERT INTO minutes (room_id, format, case_code, title, session_date, moderator, approved_at,
                     review_date, content, markdown, search_text)
SELECT room_id, format, case_code, title, session_date, moderator, session_date + time '11:00',
  session_date + (28 + i % 60)::int,
  jsonb_build_object('minutes_version', 1, 'format', jsonb_build_object('id', format),
    'case_code', case_code, 'title', title, 'date', session_date::text, 'approved', true,
    'moderator', jsonb_build_object('id', 'p1', 'name', moderator),
    'question', jsonb_build_object('valid', jsonb_build_object('text', question)),
    'options', to_jsonb(options), 'cards', to_jsonb(cards || local),
    'decision', jsonb_build_object('text', decision,
                                   'review_date', (session_date + (28 + i % 60)::int)::text)),
  '# Protokoll: ' || format || E'\n\n' || search_text, search_text
FROM bench_batch;
INSERT INTO minutes_cards (room_id, card_id, step, step_key, category, category_title, record,
                           text, author, advocatus)
SELECT room_id, 'd' || k, 7, 'luecken_im_hilfesystem',
  (ARRAY['fehlt', 'unzureichend', 'zu_spaet', 'kooperation_scheitert'])[1 + (i + k) % 4],
  (ARRAY['Fehlt', 'Unzureichend', 'Zu spät', 'Kooperation scheitert'])[1 + (i + k) % 4],
  NULL, pg_temp.pick(defic, i * 29 + k), moderator, false
FROM bench_batch, generate_series(1, i % 4) k
UNION ALL
SELECT room_id, 's1', 9, 'schlussreflexion', 'verbesserung', 'Verbesserungsvorschläge',
  'suggestions', 'Mehr Zeit für die Beratungsfrage', moderator, false
FROM bench_batch WHERE i % 10 = 0;
)sql";

std::int64_t present(pqxx::connection_base& conn) {
    pqxx::read_transaction tx(conn);
    return tx.exec1("SELECT count(*) FROM minutes WHERE room_id LIKE 'bench-%'")[0]
        .as<std::int64_t>();
}

} // namespace

void fill_archive(pqxx::connection_base& conn, std::int64_t sessions,
                  const std::function<void(std::int64_t)>& progress) {
    prepare(conn);
    constexpr std::int64_t batch = 10'000;
    for (auto done = present(conn); done < sessions;) {
        const auto last = std::min(sessions, done + batch);
        pqxx::work tx(conn);
        tx.exec0("SET LOCAL synchronous_commit = off");
        tx.exec_params(batch_sql, done + 1, last);
        tx.exec0(insert_sql);
        tx.commit();
        done = last;
        progress(done);
    }
}

} // namespace casecircle::bench
