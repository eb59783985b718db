-- Failed logins are counted in PostgreSQL (issue #18): behind nginx the attempts of one name or
-- one address reach several processes, and each must see them all. Rows older than the login
-- window are removed when a new failure is recorded.
CREATE TABLE login_failures (
    kind text NOT NULL CHECK (kind IN ('account', 'address')),
    key  text NOT NULL,
    at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_by_key ON login_failures (kind, key, at);
CREATE INDEX login_failures_by_age ON login_failures (at);

GRANT SELECT, INSERT, DELETE ON login_failures TO casecircle_app;
