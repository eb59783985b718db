-- Every live session (room), the credentials that let people back into it, and its append-only
-- event log: the record the server rebuilds rooms from after a restart.
CREATE TABLE rooms (
    room_id      text PRIMARY KEY,
    format       text NOT NULL,
    case_code    text NOT NULL,
    title        text NOT NULL,
    -- Only hashes of credentials are stored: a copy of the database lets nobody into a room.
    invite_hash  text NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    ended_at     timestamptz
);

CREATE TABLE room_members (
    room_id         text NOT NULL REFERENCES rooms (room_id) ON DELETE CASCADE,
    participant_id  text NOT NULL,
    token_hash      text NOT NULL UNIQUE,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (room_id, participant_id)
);

-- Sequence numbers are gap-free per room; the engine assigns them and the primary key refuses a
-- second writer of the same number.
CREATE TABLE room_events (
    room_id      text NOT NULL REFERENCES rooms (room_id) ON DELETE CASCADE,
    seq          bigint NOT NULL CHECK (seq > 0),
    at_ms        bigint NOT NULL,
    actor        text NOT NULL,
    type         text NOT NULL,
    data         jsonb NOT NULL,
    -- The client-chosen id of the command that produced the event, so that a resend after a
    -- restart is still answered with the original result.
    command_id   text,
    PRIMARY KEY (room_id, seq)
);
