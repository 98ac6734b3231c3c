-- name: UpsertQuest :exec
INSERT INTO quests (id, title, description, period, metric, target, skill, xp, coins, position, active)
VALUES (@id, @title, @description, @period, @metric, @target, @skill, @xp, @coins, @position, true)
ON CONFLICT (id) DO UPDATE SET
    title = excluded.title, description = excluded.description, period = excluded.period, metric = excluded.metric,
    target = excluded.target, skill = excluded.skill, xp = excluded.xp, coins = excluded.coins,
    position = excluded.position, active = true, updated_at = now();

-- name: ListActiveQuests :many
SELECT * FROM quests WHERE active ORDER BY position, id;

-- name: GetActiveQuest :one
SELECT * FROM quests WHERE id = @id AND active;

-- name: ListQuestProgress :many
-- The user's rows for the periods that are current now.
SELECT * FROM quest_progress
WHERE user_id = @user_id AND ((period_start = @day_start) OR (period_start = @week_start));

-- name: GetQuestProgress :one
SELECT * FROM quest_progress WHERE user_id = @user_id AND quest_id = @quest_id AND period_start = @period_start;

-- name: AdvanceQuest :one
INSERT INTO quest_progress (user_id, quest_id, period_start, manual)
VALUES (@user_id, @quest_id, @period_start, 1)
ON CONFLICT (user_id, quest_id, period_start) DO UPDATE
SET manual = least(quest_progress.manual + 1, @target::integer), updated_at = now()
RETURNING manual;

-- name: ClaimQuest :execrows
-- Marks the period's reward as claimed; a second claim changes nothing.
INSERT INTO quest_progress (user_id, quest_id, period_start, claimed_at)
VALUES (@user_id, @quest_id, @period_start, now())
ON CONFLICT (user_id, quest_id, period_start) DO UPDATE
SET claimed_at = now(), updated_at = now()
WHERE quest_progress.claimed_at IS NULL;

-- name: CountCompletionsBetween :one
SELECT count(*)::integer FROM habit_completions WHERE user_id = @user_id AND day BETWEEN @from_day AND @to_day;
