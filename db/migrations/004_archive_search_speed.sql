-- Archive search walks the minutes newest first and checks each row's tsvector until a page is
-- full (for a common word) or sorts the few rows the GIN index yields (for a rare one); see
-- tests/bench/ARCHIVE_RESULTS.md. Two things make that walk cheap with 100,000 sessions:

-- The tsvector stays in the row, compressed, instead of out of line in TOAST, where each check
-- cost a TOAST index lookup and about five buffer reads instead of one. (Takes effect for rows
-- written from now on, which, before the first release, is all of them.)
ALTER TABLE minutes ALTER COLUMN search SET STORAGE MAIN;

-- A format filter walks only that format's sessions, newest first.
CREATE INDEX minutes_format_date ON minutes (format, session_date);
