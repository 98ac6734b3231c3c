-- name: GetFocusSettings :one
SELECT coalesce(s.focus_minutes, 25)::smallint AS focus_minutes,
       coalesce(s.short_break_minutes, 5)::smallint AS short_break_minutes,
       coalesce(s.long_break_minutes, 15)::smallint AS long_break_minutes,
       coalesce(s.long_break_every, 4)::smallint AS long_break_every,
       coalesce(s.focus_end_action, 'nothing')::text AS end_action,
       coalesce(s.focus_chime, true)::boolean AS chime,
       coalesce(s.notify_focus_end, true)::boolean AS notify
FROM users u LEFT JOIN user_settings s ON s.user_id = u.id
WHERE u.id = @user_id;

-- name: SetFocusSettings :exec
INSERT INTO user_settings (user_id, focus_minutes, short_break_minutes, long_break_minutes, long_break_every, focus_end_action, focus_chime)
VALUES (@user_id, @focus_minutes, @short_break_minutes, @long_break_minutes, @long_break_every, @end_action, @chime)
ON CONFLICT (user_id) DO UPDATE SET focus_minutes = excluded.focus_minutes, short_break_minutes = excluded.short_break_minutes,
    long_break_minutes = excluded.long_break_minutes, long_break_every = excluded.long_break_every,
    focus_end_action = excluded.focus_end_action, focus_chime = excluded.focus_chime, updated_at = now();

-- name: GetActiveFocus :one
SELECT * FROM focus_sessions WHERE user_id = @user_id AND ended_at IS NULL;

-- name: GetActiveFocusForUpdate :one
SELECT * FROM focus_sessions WHERE user_id = @user_id AND ended_at IS NULL FOR UPDATE;

-- name: StartFocus :one
INSERT INTO focus_sessions (user_id, kind, planned_seconds, started_at)
VALUES (@user_id, @kind, @planned_seconds, @now)
ON CONFLICT (user_id) WHERE ended_at IS NULL DO NOTHING
RETURNING *;

-- name: PauseFocus :exec
UPDATE focus_sessions SET paused_at = @now::timestamptz, updated_at = @now WHERE id = @id AND paused_at IS NULL AND ended_at IS NULL;

-- name: ResumeFocus :exec
-- Ends a pause, adding its length (worked out by the caller) to the total.
UPDATE focus_sessions
SET paused_seconds = paused_seconds + @pause_seconds, paused_at = NULL, updated_at = @now
WHERE id = @id AND paused_at IS NOT NULL AND ended_at IS NULL;

-- name: EndFocus :exec
UPDATE focus_sessions
SET ended_at = @now::timestamptz, outcome = @outcome::text, paused_seconds = paused_seconds + @pause_seconds, paused_at = NULL, updated_at = @now
WHERE id = @id AND ended_at IS NULL;

-- name: ListFocusHistory :many
SELECT * FROM focus_sessions WHERE user_id = @user_id AND ended_at IS NOT NULL ORDER BY ended_at DESC, id LIMIT @max_rows;

-- name: FocusTotals :one
-- Completed focus sessions today and their seconds, and this week's
-- seconds: the week holds the day.
SELECT count(*) FILTER (WHERE ended_at >= @day_from::timestamptz)::integer AS day_sessions,
       coalesce(sum(planned_seconds) FILTER (WHERE ended_at >= @day_from::timestamptz), 0)::bigint AS day_seconds,
       coalesce(sum(planned_seconds), 0)::bigint AS week_seconds
FROM focus_sessions
WHERE user_id = @user_id AND kind = 'focus' AND outcome = 'completed' AND ended_at >= least(@day_from::timestamptz, @week_from::timestamptz);

-- name: GetActiveFocusBySession :one
-- The running session of the session token's user, for the bottom bar of
-- every page; read in the round trip that loads the session.
SELECT f.* FROM sessions s JOIN focus_sessions f ON f.user_id = s.user_id AND f.ended_at IS NULL WHERE s.id_hash = @id_hash;

-- name: GetFocusSignals :one
-- What Today needs of focus: whether a session runs, how many focus
-- sessions were completed and when the last one ended, and when the user
-- last started one. Each part reads the user's own index entries only.
SELECT EXISTS (SELECT 1 FROM focus_sessions f WHERE f.user_id = @user_id AND f.ended_at IS NULL)::boolean AS running,
       (SELECT count(*) FROM focus_sessions f WHERE f.user_id = @user_id AND f.kind = 'focus' AND f.outcome = 'completed')::integer AS completions,
       coalesce((SELECT f.ended_at FROM focus_sessions f WHERE f.user_id = @user_id AND f.kind = 'focus' AND f.outcome = 'completed'
                 ORDER BY f.ended_at DESC LIMIT 1), '0001-01-01')::timestamptz AS last_completed_at,
       coalesce((SELECT f.started_at FROM focus_sessions f WHERE f.user_id = @user_id
                 ORDER BY f.ended_at DESC NULLS FIRST LIMIT 1), '0001-01-01')::timestamptz AS last_started_at;

-- name: ListEndedFocusForUpdate :many
-- Running sessions whose time has run out, to be ended by the server, with
-- their user's zone and week; a session another process is ending is
-- skipped.
SELECT sqlc.embed(f), coalesce(us.time_zone, 'UTC')::text AS time_zone, coalesce(us.week_start, 1)::smallint AS week_start
FROM focus_sessions f LEFT JOIN user_settings us ON us.user_id = f.user_id
WHERE f.ended_at IS NULL AND f.paused_at IS NULL
  AND f.started_at + make_interval(secs => f.planned_seconds + f.paused_seconds) <= @now::timestamptz
ORDER BY f.started_at
LIMIT @max_rows
FOR UPDATE OF f SKIP LOCKED;

-- name: GetFocusSession :one
SELECT * FROM focus_sessions WHERE id = @id AND user_id = @user_id;

-- name: FocusStats :one
-- The user's completed focus sessions for Progress: today's and this
-- week's count and time, all time, and the local days with one (newest
-- first, at most 400) for the streak.
SELECT count(*) FILTER (WHERE f.ended_at >= @day_from::timestamptz)::integer AS day_sessions,
       coalesce(sum(f.planned_seconds) FILTER (WHERE f.ended_at >= @day_from::timestamptz), 0)::bigint AS day_seconds,
       count(*) FILTER (WHERE f.ended_at >= @week_from::timestamptz)::integer AS week_sessions,
       coalesce(sum(f.planned_seconds) FILTER (WHERE f.ended_at >= @week_from::timestamptz), 0)::bigint AS week_seconds,
       count(*)::integer AS sessions,
       coalesce(sum(f.planned_seconds), 0)::bigint AS seconds,
       coalesce((SELECT array_agg(d.day ORDER BY d.day DESC) FROM (
           SELECT DISTINCT (g.ended_at AT TIME ZONE @zone::text)::date AS day FROM focus_sessions g
           WHERE g.user_id = @user_id AND g.kind = 'focus' AND g.outcome = 'completed'
           ORDER BY day DESC LIMIT 400) d), '{}')::date[] AS days
FROM focus_sessions f
WHERE f.user_id = @user_id AND f.kind = 'focus' AND f.outcome = 'completed';
