-- +goose Up
-- Universal quests (built-in content, loaded by `ignition seed`) and each
-- user's progress and claims per period.
CREATE TABLE quests (
    id          text PRIMARY KEY,
    title       text NOT NULL,
    description text NOT NULL DEFAULT '',
    period      text NOT NULL CHECK (period IN ('daily', 'weekly')),
    metric      text NOT NULL CHECK (metric IN ('habit_completions', 'manual')),
    target      integer NOT NULL CHECK (target > 0),
    skill       text NOT NULL CHECK (skill IN ('knowledge', 'guts', 'proficiency', 'kindness', 'charm')),
    xp          integer NOT NULL CHECK (xp >= 0),
    coins       integer NOT NULL CHECK (coins >= 0),
    position    integer NOT NULL DEFAULT 0,
    active      boolean NOT NULL DEFAULT true,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- One row per user, quest and period (the local day or week it began).
CREATE TABLE quest_progress (
    user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    quest_id     text NOT NULL REFERENCES quests (id) ON DELETE CASCADE,
    period_start date NOT NULL,
    manual       integer NOT NULL DEFAULT 0 CHECK (manual >= 0),
    claimed_at   timestamptz,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, quest_id, period_start)
);

-- +goose Down
DROP TABLE quest_progress;
DROP TABLE quests;
