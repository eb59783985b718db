-- Archive search with a format filter (issue #17; tests/bench/ARCHIVE_RESULTS.md). With a million
-- sessions a place name matches ~5,000 of them, and a format keeps 15-45 % of those. With the
-- format outside the search index PostgreSQL either read all ~5,000 matching rows to drop most of
-- them, or built a bitmap of every session of the format (430,000 entries, ~35 ms) to AND it with
-- the matches. With the format in the same GIN index, one index scan intersects the word's
-- entries with the format's and reads only the rows it returns (115 ms -> ~20 ms).
--
-- A GIN index on a plain text column needs the btree_gin operator classes, a contrib extension
-- that ships with PostgreSQL (Debian's postgresql-15; other packagings: postgresql-contrib). It is
-- trusted, so the migrations' role may create it: that needs CREATE on the database, which its
-- owner casecircle_owner has (db/setup/database.sql) and casecircle_server has not.
CREATE EXTENSION IF NOT EXISTS btree_gin WITH SCHEMA public;

-- The same index as before for a search without a format: a GIN index keeps each column's keys
-- apart, and a scan uses only the columns its conditions name.
DROP INDEX minutes_search;
CREATE INDEX minutes_search ON minutes USING gin (search, format);
