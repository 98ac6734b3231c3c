-- +goose Up
-- Web Push. The VAPID key pair every app process signs with: made once by
-- the first process that needs it (unless the configuration names one), so
-- subscriptions made through one process are valid for all of them.
CREATE TABLE push_keys (
    id          boolean PRIMARY KEY DEFAULT true CHECK (id),
    public_key  text NOT NULL,
    private_key text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- A browser that asked to be notified: its push service endpoint and the
-- keys its messages are encrypted to (RFC 8291). An endpoint belongs to one
-- user: a browser that subscribes for another account moves to it.
CREATE TABLE push_subscriptions (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    endpoint     text NOT NULL UNIQUE CHECK (length(endpoint) BETWEEN 1 AND 1000),
    p256dh       text NOT NULL CHECK (length(p256dh) BETWEEN 1 AND 200),
    auth         text NOT NULL CHECK (length(auth) BETWEEN 1 AND 100),
    device       text NOT NULL DEFAULT '' CHECK (length(device) <= 100),
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_sent_at timestamptz
);
CREATE INDEX push_subscriptions_user ON push_subscriptions (user_id, created_at);

-- What is still to be pushed: a notification to each subscription its user
-- had when it was made. A row is deleted once delivered (or given up on);
-- next_at is when it may be tried (again), and a sender claims rows with
-- FOR UPDATE SKIP LOCKED, moving next_at past its own work, so several app
-- processes never push the same one twice.
CREATE TABLE push_deliveries (
    notification_id uuid NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
    subscription_id uuid NOT NULL REFERENCES push_subscriptions (id) ON DELETE CASCADE,
    attempts        integer NOT NULL DEFAULT 0,
    next_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (notification_id, subscription_id)
);
CREATE INDEX push_deliveries_next ON push_deliveries (next_at);
CREATE INDEX push_deliveries_subscription ON push_deliveries (subscription_id);

ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check,
    ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('habit_reminder', 'focus_end', 'weekly_summary', 'test'));

-- +goose Down
DELETE FROM notifications WHERE kind IN ('weekly_summary', 'test');
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check,
    ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('habit_reminder', 'focus_end'));
DROP TABLE push_deliveries;
DROP TABLE push_subscriptions;
DROP TABLE push_keys;
