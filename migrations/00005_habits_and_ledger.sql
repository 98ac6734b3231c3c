-- +goose Up
-- The reward ledger (every XP and coin movement), the balances it sums to,
-- and habits with their completions.
CREATE TABLE ledger_entries (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key        text NOT NULL, -- what paid: the same key never pays twice
    reason     text NOT NULL,
    skill      text CHECK (skill IN ('knowledge', 'guts', 'proficiency', 'kindness', 'charm')),
    xp         integer NOT NULL DEFAULT 0,
    coins      integer NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (user_id, key)
);
CREATE INDEX ledger_entries_user_created_idx ON ledger_entries (user_id, created_at DESC, id DESC);

-- Balances kept in step with the ledger in the same transaction; the
-- ledger can always rebuild them.
CREATE TABLE user_progress (
    user_id    uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    xp         bigint NOT NULL DEFAULT 0 CHECK (xp >= 0),
    coins      bigint NOT NULL DEFAULT 0 CHECK (coins >= 0),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE habits (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id        uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title          text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 80),
    description    text NOT NULL DEFAULT '' CHECK (char_length(description) <= 500),
    cadence        text NOT NULL CHECK (cadence IN ('daily', 'weekdays', 'weekly')),
    weekdays       smallint NOT NULL DEFAULT 0 CHECK (weekdays BETWEEN 0 AND 127), -- bit 0 Sunday … bit 6 Saturday
    times_per_week smallint NOT NULL DEFAULT 0 CHECK (times_per_week BETWEEN 0 AND 7),
    reminder_time  time,
    skill          text NOT NULL CHECK (skill IN ('knowledge', 'guts', 'proficiency', 'kindness', 'charm')),
    archived_at    timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CHECK (cadence <> 'weekdays' OR weekdays > 0),
    CHECK (cadence <> 'weekly' OR times_per_week > 0)
);
CREATE INDEX habits_user_idx ON habits (user_id, archived_at, created_at);

-- A completion is one habit done on one local day.
CREATE TABLE habit_completions (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    habit_id   uuid NOT NULL REFERENCES habits (id) ON DELETE CASCADE,
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    day        date NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (habit_id, day)
);
CREATE INDEX habit_completions_user_day_idx ON habit_completions (user_id, day);

-- +goose Down
DROP TABLE habit_completions;
DROP TABLE habits;
DROP TABLE user_progress;
DROP TABLE ledger_entries;
