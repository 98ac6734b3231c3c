-- +goose Up
-- Focus sessions timed by the server: it stores when a session started and
-- how long it was paused, and works out what remains.
ALTER TABLE user_settings
    ADD COLUMN focus_minutes       smallint NOT NULL DEFAULT 25 CHECK (focus_minutes BETWEEN 1 AND 180),
    ADD COLUMN short_break_minutes smallint NOT NULL DEFAULT 5 CHECK (short_break_minutes BETWEEN 1 AND 60),
    ADD COLUMN long_break_minutes  smallint NOT NULL DEFAULT 15 CHECK (long_break_minutes BETWEEN 1 AND 120),
    ADD COLUMN long_break_every    smallint NOT NULL DEFAULT 4 CHECK (long_break_every BETWEEN 2 AND 12);

CREATE TABLE focus_sessions (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind            text NOT NULL CHECK (kind IN ('focus', 'short_break', 'long_break')),
    planned_seconds integer NOT NULL CHECK (planned_seconds > 0),
    started_at      timestamptz NOT NULL,
    paused_at       timestamptz,                 -- set while paused
    paused_seconds  integer NOT NULL DEFAULT 0,  -- pauses that have ended
    ended_at        timestamptz,
    outcome         text CHECK (outcome IN ('completed', 'abandoned')),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK ((ended_at IS NULL) = (outcome IS NULL))
);
-- At most one running session per user, on every device.
CREATE UNIQUE INDEX focus_sessions_active_key ON focus_sessions (user_id) WHERE ended_at IS NULL;
CREATE INDEX focus_sessions_user_ended_idx ON focus_sessions (user_id, ended_at DESC);

ALTER TABLE quests DROP CONSTRAINT quests_metric_check;
ALTER TABLE quests ADD CONSTRAINT quests_metric_check CHECK (metric IN ('habit_completions', 'manual', 'focus_sessions'));

-- +goose Down
DELETE FROM quests WHERE metric = 'focus_sessions';
ALTER TABLE quests DROP CONSTRAINT quests_metric_check;
ALTER TABLE quests ADD CONSTRAINT quests_metric_check CHECK (metric IN ('habit_completions', 'manual'));
DROP TABLE focus_sessions;
ALTER TABLE user_settings
    DROP COLUMN long_break_every, DROP COLUMN long_break_minutes, DROP COLUMN short_break_minutes, DROP COLUMN focus_minutes;
