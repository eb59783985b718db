-- Team-made formats (issue #20): a team copies a shipped format and changes it. Every save is a
-- new version and no version is ever changed or removed: a session embeds the version it ran in
-- its own events, and its minutes and the archive name it. The server stores only documents the
-- engine's own parser accepted (server/api_team_formats.cpp); shipped formats stay files.
CREATE TABLE team_formats (
    team_id     bigint NOT NULL REFERENCES teams (team_id),
    -- Unique across the server, next to the shipped ids: "team<team_id>_<the team's name>".
    format_id   text NOT NULL CHECK (format_id ~ '^team[0-9]+_[a-z0-9_]+$'
                                     AND length(format_id) <= 40),
    version     integer NOT NULL CHECK (version BETWEEN 1 AND 1000000),
    document    jsonb NOT NULL,
    -- The shipped or team format this one was copied from, "" when not said.
    based_on    text NOT NULL DEFAULT '' CHECK (length(based_on) <= 40),
    created_by  bigint REFERENCES users (user_id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (format_id, version),
    CHECK (format_id LIKE 'team' || team_id || '\_%'),
    CHECK (document ->> 'id' = format_id AND document ->> 'version' = version::text)
);
CREATE INDEX team_formats_team ON team_formats (team_id, format_id, version DESC);

-- Append-only for the server, like the other records.
GRANT SELECT, INSERT ON team_formats TO casecircle_app;
