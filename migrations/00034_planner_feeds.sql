-- +goose Up
-- A user's private iCalendar subscription: the SHA-256 of the secret
-- token its URL carries (the token itself is shown once, when it is made;
-- a new one replaces it).
CREATE TABLE planner_feeds (
    user_id    uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token_hash bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- +goose Down
DROP TABLE planner_feeds;
