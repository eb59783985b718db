-- Gives a database and everything already in it to casecircle_owner and lets only casecircle's
-- roles connect (README, "Database roles"). Run as a superuser inside the database, after
-- roles.sql; running it again changes nothing:
--   psql -d casecircle -f database.sql
-- An installation that ran as one role before keeps its data: its tables change owner here.
\set ON_ERROR_STOP on
DO $$
DECLARE
    object record;
BEGIN
    EXECUTE format('ALTER DATABASE %I OWNER TO casecircle_owner', current_database());
    EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO casecircle_owner, casecircle_app',
                   current_database());
    REVOKE CREATE ON SCHEMA public FROM PUBLIC;
    -- Sequences of serial columns follow their tables.
    FOR object IN
        SELECT c.oid::regclass AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm')
          AND c.relowner <> 'casecircle_owner'::regrole
    LOOP
        EXECUTE format('ALTER TABLE %s OWNER TO casecircle_owner', object.name);
    END LOOP;
    -- Not those of an extension (btree_gin, migration 011): they stay with the extension.
    FOR object IN
        SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public'
          AND p.proowner NOT IN ('casecircle_owner'::regrole, 'casecircle_retention'::regrole)
          AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                                                    AND d.objid = p.oid AND d.deptype = 'e')
    LOOP
        EXECUTE format('ALTER FUNCTION %s OWNER TO casecircle_owner', object.name);
    END LOOP;
END
$$;
