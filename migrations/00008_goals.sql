-- +goose Up
CREATE TABLE goals (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title        text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 120),
    description  text NOT NULL DEFAULT '' CHECK (char_length(description) <= 1000),
    category     text NOT NULL CHECK (category IN ('health', 'career', 'personal', 'creative', 'financial')),
    deadline     date,
    completed_at timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX goals_user_idx ON goals (user_id, completed_at, deadline);

CREATE TABLE goal_milestones (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    goal_id      uuid NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title        text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 120),
    position     integer NOT NULL,
    completed_at timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX goal_milestones_goal_idx ON goal_milestones (goal_id, position);

-- +goose Down
DROP TABLE goal_milestones;
DROP TABLE goals;
