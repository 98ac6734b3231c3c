-- +goose Up
-- What changed for a user, announced to every app process (NOTIFY on
-- ignition_live at commit) for the live streams of the user's open tabs;
-- kept a few minutes so a stream that reconnects (Last-Event-ID) hears what
-- it missed.
CREATE TABLE live_events (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name       text NOT NULL CHECK (name IN ('focus', 'vault', 'notifications')),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX live_events_user ON live_events (user_id, id);
CREATE INDEX live_events_created ON live_events (created_at);

-- +goose Down
DROP TABLE live_events;
