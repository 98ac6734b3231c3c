-- name: CreatePlannerEvent :one
INSERT INTO planner_events (user_id, title, kind, all_day, starts_at, ends_at, time_zone, location, notes, rrule, repeats_until, exdates)
VALUES (@user_id, @title, @kind, @all_day, @starts_at, @ends_at, @time_zone, @location, @notes, sqlc.narg('rrule'), sqlc.narg('repeats_until'),
    coalesce(sqlc.narg('exdates')::timestamptz[], '{}'))
RETURNING id;

-- name: UpdatePlannerEvent :execrows
UPDATE planner_events
SET title = @title, kind = @kind, all_day = @all_day, starts_at = @starts_at, ends_at = @ends_at, time_zone = @time_zone,
    location = @location, notes = @notes, rrule = sqlc.narg('rrule'), repeats_until = sqlc.narg('repeats_until'), updated_at = now()
WHERE user_id = @user_id AND id = @id;

-- name: GetPlannerEvent :one
SELECT * FROM planner_events WHERE user_id = @user_id AND id = @id;

-- name: DeletePlannerEvent :execrows
DELETE FROM planner_events WHERE user_id = @user_id AND id = @id;

-- name: ListPlannerEvents :many
-- The user's events that may overlap a window [from_at, until_at), by
-- start: a single event that does (it lasts at most 366 days, so only
-- those starting after starts_after, 366 days before the window, are
-- read), and every repeating one that starts before the window ends and
-- has not stopped repeating before it begins (the window's occurrences
-- are worked out from its rule). The views order the occurrences
-- themselves; the order here only keeps a cut at the limit the same (and
-- costs no collation).
SELECT * FROM planner_events
WHERE user_id = @user_id AND starts_at < @until_at
  AND ((rrule IS NULL AND starts_at > @starts_after AND ends_at > @from_at)
    OR (rrule IS NOT NULL AND (repeats_until IS NULL OR repeats_until > @from_at)))
ORDER BY starts_at, id
LIMIT 2000;

-- name: SetPlannerEventRule :execrows
-- A series cut short ("this and following" changed or deleted).
UPDATE planner_events SET rrule = @rrule, repeats_until = sqlc.narg('repeats_until'), updated_at = now()
WHERE user_id = @user_id AND id = @id;

-- name: AddPlannerExdate :execrows
-- One occurrence of a series taken out (changed on its own, or deleted).
UPDATE planner_events SET exdates = array_append(exdates, @at::timestamptz), updated_at = now()
WHERE user_id = @user_id AND id = @id AND rrule IS NOT NULL AND NOT (@at::timestamptz = ANY (exdates)) AND cardinality(exdates) < 1000;

-- name: PutPlannerFeed :exec
-- A new subscription token: the old link stops working.
INSERT INTO planner_feeds (user_id, token_hash) VALUES (@user_id, @token_hash)
ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = now();

-- name: GetPlannerFeed :one
SELECT * FROM planner_feeds WHERE user_id = @user_id;

-- name: DeletePlannerFeed :execrows
DELETE FROM planner_feeds WHERE user_id = @user_id;

-- name: FeedEvents :many
-- Every event of the subscription whose token hashes to token_hash, for
-- its feed: the series whole, the single ones from a year back.
SELECT e.* FROM planner_events e JOIN planner_feeds f ON f.user_id = e.user_id
WHERE f.token_hash = @token_hash AND (e.rrule IS NOT NULL OR e.ends_at > @since)
ORDER BY e.starts_at, e.id
LIMIT 5000;

-- name: GetPlannerFeedByToken :one
SELECT * FROM planner_feeds WHERE token_hash = @token_hash;
