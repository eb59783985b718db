-- The database refuses what the server never does (issue #16, first part). The event log is
-- append-only: no event is ever changed, and only the retention job deletes events (the same
-- transaction setting as for approved minutes). No locked table can be truncated.
-- (The setting can still be set by any session that connects as the owner; the separate
-- database roles of issue #16 close that.)
CREATE FUNCTION refuse_change_of_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('casecircle.retention_delete', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'the event log is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER room_events_append_only BEFORE UPDATE OR DELETE ON room_events
    FOR EACH ROW EXECUTE FUNCTION refuse_change_of_events();
CREATE TRIGGER room_events_truncate_refused BEFORE TRUNCATE ON room_events
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_events();
CREATE TRIGGER minutes_cards_truncate_refused BEFORE TRUNCATE ON minutes_cards
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_approved_minutes();
CREATE TRIGGER minutes_addenda_truncate_refused BEFORE TRUNCATE ON minutes_addenda
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_approved_minutes();
