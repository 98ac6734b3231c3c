-- +goose Up
-- Preferences used across the app, and a public handle for each session so
-- the user can see and revoke their sessions without exposing the key.
ALTER TABLE user_settings
    ADD COLUMN time_zone             text NOT NULL DEFAULT 'UTC',
    ADD COLUMN week_start            smallint NOT NULL DEFAULT 1 CHECK (week_start IN (0, 1)),
    ADD COLUMN daw                   text NOT NULL DEFAULT '' CHECK (daw IN ('', 'ableton', 'fl', 'logic')),
    ADD COLUMN os                    text NOT NULL DEFAULT '' CHECK (os IN ('', 'macos', 'windows')),
    ADD COLUMN notify_reminders      boolean NOT NULL DEFAULT true,
    ADD COLUMN notify_focus_end      boolean NOT NULL DEFAULT true,
    ADD COLUMN notify_weekly_summary boolean NOT NULL DEFAULT false;

ALTER TABLE sessions ADD COLUMN public_id uuid NOT NULL DEFAULT gen_random_uuid();
CREATE UNIQUE INDEX sessions_public_id_key ON sessions (public_id);

-- +goose Down
DROP INDEX sessions_public_id_key;
ALTER TABLE sessions DROP COLUMN public_id;
ALTER TABLE user_settings
    DROP COLUMN notify_weekly_summary,
    DROP COLUMN notify_focus_end,
    DROP COLUMN notify_reminders,
    DROP COLUMN os,
    DROP COLUMN daw,
    DROP COLUMN week_start,
    DROP COLUMN time_zone;
