-- name: GetUserSettings :one
-- The user's settings, or the defaults when they have never saved any.
SELECT coalesce(s.theme, 'system')::text AS theme,
       coalesce(s.time_zone, 'UTC')::text AS time_zone,
       coalesce(s.week_start, 1)::smallint AS week_start,
       coalesce(s.daw, '')::text AS daw,
       coalesce(s.os, '')::text AS os,
       coalesce(s.notify_reminders, true)::boolean AS notify_reminders,
       coalesce(s.notify_focus_end, true)::boolean AS notify_focus_end,
       coalesce(s.notify_weekly_summary, false)::boolean AS notify_weekly_summary
FROM users u
LEFT JOIN user_settings s ON s.user_id = u.id
WHERE u.id = @user_id;

-- name: SetTheme :exec
INSERT INTO user_settings (user_id, theme)
VALUES (@user_id, @theme)
ON CONFLICT (user_id) DO UPDATE SET theme = excluded.theme, updated_at = now();

-- name: EnsureSettings :exec
INSERT INTO user_settings (user_id) VALUES (@user_id) ON CONFLICT (user_id) DO NOTHING;

-- name: LockZone :one
-- After EnsureSettings: the user's time zone and the change to it still
-- taking effect, locked until the transaction ends, and whether they have
-- ever earned anything.
SELECT s.time_zone, s.previous_time_zone, s.time_zone_switch,
       EXISTS (SELECT 1 FROM ledger_entries l WHERE l.user_id = @user_id)::boolean AS has_earned
FROM user_settings s
WHERE s.user_id = @user_id
FOR UPDATE;

-- name: SetPreferences :exec
INSERT INTO user_settings (user_id, time_zone, previous_time_zone, time_zone_switch, week_start, daw, os, notify_reminders, notify_focus_end, notify_weekly_summary)
VALUES (@user_id, @time_zone, @previous_time_zone, @time_zone_switch, @week_start, @daw, @os, @notify_reminders, @notify_focus_end, @notify_weekly_summary)
ON CONFLICT (user_id) DO UPDATE SET
    time_zone = excluded.time_zone, previous_time_zone = excluded.previous_time_zone, time_zone_switch = excluded.time_zone_switch,
    week_start = excluded.week_start, daw = excluded.daw, os = excluded.os,
    notify_reminders = excluded.notify_reminders, notify_focus_end = excluded.notify_focus_end,
    notify_weekly_summary = excluded.notify_weekly_summary, updated_at = now();
