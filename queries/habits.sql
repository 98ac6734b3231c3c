-- name: CreateHabit :one
INSERT INTO habits (user_id, title, description, cadence, weekdays, times_per_week, reminder_time, skill)
VALUES (@user_id, @title, @description, @cadence, @weekdays, @times_per_week, sqlc.narg('reminder_time'), @skill)
RETURNING *;

-- name: UpdateHabit :execrows
UPDATE habits
SET title = @title, description = @description, cadence = @cadence, weekdays = @weekdays,
    times_per_week = @times_per_week, reminder_time = sqlc.narg('reminder_time'), skill = @skill, updated_at = now()
WHERE user_id = @user_id AND id = @id;

-- name: GetHabit :one
SELECT * FROM habits WHERE user_id = @user_id AND id = @id;

-- name: ListHabits :many
-- Active habits (archived false) or archived ones, oldest first.
SELECT * FROM habits
WHERE user_id = @user_id AND (archived_at IS NOT NULL) = @archived::boolean
ORDER BY created_at, id;

-- name: SetHabitArchived :execrows
UPDATE habits
SET archived_at = CASE WHEN @archived::boolean THEN now() END, updated_at = now()
WHERE user_id = @user_id AND id = @id AND (archived_at IS NOT NULL) <> @archived::boolean;

-- name: ListActiveHabitsWithDays :many
-- Active habits, oldest first, each with its completed days from a day on.
SELECT sqlc.embed(h),
       ARRAY(SELECT c.day FROM habit_completions c WHERE c.habit_id = h.id AND c.day >= @since::date ORDER BY c.day)::date[] AS days
FROM habits h
WHERE h.user_id = @user_id AND h.archived_at IS NULL
ORDER BY h.created_at, h.id;

-- name: SetHabitStreak :exec
-- Stores what pages read instead of the history: the streak run and the
-- completion count and last day.
UPDATE habits SET streak_run = @streak_run, streak_end = sqlc.narg('streak_end'), streak_longest = @streak_longest,
    completions = @completions, last_completed = sqlc.narg('last_completed')
WHERE user_id = @user_id AND id = @id;

-- name: ListHabitCompletionDays :many
SELECT day FROM habit_completions WHERE user_id = @user_id AND habit_id = @habit_id ORDER BY day;

-- name: InsertCompletion :one
-- Marks the habit done on day; a day already done inserts nothing.
INSERT INTO habit_completions (habit_id, user_id, day)
VALUES (@habit_id, @user_id, @day)
ON CONFLICT (habit_id, day) DO NOTHING
RETURNING id;

-- name: DeleteCompletion :one
DELETE FROM habit_completions WHERE user_id = @user_id AND habit_id = @habit_id AND day = @day
RETURNING id;

-- name: CountCompletionsOnDay :one
SELECT count(*) FROM habit_completions WHERE user_id = @user_id AND day = @day;

-- name: ListHabitSignals :many
-- Active habits with their stored completion count, last completed day and
-- completions this week.
SELECT h.id, h.title, h.cadence, h.weekdays, h.times_per_week, h.created_at, h.completions,
       coalesce(h.last_completed, '0001-01-01')::date AS last_day, (h.last_completed IS NOT NULL)::boolean AS has_last,
       coalesce(h.last_completed = @today::date, false)::boolean AS done_today,
       (SELECT count(*) FROM habit_completions c WHERE c.habit_id = h.id AND c.day BETWEEN @week_start::date AND @today::date)::integer AS week_done
FROM habits h
WHERE h.user_id = @user_id AND h.archived_at IS NULL
ORDER BY h.id;

-- name: LastHabitCompletionAt :one
-- When the user last completed a habit (the zero time for never).
SELECT coalesce(max(c.created_at), '0001-01-01')::timestamptz FROM habit_completions c WHERE c.user_id = @user_id;

-- name: ListHabitTitles :many
-- The user's active habits for the command palette.
SELECT id, title FROM habits WHERE user_id = @user_id AND archived_at IS NULL ORDER BY title, id LIMIT 1000;
