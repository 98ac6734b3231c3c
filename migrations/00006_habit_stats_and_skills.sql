-- +goose Up
-- Kept in step on every write so that pages read them instead of summing
-- history: each habit's streak run, and each user's XP per skill.
ALTER TABLE habits
    ADD COLUMN streak_run     integer NOT NULL DEFAULT 0,
    ADD COLUMN streak_end     date,
    ADD COLUMN streak_longest integer NOT NULL DEFAULT 0;

CREATE TABLE user_skills (
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    skill   text NOT NULL CHECK (skill IN ('knowledge', 'guts', 'proficiency', 'kindness', 'charm')),
    xp      bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, skill)
);
INSERT INTO user_skills (user_id, skill, xp)
SELECT user_id, skill, sum(xp) FROM ledger_entries WHERE skill IS NOT NULL GROUP BY user_id, skill;

-- +goose Down
DROP TABLE user_skills;
ALTER TABLE habits DROP COLUMN streak_longest, DROP COLUMN streak_end, DROP COLUMN streak_run;
