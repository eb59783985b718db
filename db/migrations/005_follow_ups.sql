-- A follow-up session of a case carries in the previous session's decision and records what came
-- of it. Both are in the approved content; these columns derived from it let the archive find the
-- follow-up of a session (an open review date is one nobody followed up) and the outcomes next to
-- the prognoses without reading every document. Generated columns keep the rows as approved.
ALTER TABLE minutes
    ADD COLUMN previous_room_id text
        GENERATED ALWAYS AS (content->'previous_session'->>'session_id') STORED,
    ADD COLUMN outcome text
        GENERATED ALWAYS AS (content->'previous_session'->'outcome'->>'outcome') STORED;
CREATE INDEX minutes_previous ON minutes (previous_room_id) WHERE previous_room_id IS NOT NULL;
