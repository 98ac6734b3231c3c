-- +goose Up
-- What the app told the user (a habit's reminder, a focus session's end):
-- the in-app notifications panel lists them. The key names what it is
-- about (habit:<id>:<local day>, focus:<session id>) so each is made once,
-- however many app processes notice it at the same time.
CREATE TABLE notifications (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       text NOT NULL CHECK (kind IN ('habit_reminder', 'focus_end')),
    key        text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
    title      text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    body       text NOT NULL DEFAULT '' CHECK (length(body) <= 500),
    href       text NOT NULL DEFAULT '' CHECK (length(href) <= 300),
    created_at timestamptz NOT NULL DEFAULT now(),
    read_at    timestamptz,
    UNIQUE (user_id, key)
);
CREATE INDEX notifications_user_created ON notifications (user_id, created_at DESC);
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;

-- +goose Down
DROP TABLE notifications;
