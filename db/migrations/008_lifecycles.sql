-- Every object has an end (issue #15): a person may enter a session from several devices, each
-- with its own credential; credentials are revoked (removal from the room or the team, a
-- disabled account) and expire with the session; a session ends approved, discarded or cancelled.

-- One row per credential, not per participant: the same account on a laptop and a tablet is one
-- participant with two tokens.
ALTER TABLE room_members DROP CONSTRAINT room_members_pkey;
ALTER TABLE room_members DROP CONSTRAINT room_members_token_hash_key;
ALTER TABLE room_members ADD PRIMARY KEY (token_hash);
CREATE INDEX room_members_participant ON room_members (room_id, participant_id);
CREATE INDEX room_members_user ON room_members (user_id) WHERE user_id IS NOT NULL;
-- Set when the person was removed from the room or the team, or the account was disabled: the
-- token no longer resumes.
ALTER TABLE room_members ADD COLUMN revoked_at timestamptz;

-- How the session ended for good: approved minutes, minutes discarded, or cancelled. Tokens stay
-- valid for a short grace period after closed_at (reading the minutes), then expire.
ALTER TABLE rooms ADD COLUMN closed_at timestamptz;
ALTER TABLE rooms ADD COLUMN closed_as text
    CHECK (closed_as IN ('approved', 'discarded', 'cancelled'));
ALTER TABLE rooms ADD CONSTRAINT rooms_closed_together
    CHECK ((closed_at IS NULL) = (closed_as IS NULL));
CREATE INDEX rooms_open ON rooms (created_at) WHERE closed_at IS NULL;

-- Sessions that ended without an archive entry, kept for the team's statistics after their case
-- texts are deleted: no FK to rooms, this row outlives the room.
CREATE TABLE session_closures (
    room_id    text PRIMARY KEY,
    team_id    bigint REFERENCES teams (team_id) ON DELETE CASCADE,
    format     text NOT NULL,
    closed_as  text NOT NULL CHECK (closed_as IN ('discarded', 'cancelled')),
    -- cancelled: no_case | too_few_present | case_withdrawn | other; discarded: 'discarded'
    reason     text NOT NULL,
    note       text NOT NULL DEFAULT '',
    closed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX session_closures_team ON session_closures (team_id, closed_at);

-- Team administration: an account can be disabled (no login, no room) and made to choose a new
-- password at its next login (after a reset by the team admin).
ALTER TABLE users ADD COLUMN disabled_at timestamptz;
ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;

-- rooms.ended_at now marks every end (before: only approved ones), so that the search for idle
-- sessions passes over sessions that wait for their moderator.
UPDATE rooms SET ended_at = now() WHERE ended_at IS NULL AND EXISTS
    (SELECT 1 FROM room_events e WHERE e.room_id = rooms.room_id AND e.type = 'session_ended');
