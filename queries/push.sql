-- name: GetPushKeys :one
SELECT public_key, private_key FROM push_keys;

-- name: InsertPushKeys :exec
-- The first process to need a key pair stores it; the others then read it.
INSERT INTO push_keys (public_key, private_key) VALUES (@public_key, @private_key) ON CONFLICT (id) DO NOTHING;

-- name: SavePushSubscription :one
-- Saves a browser's subscription for the user; an endpoint already known
-- (the same browser subscribing again, maybe for another account) takes the
-- new keys and owner, and starts afresh.
INSERT INTO push_subscriptions (user_id, endpoint, p256dh, auth, device)
VALUES (@user_id, @endpoint, @p256dh, @auth, @device)
ON CONFLICT (endpoint) DO UPDATE SET user_id = excluded.user_id, p256dh = excluded.p256dh, auth = excluded.auth,
    device = excluded.device, created_at = now(), last_sent_at = NULL
RETURNING id;

-- name: CountOtherPushSubscriptions :one
-- The user's subscriptions other than the endpoint's own.
SELECT count(*)::integer FROM push_subscriptions WHERE user_id = @user_id AND endpoint <> @endpoint;

-- name: ListPushSubscriptions :many
SELECT id, device, created_at, last_sent_at FROM push_subscriptions WHERE user_id = @user_id ORDER BY created_at, id;

-- name: DeletePushSubscription :execrows
DELETE FROM push_subscriptions WHERE id = @id AND user_id = @user_id;

-- name: ForgetPushSubscription :exec
-- The push service said the subscription is gone (404 or 410).
DELETE FROM push_subscriptions WHERE id = @id;

-- name: ClaimPushDeliveries :many
-- Takes up to max_rows deliveries that are due, for this sender alone: the
-- rows are locked (others skip them) and moved lease_seconds ahead, so a
-- sender that dies mid-way leaves them to be tried again after that.
WITH due AS (
    SELECT d.notification_id, d.subscription_id FROM push_deliveries d
    WHERE d.next_at <= (@at::timestamptz)
    ORDER BY d.next_at, d.notification_id, d.subscription_id
    LIMIT @max_rows
    FOR UPDATE SKIP LOCKED
)
UPDATE push_deliveries d SET attempts = d.attempts + 1, next_at = (@at::timestamptz) + make_interval(secs => @lease_seconds::integer)
FROM due, notifications n, push_subscriptions s
WHERE d.notification_id = due.notification_id AND d.subscription_id = due.subscription_id
  AND n.id = d.notification_id AND s.id = d.subscription_id
RETURNING d.notification_id, d.subscription_id, d.attempts, n.kind, n.title, n.body, n.href, n.created_at,
          s.endpoint, s.p256dh, s.auth;

-- name: FinishPushDelivery :exec
-- Delivered, or given up on.
DELETE FROM push_deliveries WHERE notification_id = @notification_id AND subscription_id = @subscription_id;

-- name: MarkPushSent :exec
UPDATE push_subscriptions SET last_sent_at = (@at::timestamptz) WHERE id = @id;

-- name: RetryPushDelivery :exec
UPDATE push_deliveries SET next_at = @next_at WHERE notification_id = @notification_id AND subscription_id = @subscription_id;
