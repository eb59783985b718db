-- Archive search that knows German compounds (issue #20; the rule is in protocol/PROTOCOL.md,
-- "Archive search", the figures in tests/bench/ARCHIVE_RESULTS.md). German writes
-- "Schuldnerberatung" where English writes "debt counselling", so a search for "Beratung",
-- "Sucht" or "Schuldner" must find the compound. The German stemmer alone only maps inflected
-- forms of the whole word ("Schuld" finds "Schulden").
--
-- Rule: a query word whose stem has at least 4 letters also finds every word whose stem starts
-- with it (Sucht: Suchtberatung) or ends with it after at least 4 more letters (Beratung:
-- Schuldnerberatung). The 4 letters in front keep verb prefixes out: "Sucht" finds neither
-- "besucht" (be-) nor "versucht" (ver-); nothing in the middle of a word counts ("Besuchtermin").
--
-- Both halves are GIN prefix searches in one tsvector, so the index and the newest-first walk
-- stay what they were (migrations 004 and 011): the stems with their positions, as before, and
-- for every stem of at least 8 letters its end without the first 4 letters, reversed and marked
-- with '>' ("schuldnerberat" adds ">tarebrendl"). A word's end is then the start of such an
-- entry: "Beratung" (stem "berat") looks for '>tareb':*. No extension and no dictionary files
-- are needed: pg_trgm's substring matching cannot tell "Sucht" in "Suchtberatung" from "such"
-- in "Besuch", and an ispell compound dictionary needs files in PostgreSQL's share directory.

-- The stem of a word as the end of a compound. The stemmer removes suffixes only beyond the
-- word's first syllables, so alone "Wohnung" keeps its "-ung" (stem "wohnung") where
-- "Sozialwohnungen" loses it ("sozialwohn"); stemmed behind four letters of dummy text,
-- "Wohnung" gives "wohn", as at the end of a compound.
CREATE FUNCTION archive_tail_stem(word text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT CASE WHEN left(stem, 4) = 'abab' THEN substr(stem, 5) END
    FROM (SELECT (SELECT lexeme FROM unnest(to_tsvector('german', 'abab' || lower(word))))
          AS stem) s
$$;

-- What the archive searches: the German stems of the text and the marked, reversed ends.
CREATE FUNCTION archive_search_vector(search_text text) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT stems || coalesce(array_to_tsvector(ARRAY(
        SELECT '>' || reverse(substr(lexeme, 5)) FROM unnest(stems)
        WHERE length(lexeme) >= 8 AND lexeme ~ '^[[:alpha:]]+$')), '')
    FROM to_tsvector('german', search_text) stems
$$;

-- The search as websearch_to_tsquery('german', …) reads it (quotes for phrases, OR, -word),
-- each plain word widened to the compounds that start or end with it, excluded ones too
-- ("Jobcenter -Sucht" leaves out Suchtberatung). Words in quotes or with a hyphen stay as they
-- are: a phrase needs positions, which the marked ends do not have.
CREATE FUNCTION archive_search_query(query text) RETURNS tsquery
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    result tsquery := websearch_to_tsquery('german', query);
    unquoted text := regexp_replace(query, '"[^"]*("|$)', ' ', 'g');
    kept tsvector := to_tsvector('german', concat_ws(' ',
        (SELECT string_agg(m[1], ' ') FROM regexp_matches(query, '"([^"]*)("|$)', 'g') m),
        (SELECT string_agg(t, ' ') FROM regexp_split_to_table(unquoted, '\s+') t
         WHERE t !~ '^-?[[:alpha:]]+[.,;:!?]*$')));
    word text;
    stem text;
    tail text;
    widened tsquery;
BEGIN
    FOR word IN
        SELECT DISTINCT substring(t FROM '^-?([[:alpha:]]+)[.,;:!?]*$')
        FROM regexp_split_to_table(unquoted, '\s+') t
        WHERE t ~ '^-?[[:alpha:]]+[.,;:!?]*$' AND lower(t) <> 'or'
    LOOP
        stem := (SELECT lexeme FROM unnest(to_tsvector('german', word)));
        CONTINUE WHEN stem IS NULL OR length(stem) < 4 OR kept @@ quote_literal(stem)::tsquery;
        widened := (quote_literal(stem) || ':*')::tsquery;
        tail := archive_tail_stem(word);
        IF length(tail) >= 4 THEN
            widened := widened || (quote_literal('>' || reverse(tail)) || ':*')::tsquery;
        END IF;
        result := ts_rewrite(result, quote_literal(stem)::tsquery, widened);
    END LOOP;
    RETURN result;
END;
$$;

-- For ts_headline, which cuts the passage from the text and cannot read the marked ends: the
-- query's marked ends, once per search, and then for each session its stems that matched them.
CREATE FUNCTION archive_query_tails(searched tsquery) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(DISTINCT m[1]), '{}')
    FROM regexp_matches(searched::text, '''(>[^'']+)''', 'g') m
$$;

-- Each marked end of the query joined by the stems of this session it matched. Rows that matched
-- only whole words and starts (most of them) are left after one lookup in the vector per end.
CREATE FUNCTION archive_headline_query(searched tsquery, tails text[], stems tsvector)
RETURNS tsquery LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    tail text;
    word_end text;
    marked tsquery;
    found tsquery;
BEGIN
    FOREACH tail IN ARRAY tails LOOP
        marked := (quote_literal(tail) || ':*')::tsquery;
        CONTINUE WHEN NOT stems @@ marked;
        word_end := reverse(substr(tail, 2));
        found := (SELECT string_agg(quote_literal(lexeme), ' | ') FROM unnest(stems)
                  WHERE lexeme LIKE '%' || word_end
                    AND length(lexeme) >= length(word_end) + 4 AND left(lexeme, 1) <> '>')::tsquery;
        CONTINUE WHEN found IS NULL;
        searched := ts_rewrite(searched, marked, marked || found);
    END LOOP;
    RETURN searched;
END;
$$;

-- The new vector replaces the old one (002) in the row, compressed and not in TOAST (004), and
-- in the index with the format (011). Adding it rewrites the table once, with the new storage
-- already (one statement); the lock triggers of approved minutes do not fire for that.
DROP INDEX minutes_search;
ALTER TABLE minutes DROP COLUMN search;
ALTER TABLE minutes
    ADD COLUMN search tsvector GENERATED ALWAYS AS (archive_search_vector(search_text)) STORED,
    ALTER COLUMN search SET STORAGE MAIN;
CREATE INDEX minutes_search ON minutes USING gin (search, format);
