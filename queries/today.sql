-- name: ListHabitSignals :many
-- Active habits with their stored completion count and last completed day.
SELECT h.id, h.title, h.cadence, h.weekdays, h.times_per_week, h.created_at, h.completions,
       coalesce(h.last_completed, '0001-01-01')::date AS last_day, (h.last_completed IS NOT NULL)::boolean AS has_last,
       coalesce(h.last_completed = @today::date, false)::boolean AS done_today
FROM habits h
WHERE h.user_id = @user_id AND h.archived_at IS NULL
ORDER BY h.id;

-- name: FocusSignals :one
SELECT count(*)::integer AS completions, coalesce(max(ended_at), '0001-01-01')::timestamptz AS last_at,
       (max(ended_at) IS NOT NULL)::boolean AS has_last
FROM focus_sessions WHERE user_id = @user_id AND kind = 'focus' AND outcome = 'completed';

-- name: LastActivityAt :one
-- When the user last did anything that counts as activity.
-- Without any, the zero time (a new account is not in a gap).
SELECT coalesce(greatest(
    (SELECT max(l.created_at) FROM ledger_entries l WHERE l.user_id = @user_id::uuid),
    (SELECT max(c.created_at) FROM habit_completions c WHERE c.user_id = @user_id::uuid),
    (SELECT max(f.started_at) FROM focus_sessions f WHERE f.user_id = @user_id::uuid)
), '0001-01-01')::timestamptz AS last_at;

-- name: InsertExposure :exec
INSERT INTO decision_exposures (id, user_id, context, candidates) VALUES (@id, @user_id, @context, @candidates);

-- name: GetExposure :one
SELECT * FROM decision_exposures WHERE id = @id AND user_id = @user_id;

-- name: InsertOutcome :exec
INSERT INTO decision_outcomes (exposure_id, user_id, decision_id, action, time_to_action_ms)
VALUES (@exposure_id, @user_id, @decision_id, @action, @time_to_action_ms);

-- name: TelemetryEnabled :one
SELECT coalesce((SELECT s.decision_telemetry FROM user_settings s WHERE s.user_id = @user_id::uuid), true)::boolean;

-- name: GetFlags :many
SELECT key, enabled FROM feature_flags;

-- name: SetFlag :exec
INSERT INTO feature_flags (key, enabled, updated_by) VALUES (@key, @enabled, @updated_by)
ON CONFLICT (key) DO UPDATE SET enabled = excluded.enabled, updated_by = excluded.updated_by, updated_at = now();

-- name: SetDecisionTelemetry :exec
INSERT INTO user_settings (user_id, decision_telemetry) VALUES (@user_id, @decision_telemetry)
ON CONFLICT (user_id) DO UPDATE SET decision_telemetry = excluded.decision_telemetry, updated_at = now();

-- name: RecordCompletedOutcome :exec
-- When the user completes something a recent Today list showed (within the
-- 60-minute engagement window), the latest such exposure gets a
-- "completed" outcome.
INSERT INTO decision_outcomes (exposure_id, user_id, decision_id, action, time_to_action_ms)
SELECT e.id, e.user_id, @decision_id::text, 'completed', (extract(epoch FROM (now() - e.created_at)) * 1000)::bigint
FROM decision_exposures e
WHERE e.user_id = @user_id AND e.created_at >= now() - interval '60 minutes'
  AND e.candidates @> jsonb_build_array(jsonb_build_object('id', @decision_id::text))
ORDER BY e.created_at DESC
LIMIT 1;

-- name: ListQuestSignals :many
-- How often each quest was claimed, and when last, from the ledger.
SELECT split_part(key, ':', 2)::text AS quest_id, count(*)::integer AS claims,
       max(created_at)::timestamptz AS last_at
FROM ledger_entries
WHERE user_id = @user_id AND key LIKE 'quest:%'
GROUP BY 1;
