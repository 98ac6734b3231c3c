-- name: AddNotification :exec
-- Records a notification, to be pushed to every device its user
-- subscribed; one with the same key already made changes nothing.
WITH added AS (
    INSERT INTO notifications (user_id, kind, key, title, body, href)
    VALUES (@user_id, @kind, @key, @title, @body, @href)
    ON CONFLICT (user_id, key) DO NOTHING
    RETURNING id, user_id
)
INSERT INTO push_deliveries (notification_id, subscription_id)
SELECT added.id, s.id FROM added JOIN push_subscriptions s ON s.user_id = added.user_id;

-- name: ListNotifications :many
SELECT * FROM notifications WHERE user_id = @user_id ORDER BY created_at DESC, id LIMIT @max_rows;

-- name: MarkNotificationsRead :exec
UPDATE notifications SET read_at = now() WHERE user_id = @user_id AND read_at IS NULL;

-- name: CountUnreadBySession :one
-- The unread count for the bell on every page, read with the session.
SELECT count(*)::integer FROM sessions s JOIN notifications n ON n.user_id = s.user_id AND n.read_at IS NULL
WHERE s.id_hash = @id_hash;

-- name: ListDueReminders :many
-- Active habits whose reminder time has come by @at, today in their user's zone
-- (within the last window_minutes), not done today, for users who want
-- reminders; the caller checks the habit is due today (and, for one done N
-- times a week, not done N times yet).
SELECT h.id, h.user_id, h.title, h.cadence, h.weekdays, h.times_per_week, h.created_at,
       coalesce(us.time_zone, 'UTC')::text AS time_zone, l.day AS local_day,
       -- completions this week (the user's week), for a habit done N times a week
       (SELECT count(*) FROM habit_completions c WHERE c.habit_id = h.id
        AND c.day BETWEEN l.day - ((extract(dow FROM l.day)::integer - coalesce(us.week_start, 1) + 7) % 7) AND l.day)::integer AS week_done
FROM habits h
LEFT JOIN user_settings us ON us.user_id = h.user_id
CROSS JOIN LATERAL (SELECT ((@at::timestamptz) AT TIME ZONE coalesce(us.time_zone, 'UTC'))::date AS day) l
WHERE h.archived_at IS NULL AND h.reminder_time IS NOT NULL
  AND coalesce(us.notify_reminders, true)
  AND ((@at::timestamptz) AT TIME ZONE coalesce(us.time_zone, 'UTC'))::time >= h.reminder_time
  -- (a time minus a time is an interval: no wrapping past midnight)
  AND ((@at::timestamptz) AT TIME ZONE coalesce(us.time_zone, 'UTC'))::time - h.reminder_time < make_interval(mins => @window_minutes::integer)
  AND NOT EXISTS (SELECT 1 FROM habit_completions c WHERE c.habit_id = h.id AND c.day = ((@at::timestamptz) AT TIME ZONE coalesce(us.time_zone, 'UTC'))::date)
  AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = h.user_id
                  AND n.key = 'habit:' || h.id || ':' || ((@at::timestamptz) AT TIME ZONE coalesce(us.time_zone, 'UTC'))::date)
ORDER BY h.id
LIMIT 500;

-- name: CountUnread :one
SELECT count(*)::integer FROM notifications WHERE user_id = @user_id AND read_at IS NULL;
