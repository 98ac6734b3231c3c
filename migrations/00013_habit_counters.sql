-- +goose Up
-- Kept with the streak run on every write, so Today ranks without summing
-- history.
ALTER TABLE habits
    ADD COLUMN completions    integer NOT NULL DEFAULT 0,
    ADD COLUMN last_completed date;
UPDATE habits h SET completions = c.n, last_completed = c.last
FROM (SELECT habit_id, count(*) AS n, max(day) AS last FROM habit_completions GROUP BY habit_id) c
WHERE c.habit_id = h.id;

-- Today's "last activity" reads the newest completion.
CREATE INDEX habit_completions_user_created_idx ON habit_completions (user_id, created_at DESC);

-- +goose Down
DROP INDEX habit_completions_user_created_idx;
ALTER TABLE habits DROP COLUMN last_completed, DROP COLUMN completions;
