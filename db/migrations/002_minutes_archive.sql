-- Approved minutes: the record supervisors read and the next session of a case starts from.
-- Rows are written in the same transaction as the minutes_approved event and are immutable from
-- then on; corrections are addenda. The database itself refuses changes, so that no bug and no
-- hand-written UPDATE can alter what was approved.
CREATE TABLE minutes (
    room_id        text PRIMARY KEY REFERENCES rooms (room_id),
    format         text NOT NULL,
    case_code      text NOT NULL,
    title          text NOT NULL,
    session_date   date NOT NULL,
    moderator      text NOT NULL,
    approved_at    timestamptz NOT NULL,
    review_date    date,
    content        jsonb NOT NULL,
    markdown       text NOT NULL,
    -- Question, cards, decision and remarks: what full-text search looks at.
    search_text    text NOT NULL,
    search         tsvector GENERATED ALWAYS AS (to_tsvector('german', search_text)) STORED
);
CREATE INDEX minutes_search ON minutes USING gin (search);
CREATE INDEX minutes_case ON minutes (case_code, session_date);
CREATE INDEX minutes_date ON minutes (session_date);
CREATE INDEX minutes_review ON minutes (review_date) WHERE review_date IS NOT NULL;

-- One row per card of the approved minutes, for the deficit analysis and the CSV export.
CREATE TABLE minutes_cards (
    room_id         text NOT NULL REFERENCES minutes (room_id),
    card_id         text NOT NULL,
    step            integer NOT NULL,
    step_key        text NOT NULL,
    category        text NOT NULL,
    category_title  text NOT NULL,
    -- What the category records beyond a card (e.g. 'suggestions'), NULL for plain cards.
    record          text,
    text            text NOT NULL,
    author          text NOT NULL,
    advocatus       boolean NOT NULL,
    PRIMARY KEY (room_id, card_id)
);
CREATE INDEX minutes_cards_category ON minutes_cards (step_key, category);

-- Corrections after approval: each one is new, signed and dated; the original stays as it was.
CREATE TABLE minutes_addenda (
    addendum_id  bigserial PRIMARY KEY,
    room_id      text NOT NULL REFERENCES minutes (room_id),
    author       text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    text         text NOT NULL CHECK (length(text) BETWEEN 1 AND 4000)
);
CREATE INDEX minutes_addenda_room ON minutes_addenda (room_id, created_at);

-- Only the retention job (which sets casecircle.retention_delete for its own transaction) may
-- remove approved rows, and nobody may change them.
CREATE FUNCTION refuse_change_of_approved_minutes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('casecircle.retention_delete', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'approved minutes are locked: % on % is refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Add a correction as an addendum (minutes_addenda).';
END;
$$;

CREATE TRIGGER minutes_locked BEFORE UPDATE OR DELETE ON minutes
    FOR EACH ROW EXECUTE FUNCTION refuse_change_of_approved_minutes();
CREATE TRIGGER minutes_cards_locked BEFORE UPDATE OR DELETE ON minutes_cards
    FOR EACH ROW EXECUTE FUNCTION refuse_change_of_approved_minutes();
CREATE TRIGGER minutes_addenda_locked BEFORE UPDATE OR DELETE ON minutes_addenda
    FOR EACH ROW EXECUTE FUNCTION refuse_change_of_approved_minutes();
CREATE TRIGGER minutes_truncate_refused BEFORE TRUNCATE ON minutes
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_approved_minutes();
