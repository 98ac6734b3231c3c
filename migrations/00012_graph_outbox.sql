-- +goose Up
-- The outbox the Neo4j projection reads: one row per action a user took,
-- named by opaque IDs only (never titles or content).
CREATE TABLE activity_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    action      text NOT NULL, -- a decision ID such as "habit:<uuid>" or "focus:start"
    occurred_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX activity_events_user_idx ON activity_events (user_id, id DESC);

-- How far the projection has got.
CREATE TABLE graph_sync (
    id            boolean PRIMARY KEY DEFAULT true CHECK (id),
    last_event_id bigint NOT NULL DEFAULT 0,
    last_sync_at  timestamptz
);
INSERT INTO graph_sync DEFAULT VALUES;

-- +goose Down
DROP TABLE graph_sync;
DROP TABLE activity_events;
