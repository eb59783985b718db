-- Every live session (room) and its append-only event log: the record the server rebuilds from.
CREATE TABLE rooms (
    room_id      text PRIMARY KEY,
    format       text NOT NULL,
    case_code    text NOT NULL,
    title        text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    ended_at     timestamptz
);

CREATE TABLE room_events (
    room_id      text NOT NULL REFERENCES rooms (room_id) ON DELETE CASCADE,
    seq          bigint NOT NULL CHECK (seq > 0),
    at           timestamptz NOT NULL,
    actor        text NOT NULL,
    type         text NOT NULL,
    data         jsonb NOT NULL,
    PRIMARY KEY (room_id, seq)
);
