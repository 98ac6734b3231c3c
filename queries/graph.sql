-- name: RecordActivity :exec
INSERT INTO activity_events (user_id, action) VALUES (@user_id, @action);

-- name: GetGraphSync :one
SELECT last_event_id, coalesce(last_sync_at, '0001-01-01')::timestamptz AS last_sync_at FROM graph_sync;

-- name: ListEventsAfter :many
-- The next events to project, each with the same user's previous action.
SELECT e.id, e.user_id, e.action,
       coalesce((SELECT p.action FROM activity_events p WHERE p.user_id = e.user_id AND p.id < e.id ORDER BY p.id DESC LIMIT 1), '')::text AS prev_action
FROM activity_events e
WHERE e.id > @after
ORDER BY e.id
LIMIT @max_rows;

-- name: SetGraphSync :exec
UPDATE graph_sync SET last_event_id = @last_event_id, last_sync_at = @last_sync_at::timestamptz;
