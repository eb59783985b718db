-- One case, one code (issue #20): "fall-2026-17", "FALL 2026/17" and "FALL-2026-17" are the
-- same case. Codes are kept as typed; they are compared by their key – letters and digits only,
-- upper-cased – so that the last decision comes back and the history and the archive's filter
-- find every session of the case under any spelling.
CREATE FUNCTION case_key(code text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT upper(regexp_replace(code, '[^[:alnum:]]', '', 'g'))
$$;

ALTER TABLE minutes ADD COLUMN case_key text GENERATED ALWAYS AS (case_key(case_code)) STORED;
CREATE INDEX minutes_case_key ON minutes (case_key, session_date);
ALTER TABLE case_registrations ADD COLUMN case_key text
    GENERATED ALWAYS AS (case_key(case_code)) STORED;
CREATE INDEX case_registrations_case_key ON case_registrations (team_id, case_key);
