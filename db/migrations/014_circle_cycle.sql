-- The circle's cycle (issue #19): a team's circle meets in a rhythm (a series of dates); case
-- managers register cases for a date before its cut-off and prepare the report there; the
-- moderator orders the agenda; a decision's review date puts its case on the first date on or
-- after it; a case not discussed moves on to the next date; a cancelled date keeps its reason.

-- Every date and time a person sees is the team's local time.
ALTER TABLE teams ADD COLUMN time_zone text NOT NULL DEFAULT 'Europe/Berlin';

CREATE TABLE circle_series (
    series_id        bigserial PRIMARY KEY,
    team_id          bigint NOT NULL REFERENCES teams (team_id) ON DELETE CASCADE,
    title            text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
    format           text NOT NULL,
    rhythm           text NOT NULL
        CHECK (rhythm IN ('weekly', 'biweekly', 'monthly', 'bimonthly', 'single')),
    first_date       date NOT NULL,
    start_time       time NOT NULL,
    planned_minutes  integer NOT NULL CHECK (planned_minutes BETWEEN 15 AND 480),
    moderator_id     bigint REFERENCES users (user_id),
    place            text NOT NULL DEFAULT '' CHECK (length(place) <= 300),
    -- Cases are registered until this many days before a date; a date without a case warns its
    -- moderator this many days ahead.
    cutoff_days      integer NOT NULL DEFAULT 2 CHECK (cutoff_days BETWEEN 0 AND 60),
    warn_days        integer NOT NULL DEFAULT 7 CHECK (warn_days BETWEEN 0 AND 60),
    created_by       bigint REFERENCES users (user_id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    ended_at         timestamptz
);
CREATE INDEX circle_series_team ON circle_series (team_id);

-- One row per date of a series, made ahead for a horizon. `slot` is the date the rhythm gave;
-- a moved date keeps it, so that making dates ahead never brings a moved one back.
CREATE TABLE circle_dates (
    date_id          bigserial PRIMARY KEY,
    series_id        bigint NOT NULL REFERENCES circle_series (series_id) ON DELETE CASCADE,
    team_id          bigint NOT NULL REFERENCES teams (team_id) ON DELETE CASCADE,
    slot             date NOT NULL,
    starts_at        timestamptz NOT NULL,
    planned_minutes  integer NOT NULL CHECK (planned_minutes BETWEEN 15 AND 480),
    moved_from       timestamptz,
    cancelled_at     timestamptz,
    cancel_reason    text CHECK (cancel_reason IN
        ('no_case', 'too_few_present', 'moderator_absent', 'holiday', 'other')),
    cancel_note      text NOT NULL DEFAULT '' CHECK (length(cancel_note) <= 300),
    cancelled_by     bigint REFERENCES users (user_id),
    -- The moderator said the circle is over: cases not discussed move on at once (otherwise
    -- when the date's day has passed).
    closed_at        timestamptz,
    UNIQUE (series_id, slot),
    CHECK ((cancelled_at IS NULL) = (cancel_reason IS NULL))
);
CREATE INDEX circle_dates_team ON circle_dates (team_id, starts_at);

-- A case registered for a date: the report and question drafts move into the session when it is
-- opened (rooms.registration_id), and are cleared here then. A follow-up is placed by the
-- decision whose review date brought it (follows_room_id, once per decision).
CREATE TABLE case_registrations (
    registration_id  bigserial PRIMARY KEY,
    team_id          bigint NOT NULL REFERENCES teams (team_id) ON DELETE CASCADE,
    date_id          bigint NOT NULL REFERENCES circle_dates (date_id) ON DELETE CASCADE,
    case_code        text NOT NULL,
    format           text NOT NULL,
    registered_by    bigint REFERENCES users (user_id),
    kind             text NOT NULL DEFAULT 'new' CHECK (kind IN ('new', 'follow_up')),
    follows_room_id  text UNIQUE,
    question         text NOT NULL DEFAULT '' CHECK (length(question) <= 500),
    report           jsonb NOT NULL DEFAULT '{}',
    minutes_needed   integer NOT NULL CHECK (minutes_needed BETWEEN 5 AND 480),
    position         integer NOT NULL DEFAULT 0,
    -- How often it moved on to the next date without being discussed, from when, and why.
    rolled_over      integer NOT NULL DEFAULT 0,
    rolled_from      timestamptz,
    roll_reason      text CHECK (roll_reason IN ('not_discussed', 'date_cancelled')),
    withdrawn_at     timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_registrations_date ON case_registrations (date_id, position);
CREATE INDEX case_registrations_team ON case_registrations (team_id, created_at);

-- Cards written beforehand for a registered case's collecting steps.
CREATE TABLE prepared_cards (
    card_id          bigserial PRIMARY KEY,
    registration_id  bigint NOT NULL REFERENCES case_registrations (registration_id)
        ON DELETE CASCADE,
    user_id          bigint NOT NULL REFERENCES users (user_id),
    step             integer NOT NULL CHECK (step BETWEEN 1 AND 40),
    category         text NOT NULL,
    text             text NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX prepared_cards_registration ON prepared_cards (registration_id, card_id);

-- One session per registration: a second opening fails in the database whoever races. A
-- cancelled session gives its case back (it moves on like one not discussed).
ALTER TABLE rooms ADD COLUMN registration_id bigint
    REFERENCES case_registrations (registration_id);
CREATE UNIQUE INDEX rooms_registration ON rooms (registration_id)
    WHERE registration_id IS NOT NULL AND closed_as IS DISTINCT FROM 'cancelled';
-- The session a registered case is (or was) discussed in: open, approved or discarded.
CREATE VIEW registration_sessions AS
    SELECT registration_id, room_id, coalesce(closed_as, 'open') AS state FROM rooms
    WHERE registration_id IS NOT NULL AND closed_as IS DISTINCT FROM 'cancelled';

-- A written consultation runs over days: the idle close and the team's notices tell it apart
-- without reading its log.
ALTER TABLE rooms ADD COLUMN mode text NOT NULL DEFAULT 'meeting'
    CHECK (mode IN ('meeting', 'written'));

-- A date's local day and state: cancelled; held (a session was opened from its agenda, or the
-- moderator closed it); missed (its day passed without either); planned.
CREATE VIEW circle_date_states AS
    SELECT d.date_id, d.team_id, (d.starts_at AT TIME ZONE t.time_zone)::date AS day,
        CASE WHEN d.cancelled_at IS NOT NULL THEN 'cancelled'
             WHEN d.closed_at IS NOT NULL OR EXISTS (
                 SELECT FROM registration_sessions s JOIN case_registrations c
                     USING (registration_id) WHERE c.date_id = d.date_id) THEN 'held'
             WHEN (d.starts_at AT TIME ZONE t.time_zone)::date
                  < (now() AT TIME ZONE t.time_zone)::date THEN 'missed'
             ELSE 'planned' END AS state
    FROM circle_dates d JOIN teams t USING (team_id);

-- A personal calendar feed behind a secret link; only its hash is kept.
CREATE TABLE calendar_feeds (
    token_hash  text PRIMARY KEY,
    user_id     bigint NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);
CREATE UNIQUE INDEX calendar_feeds_live ON calendar_feeds (user_id) WHERE revoked_at IS NULL;

-- The dates a rhythm gives from its first date up to `until` (a single date once). Monthly
-- rhythms keep the day of the month (the 31st becomes the month's last day).
CREATE FUNCTION circle_slots(p_rhythm text, p_first date, p_until date)
RETURNS SETOF date LANGUAGE sql IMMUTABLE AS $$
    SELECT d FROM (
        SELECT CASE p_rhythm
                   WHEN 'weekly' THEN p_first + 7 * i
                   WHEN 'biweekly' THEN p_first + 14 * i
                   WHEN 'monthly' THEN (p_first + i * interval '1 month')::date
                   WHEN 'bimonthly' THEN (p_first + 2 * i * interval '1 month')::date
               END AS d
        FROM generate_series(0, 600) AS i
        WHERE p_rhythm <> 'single'
        UNION ALL SELECT p_first WHERE p_rhythm = 'single'
    ) s
    WHERE d <= p_until
$$;

GRANT SELECT, INSERT ON circle_series, circle_dates, case_registrations, prepared_cards,
    calendar_feeds TO casecircle_app;
GRANT SELECT ON registration_sessions, circle_date_states TO casecircle_app;
GRANT UPDATE (ended_at) ON circle_series TO casecircle_app;
GRANT UPDATE (starts_at, moved_from, cancelled_at, cancel_reason, cancel_note, cancelled_by,
              closed_at)
    ON circle_dates TO casecircle_app;
GRANT UPDATE (date_id, question, report, minutes_needed, position, rolled_over, rolled_from,
              roll_reason, withdrawn_at, updated_at, format)
    ON case_registrations TO casecircle_app;
GRANT DELETE ON prepared_cards TO casecircle_app;
GRANT UPDATE (revoked_at) ON calendar_feeds TO casecircle_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO casecircle_app;
