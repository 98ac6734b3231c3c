-- +goose Up
-- Exercise: the library (built-in exercises have no user, the user's own
-- have theirs), workout templates, sessions and their sets, and the
-- personal records the sets set. Weights are kept in grams and distances
-- in metres, whatever unit the user enters them in.
CREATE TABLE exercises (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id    uuid REFERENCES users (id) ON DELETE CASCADE, -- NULL: built in
    slug       text UNIQUE,                                  -- a built-in's stable name
    name       text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 80),
    muscles    text[] NOT NULL DEFAULT '{}',
    equipment  text NOT NULL DEFAULT '' CHECK (char_length(equipment) <= 40),
    kind       text NOT NULL CHECK (kind IN ('strength', 'bodyweight', 'cardio')),
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((user_id IS NULL) = (slug IS NOT NULL))
);
CREATE UNIQUE INDEX exercises_user_name ON exercises (user_id, lower(name)) WHERE user_id IS NOT NULL;

CREATE TABLE exercise_preferences (
    user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    unit    text NOT NULL CHECK (unit IN ('kg', 'lb'))
);

CREATE TABLE workout_templates (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name       text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 80),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX workout_templates_user ON workout_templates (user_id, lower(name));

-- A template's exercises, in order, with what each aims at.
CREATE TABLE workout_template_items (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    template_id uuid NOT NULL REFERENCES workout_templates (id) ON DELETE CASCADE,
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    exercise_id uuid NOT NULL REFERENCES exercises (id) ON DELETE CASCADE,
    position    integer NOT NULL,
    target_sets integer NOT NULL CHECK (target_sets BETWEEN 1 AND 20),
    target_reps integer NOT NULL CHECK (target_reps BETWEEN 1 AND 100)
);
CREATE INDEX workout_template_items_template ON workout_template_items (template_id, position);

-- A session is running until finished. One started from a planner event's
-- occurrence names it, so the event leads back to its session.
CREATE TABLE workout_sessions (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name        text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 120),
    template_id uuid REFERENCES workout_templates (id) ON DELETE SET NULL,
    event_id    uuid REFERENCES planner_events (id) ON DELETE SET NULL,
    event_at    timestamptz,
    started_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    CHECK (finished_at IS NULL OR finished_at >= started_at)
);
CREATE INDEX workout_sessions_user ON workout_sessions (user_id, started_at DESC);
CREATE UNIQUE INDEX workout_sessions_event ON workout_sessions (user_id, event_id, event_at) WHERE event_id IS NOT NULL;

-- The exercises a session holds, in order: a template's plan, and any added.
CREATE TABLE workout_session_exercises (
    session_id  uuid NOT NULL REFERENCES workout_sessions (id) ON DELETE CASCADE,
    exercise_id uuid NOT NULL REFERENCES exercises (id) ON DELETE CASCADE,
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    position    integer NOT NULL,
    target_sets integer NOT NULL DEFAULT 0,
    target_reps integer NOT NULL DEFAULT 0,
    PRIMARY KEY (session_id, exercise_id)
);

CREATE TABLE workout_sets (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    session_id  uuid NOT NULL REFERENCES workout_sessions (id) ON DELETE CASCADE,
    exercise_id uuid NOT NULL REFERENCES exercises (id) ON DELETE CASCADE,
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    weight_g    integer NOT NULL DEFAULT 0 CHECK (weight_g BETWEEN 0 AND 1000000),
    reps        integer NOT NULL DEFAULT 0 CHECK (reps BETWEEN 0 AND 1000),
    one_rm_g    integer NOT NULL DEFAULT 0, -- the estimated 1RM (Epley), worked out when saved
    rpe_tenths  integer NOT NULL DEFAULT 0 CHECK (rpe_tenths = 0 OR rpe_tenths BETWEEN 10 AND 100), -- 0: not given
    duration_s  integer NOT NULL DEFAULT 0 CHECK (duration_s BETWEEN 0 AND 86400),
    distance_m  integer NOT NULL DEFAULT 0 CHECK (distance_m BETWEEN 0 AND 1000000),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX workout_sets_exercise ON workout_sets (user_id, exercise_id, created_at);
CREATE INDEX workout_sets_session ON workout_sets (session_id, created_at);

-- A record a set set when it was saved: what kind, and its value (grams
-- for weight and the estimated 1RM, reps for reps at a weight, kilograms
-- times reps for a session's volume).
CREATE TABLE exercise_records (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    exercise_id uuid NOT NULL REFERENCES exercises (id) ON DELETE CASCADE,
    set_id      uuid NOT NULL REFERENCES workout_sets (id) ON DELETE CASCADE,
    session_id  uuid NOT NULL REFERENCES workout_sessions (id) ON DELETE CASCADE,
    kind        text NOT NULL CHECK (kind IN ('weight', 'one_rm', 'reps', 'volume')),
    value       bigint NOT NULL,
    weight_g    integer NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX exercise_records_exercise ON exercise_records (user_id, exercise_id, created_at DESC);
CREATE INDEX exercise_records_set ON exercise_records (set_id);
CREATE INDEX exercise_records_session ON exercise_records (session_id);

ALTER TABLE quests DROP CONSTRAINT quests_metric_check;
ALTER TABLE quests ADD CONSTRAINT quests_metric_check CHECK (metric IN ('habit_completions', 'manual', 'focus_sessions') OR metric LIKE 'rewarded:_%');

-- +goose Down
DELETE FROM quests WHERE metric LIKE 'rewarded:%';
ALTER TABLE quests DROP CONSTRAINT quests_metric_check;
ALTER TABLE quests ADD CONSTRAINT quests_metric_check CHECK (metric IN ('habit_completions', 'manual', 'focus_sessions'));
DROP TABLE exercise_records;
DROP TABLE workout_sets;
DROP TABLE workout_session_exercises;
DROP TABLE workout_sessions;
DROP TABLE workout_template_items;
DROP TABLE workout_templates;
DROP TABLE exercise_preferences;
DROP TABLE exercises;
