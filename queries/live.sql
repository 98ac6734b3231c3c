-- name: AnnounceLive :exec
-- Records the change and tells every app process at commit ("<id> <user>
-- <name>").
WITH e AS (INSERT INTO live_events (user_id, name) VALUES (@user_id, @name) RETURNING id, user_id, name)
SELECT pg_notify('ignition_live', e.id || ' ' || e.user_id || ' ' || e.name) FROM e;

-- name: ListLiveEventsAfter :many
-- What a reconnecting stream missed, oldest first.
SELECT id, name FROM live_events WHERE user_id = @user_id AND id > @after ORDER BY id LIMIT 100;

-- name: OldestLiveEvent :one
-- The oldest change still kept (0 for none): a stream that last heard of
-- one before it may have missed some.
SELECT coalesce(min(id), 0)::bigint FROM live_events;

-- name: PruneLiveEvents :execrows
DELETE FROM live_events WHERE created_at < @before;

-- name: LatestLiveEventBySession :one
-- The user's latest change, read with the session: the page's stream
-- starts after it.
SELECT coalesce(max(e.id), 0)::bigint FROM sessions s JOIN live_events e ON e.user_id = s.user_id WHERE s.id_hash = @id_hash;
