-- Accounts, teams and the audit trail. Passwords are stored only as Argon2id strings
-- (libsodium's crypto_pwhash_str); login sessions and guest invitations only as SHA-256 hashes.
CREATE TABLE teams (
    team_id         bigserial PRIMARY KEY,
    name            text NOT NULL UNIQUE,
    -- How long approved sessions are kept before the retention job deletes them.
    retention_days  integer NOT NULL DEFAULT 3650 CHECK (retention_days BETWEEN 1 AND 36500),
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
    user_id        bigserial PRIMARY KEY,
    username       text NOT NULL UNIQUE CHECK (username = lower(username)),
    display_name   text NOT NULL,
    password_hash  text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE team_members (
    team_id  bigint NOT NULL REFERENCES teams (team_id) ON DELETE CASCADE,
    user_id  bigint NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    role     text NOT NULL CHECK (role IN ('member', 'moderator', 'supervisor', 'team_admin')),
    PRIMARY KEY (team_id, user_id)
);

CREATE TABLE login_sessions (
    session_hash  text PRIMARY KEY,
    user_id       bigint NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    csrf_token    text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL
);

-- A session held by a team belongs to it: only its members join, only its archive shows it.
ALTER TABLE rooms ADD COLUMN team_id bigint REFERENCES teams (team_id);
ALTER TABLE rooms ADD COLUMN created_by bigint REFERENCES users (user_id);
ALTER TABLE room_members ADD COLUMN user_id bigint REFERENCES users (user_id);
ALTER TABLE room_members ADD COLUMN guest boolean NOT NULL DEFAULT false;

CREATE TABLE guest_invitations (
    invitation_hash  text PRIMARY KEY,
    room_id          text NOT NULL REFERENCES rooms (room_id) ON DELETE CASCADE,
    created_by       bigint NOT NULL REFERENCES users (user_id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    expires_at       timestamptz NOT NULL,
    used_at          timestamptz
);

-- Who read or changed what, when and from where. Append-only, enforced by the database.
CREATE TABLE audit_log (
    audit_id  bigserial PRIMARY KEY,
    at        timestamptz NOT NULL DEFAULT now(),
    team_id   bigint,
    actor     text NOT NULL,
    action    text NOT NULL,
    target    text NOT NULL DEFAULT '',
    address   text NOT NULL DEFAULT '',
    detail    jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_team ON audit_log (team_id, at);

CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only: % is refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
