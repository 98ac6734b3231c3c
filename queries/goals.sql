-- name: CreateGoal :one
INSERT INTO goals (user_id, title, description, category, deadline)
VALUES (@user_id, @title, @description, @category, sqlc.narg('deadline'))
RETURNING *;

-- name: UpdateGoal :execrows
UPDATE goals SET title = @title, description = @description, category = @category, deadline = sqlc.narg('deadline'), updated_at = now()
WHERE user_id = @user_id AND id = @id;

-- name: GetGoal :one
SELECT * FROM goals WHERE user_id = @user_id AND id = @id;

-- name: ListGoalsWithProgress :many
-- Open goals first, soonest deadline first; then completed ones, newest first.
SELECT g.*,
       (SELECT count(*) FROM goal_milestones m WHERE m.goal_id = g.id)::integer AS milestones,
       (SELECT count(*) FROM goal_milestones m WHERE m.goal_id = g.id AND m.completed_at IS NOT NULL)::integer AS milestones_done
FROM goals g
WHERE g.user_id = @user_id
ORDER BY g.completed_at IS NOT NULL, g.completed_at DESC, g.deadline NULLS LAST, g.created_at, g.id;

-- name: SetGoalCompleted :execrows
UPDATE goals SET completed_at = CASE WHEN @completed::boolean THEN now() END, updated_at = now()
WHERE user_id = @user_id AND id = @id AND (completed_at IS NOT NULL) <> @completed::boolean;

-- name: ListMilestones :many
SELECT * FROM goal_milestones WHERE user_id = @user_id AND goal_id = @goal_id ORDER BY position, created_at, id;

-- name: LockGoal :one
-- Serialises changes to the goal's milestone order; run it first, as its
-- own statement, so the statements after it see what the previous holder
-- committed.
SELECT id FROM goals WHERE user_id = @user_id AND id = @id FOR UPDATE;

-- name: AddMilestone :exec
-- After LockGoal: the next position is read under the goal's lock.
INSERT INTO goal_milestones (goal_id, user_id, title, position)
SELECT @goal_id, @user_id, @title, coalesce(max(position), 0) + 1 FROM goal_milestones WHERE goal_id = @goal_id;

-- name: ToggleMilestone :execrows
UPDATE goal_milestones
SET completed_at = CASE WHEN completed_at IS NULL THEN now() END, updated_at = now()
WHERE user_id = @user_id AND goal_id = @goal_id AND id = @id;

-- name: DeleteMilestone :execrows
DELETE FROM goal_milestones WHERE user_id = @user_id AND goal_id = @goal_id AND id = @id;

-- name: SetMilestonePosition :exec
UPDATE goal_milestones SET position = @position, updated_at = now() WHERE user_id = @user_id AND id = @id;

-- name: RenameMilestone :execrows
UPDATE goal_milestones SET title = @title, updated_at = now() WHERE user_id = @user_id AND goal_id = @goal_id AND id = @id;

-- name: DeleteGoal :execrows
-- Deletes a goal and, with it, its milestones; what completing it paid
-- stays in the ledger.
DELETE FROM goals WHERE user_id = @user_id AND id = @id;

-- name: ListGoalTitles :many
-- The user's goals for the command palette, open ones first.
SELECT id, title FROM goals WHERE user_id = @user_id ORDER BY completed_at IS NOT NULL, title, id LIMIT 1000;
