-- Least privilege (issue #16). The tables belong to the role that runs the migrations
-- (casecircle_owner); the server connects as a login role that is a member of casecircle_app and
-- owns nothing, so it can neither change a trigger nor turn one off. Only the retention function,
-- owned by casecircle_retention, deletes what is locked. The roles come from db/setup/roles.sql.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'casecircle_app')
       OR NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'casecircle_retention') THEN
        RAISE EXCEPTION 'the database roles casecircle_app and casecircle_retention are missing'
            USING HINT = 'Run db/setup/roles.sql as a superuser first (README, "Database roles").';
    END IF;
END
$$;

-- What the server does, and nothing more: rows are added; only the columns that record a
-- lifecycle (ended, closed, revoked, redeemed, disabled, a new password or role) are updated;
-- only login sessions and team memberships are deleted.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO casecircle_app, casecircle_retention;
GRANT SELECT ON schema_migrations TO casecircle_app;
GRANT SELECT, INSERT ON rooms, room_events, room_members, room_rejections, minutes, minutes_cards,
    minutes_addenda, audit_log, session_closures, guest_invitations, users, teams, team_members,
    login_sessions TO casecircle_app;
GRANT UPDATE (ended_at, closed_at, closed_as) ON rooms TO casecircle_app;
GRANT UPDATE (revoked_at) ON room_members TO casecircle_app;
GRANT UPDATE (used_at) ON guest_invitations TO casecircle_app;
GRANT UPDATE (disabled_at, password_hash, must_change_password) ON users TO casecircle_app;
GRANT UPDATE (name, retention_days) ON teams TO casecircle_app;
GRANT UPDATE (role) ON team_members TO casecircle_app;
GRANT DELETE ON login_sessions, team_members TO casecircle_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO casecircle_app;

-- Deleting is allowed to one role only, inside the retention function; a setting any session
-- could change (casecircle.retention_delete before) is no longer asked.
CREATE OR REPLACE FUNCTION refuse_change_of_approved_minutes() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_user = 'casecircle_retention' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'approved minutes are locked: % on % is refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Add a correction as an addendum (minutes_addenda).';
END;
$$;

CREATE OR REPLACE FUNCTION refuse_change_of_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_user = 'casecircle_retention' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'the event log is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

-- A closed session (approved, cancelled, discarded) is history: no event is added to its log and
-- its room row does not change again.
CREATE FUNCTION refuse_events_of_closed_rooms() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT FROM added_events e JOIN rooms r USING (room_id)
               WHERE r.closed_at IS NOT NULL) THEN
        RAISE EXCEPTION 'the session is closed: its event log is locked'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER room_events_of_closed_rooms AFTER INSERT ON room_events
    REFERENCING NEW TABLE AS added_events
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_events_of_closed_rooms();

CREATE FUNCTION refuse_change_of_closed_room() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the session is closed: its room cannot change'
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER rooms_closed_locked BEFORE UPDATE ON rooms
    FOR EACH ROW WHEN (OLD.closed_at IS NOT NULL) EXECUTE FUNCTION refuse_change_of_closed_room();
CREATE TRIGGER rooms_truncate_refused BEFORE TRUNCATE ON rooms
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_events();

-- One kind per room (an approved session is one with minutes), then that kind's period: the
-- team's retention days for approved and unapproved sessions, the grace period in hours for
-- cancelled and discarded ones, one day for open training rooms.
CREATE FUNCTION expired_sessions(closed_grace_hours integer)
RETURNS TABLE (room_id text, team_id bigint, kind text, case_code text, session_date text,
               retention_days integer)
LANGUAGE sql STABLE AS $$
    SELECT s.room_id, s.team_id, s.kind, s.case_code, s.session_date,
           CASE WHEN s.kind IN ('approved', 'unapproved') THEN s.retention_days END
    FROM (
        SELECT r.room_id, r.team_id, r.case_code, t.retention_days, r.created_at, r.closed_at,
               m.approved_at, coalesce(m.session_date, r.created_at::date)::text AS session_date,
               CASE WHEN r.team_id IS NULL THEN 'open'
                    WHEN m.room_id IS NOT NULL THEN 'approved'
                    WHEN r.closed_as IN ('cancelled', 'discarded') THEN r.closed_as
                    WHEN r.closed_at IS NULL THEN 'unapproved' END AS kind
        FROM public.rooms r LEFT JOIN public.teams t USING (team_id)
             LEFT JOIN public.minutes m USING (room_id)
    ) s
    WHERE CASE
        WHEN s.kind = 'open' THEN s.created_at < now() - interval '1 day'
        WHEN s.kind = 'approved' THEN s.approved_at < now() - s.retention_days * interval '1 day'
        WHEN s.kind = 'unapproved' THEN s.created_at < now() - s.retention_days * interval '1 day'
        WHEN s.kind IN ('cancelled', 'discarded')
            THEN s.closed_at < now() - greatest(closed_grace_hours, 0) * interval '1 hour'
        END
    ORDER BY s.created_at, s.room_id
$$;

-- Deletes every trace of each expired session – minutes, cards, addenda, events, credentials,
-- invitations, refused commands, the room – and leaves one audit entry per session. It decides
-- itself what has expired: a caller can only hasten cancelled and discarded sessions (the grace
-- period), never an approved one, whose period is the team's (at least one day).
CREATE FUNCTION delete_expired_sessions(closed_grace_hours integer, actor text)
RETURNS TABLE (room_id text, team_id bigint, kind text, case_code text, session_date text,
               retention_days integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    s record;
    detail jsonb;
BEGIN
    FOR s IN SELECT * FROM public.expired_sessions(closed_grace_hours) LOOP
        DELETE FROM public.minutes_addenda a WHERE a.room_id = s.room_id;
        DELETE FROM public.minutes_cards c WHERE c.room_id = s.room_id;
        DELETE FROM public.minutes m WHERE m.room_id = s.room_id;
        DELETE FROM public.room_events e WHERE e.room_id = s.room_id;
        DELETE FROM public.room_members rm WHERE rm.room_id = s.room_id;
        DELETE FROM public.guest_invitations g WHERE g.room_id = s.room_id;
        DELETE FROM public.room_rejections j WHERE j.room_id = s.room_id;
        DELETE FROM public.rooms r WHERE r.room_id = s.room_id;
        detail := jsonb_build_object('kind', s.kind, 'case_code', s.case_code,
                                     'session_date', s.session_date);
        IF s.retention_days IS NOT NULL THEN
            detail := detail || jsonb_build_object('retention_days', s.retention_days);
        END IF;
        IF s.kind IN ('cancelled', 'discarded') THEN
            detail := detail || jsonb_build_object('closed_grace_hours',
                                                   greatest(closed_grace_hours, 0));
        END IF;
        INSERT INTO public.audit_log (team_id, actor, action, target, detail)
            VALUES (s.team_id, delete_expired_sessions.actor, 'session_deleted', s.room_id, detail);
        room_id := s.room_id; team_id := s.team_id; kind := s.kind; case_code := s.case_code;
        session_date := s.session_date; retention_days := s.retention_days;
        RETURN NEXT;
    END LOOP;
END;
$$;

GRANT SELECT ON rooms, teams, minutes TO casecircle_retention;
GRANT SELECT, DELETE ON minutes_addenda, minutes_cards, minutes, room_events, room_members,
    guest_invitations, room_rejections, rooms TO casecircle_retention;
GRANT INSERT ON audit_log TO casecircle_retention;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO casecircle_retention;
REVOKE EXECUTE ON FUNCTION expired_sessions(integer), delete_expired_sessions(integer, text)
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION expired_sessions(integer) TO casecircle_app, casecircle_retention;
GRANT EXECUTE ON FUNCTION delete_expired_sessions(integer, text) TO casecircle_app;
-- The new owner needs CREATE on the schema for the moment of the hand-over only.
GRANT CREATE ON SCHEMA public TO casecircle_retention;
ALTER FUNCTION delete_expired_sessions(integer, text) OWNER TO casecircle_retention;
REVOKE CREATE ON SCHEMA public FROM casecircle_retention;
