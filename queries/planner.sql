-- name: CreatePlannerEvent :one
INSERT INTO planner_events (user_id, title, kind, all_day, starts_at, ends_at, time_zone, location, notes)
VALUES (@user_id, @title, @kind, @all_day, @starts_at, @ends_at, @time_zone, @location, @notes)
RETURNING id;

-- name: UpdatePlannerEvent :execrows
UPDATE planner_events
SET title = @title, kind = @kind, all_day = @all_day, starts_at = @starts_at, ends_at = @ends_at, time_zone = @time_zone,
    location = @location, notes = @notes, updated_at = now()
WHERE user_id = @user_id AND id = @id;

-- name: GetPlannerEvent :one
SELECT * FROM planner_events WHERE user_id = @user_id AND id = @id;

-- name: DeletePlannerEvent :execrows
DELETE FROM planner_events WHERE user_id = @user_id AND id = @id;

-- name: ListPlannerEvents :many
-- The user's events that overlap a window [from_at, until_at), by start.
-- An event lasts at most 366 days, so only those starting after
-- starts_after (366 days before the window) are read.
SELECT * FROM planner_events
WHERE user_id = @user_id AND starts_at < @until_at AND starts_at > @starts_after AND ends_at > @from_at
ORDER BY starts_at, ends_at, title, id
LIMIT 2000;
