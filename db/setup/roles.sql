-- The database roles of casecircle (README, "Database roles"). Run as a superuser, once per
-- PostgreSQL cluster; running it again only sets the passwords again:
--   psql -v owner_password=... -v server_password=... -f roles.sql
--
--   casecircle_owner      logs in to run the migrations; owns the database and every table
--   casecircle_server     the server's login: a member of casecircle_app, owns nothing
--   casecircle_app        what the server may do (granted by the migrations)
--   casecircle_retention  owns the retention function, the only thing that deletes locked rows
\set ON_ERROR_STOP on
SELECT format('CREATE ROLE %I NOLOGIN', name) FROM unnest(ARRAY['casecircle_owner',
    'casecircle_server', 'casecircle_app', 'casecircle_retention']) AS name
    WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = name) \gexec

ALTER ROLE casecircle_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS
    PASSWORD :'owner_password';
ALTER ROLE casecircle_server LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS
    PASSWORD :'server_password';
ALTER ROLE casecircle_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
ALTER ROLE casecircle_retention NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION
    NOBYPASSRLS;
GRANT casecircle_app TO casecircle_server;
-- The owner hands the retention function over to its role (ALTER FUNCTION ... OWNER TO).
GRANT casecircle_retention TO casecircle_owner;
