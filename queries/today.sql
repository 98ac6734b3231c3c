-- name: GetTodayState :one
-- What Today needs to know about the user that is no module's, in one
-- row: when they last earned anything (without any activity, the zero
-- time: a new account is not in a gap; the modules add their own), what
-- they last did, balances, telemetry consent, the switches an
-- administrator turned on, the picks put off today, and the projection's
-- position. The last action
-- is kept per user: found in the activity outbox, a generic plan walked
-- back past every newer event of every other user.
SELECT
    coalesce((SELECT max(l.created_at) FROM ledger_entries l WHERE l.user_id = @user_id::uuid), '0001-01-01')::timestamptz AS last_active_at,
    coalesce((SELECT a.action FROM user_last_action a WHERE a.user_id = @user_id::uuid), '')::text AS last_action,
    coalesce((SELECT p.xp FROM user_progress p WHERE p.user_id = @user_id::uuid), 0)::bigint AS xp,
    coalesce((SELECT p.coins FROM user_progress p WHERE p.user_id = @user_id::uuid), 0)::bigint AS coins,
    coalesce((SELECT s.decision_telemetry FROM user_settings s WHERE s.user_id = @user_id::uuid), true)::boolean AS telemetry,
    coalesce((SELECT array_agg(ff.key ORDER BY ff.key) FROM feature_flags ff WHERE ff.enabled), '{}')::text[] AS flags_on,
    coalesce((SELECT array_agg(d.decision_id ORDER BY d.decision_id) FROM today_dismissals d
              WHERE d.user_id = @user_id::uuid AND d.day = @today::date), '{}')::text[] AS dismissed,
    g.last_event_id AS graph_event_id,
    coalesce(g.last_sync_at, '0001-01-01')::timestamptz AS graph_synced_at
FROM graph_sync g;

-- name: InsertExposures :exec
-- Writes a batch of exposures; one whose user has since been deleted is
-- skipped rather than failing the batch.
INSERT INTO decision_exposures (id, user_id, context, candidates, created_at)
SELECT e.id, e.user_id, e.context, e.candidates, e.created_at
FROM (SELECT unnest(@ids::uuid[]) AS id, unnest(@user_ids::uuid[]) AS user_id, unnest(@contexts::jsonb[]) AS context,
             unnest(@candidates::jsonb[]) AS candidates, unnest(@created_ats::timestamptz[]) AS created_at) e
WHERE EXISTS (SELECT 1 FROM users u WHERE u.id = e.user_id);

-- name: DeleteOldExposures :execrows
-- Deletes up to batch exposures from before a time, oldest first, and their
-- outcomes with them.
DELETE FROM decision_exposures WHERE id IN (
    SELECT e.id FROM decision_exposures e WHERE e.created_at < @before ORDER BY e.created_at LIMIT @batch);

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

-- name: InsertDismissal :exec
-- Puts a pick off for the user's day; again, it changes nothing.
INSERT INTO today_dismissals (user_id, day, decision_id) VALUES (@user_id, @day, @decision_id)
ON CONFLICT DO NOTHING;

-- name: DeleteOldDismissals :execrows
-- Removes the dismissals of days before a day (every zone's today is at
-- most a day behind UTC's).
DELETE FROM today_dismissals WHERE day < @before::date;
