-- name: UpsertQuest :exec
INSERT INTO quests (id, title, description, period, metric, target, skill, xp, coins, position, active)
VALUES (@id, @title, @description, @period, @metric, @target, @skill, @xp, @coins, @position, true)
ON CONFLICT (id) DO UPDATE SET
    title = excluded.title, description = excluded.description, period = excluded.period, metric = excluded.metric,
    target = excluded.target, skill = excluded.skill, xp = excluded.xp, coins = excluded.coins,
    position = excluded.position, active = true, updated_at = now();

-- name: GetActiveQuest :one
SELECT * FROM quests WHERE id = @id AND active;

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

-- name: ListQuestStandings :many
-- The active quests (or only the one named) with the user's standing in
-- each one's current period: its period row (steps taken by hand, claim)
-- and how many habit completions and completed focus sessions the period
-- holds, or for a "rewarded:<prefix>" quest the rewards it holds whose
-- key starts with "<prefix>:" (a domain's own count, by its ledger keys); and, from the ledger, how often the quest was ever claimed and
-- when last. Days are local dates; the instants are the local midnights
-- that bound the day and the week.
SELECT sqlc.embed(q), coalesce(p.manual, 0)::integer AS manual, (p.claimed_at IS NOT NULL)::boolean AS claimed,
       (CASE WHEN q.period = 'weekly' THEN n.habits_week ELSE n.habits_day END)::integer AS habits_done,
       (CASE WHEN q.period = 'weekly' THEN n.focus_week ELSE n.focus_day END)::integer AS focus_done,
       (SELECT count(*) FROM ledger_entries r
        WHERE q.metric LIKE 'rewarded:%' AND r.user_id = @user_id::uuid AND r.key LIKE substr(q.metric, 10) || ':%' AND r.key NOT LIKE '%:undo'
          AND r.created_at >= (CASE WHEN q.period = 'weekly' THEN @week_from::timestamptz ELSE @day_from::timestamptz END)
          AND r.created_at < (CASE WHEN q.period = 'weekly' THEN @week_to::timestamptz ELSE @day_to::timestamptz END))::integer AS rewarded_done,
       coalesce(h.claims, 0)::integer AS claims, coalesce(h.last_at, '0001-01-01')::timestamptz AS last_claimed_at
FROM quests q
CROSS JOIN (
    SELECT (SELECT count(*) FROM habit_completions c
            WHERE c.user_id = @user_id::uuid AND c.day = @day::date) AS habits_day,
           (SELECT count(*) FROM habit_completions c
            WHERE c.user_id = @user_id::uuid AND c.day BETWEEN @week_start::date AND @week_end::date) AS habits_week,
           (SELECT count(*) FROM focus_sessions f
            WHERE f.user_id = @user_id::uuid AND f.kind = 'focus' AND f.outcome = 'completed'
              AND f.ended_at >= @day_from::timestamptz AND f.ended_at < @day_to::timestamptz) AS focus_day,
           (SELECT count(*) FROM focus_sessions f
            WHERE f.user_id = @user_id::uuid AND f.kind = 'focus' AND f.outcome = 'completed'
              AND f.ended_at >= @week_from::timestamptz AND f.ended_at < @week_to::timestamptz) AS focus_week
) n
LEFT JOIN quest_progress p ON p.user_id = @user_id::uuid AND p.quest_id = q.id
    AND p.period_start = (CASE WHEN q.period = 'weekly' THEN @week_start::date ELSE @day::date END)
LEFT JOIN (
    SELECT split_part(l.key, ':', 2) AS quest_id, count(*) AS claims, max(l.created_at) AS last_at
    FROM ledger_entries l WHERE l.user_id = @user_id::uuid AND l.key LIKE 'quest:%'
    GROUP BY 1
) h ON h.quest_id = q.id
WHERE q.active AND (sqlc.narg(quest_id)::text IS NULL OR q.id = sqlc.narg(quest_id)::text)
ORDER BY q.position, q.id;

-- name: LockQuestPeriod :exec
-- Serialises actions on one user's quest period until the transaction ends.
SELECT pg_advisory_xact_lock(hashtextextended(@key::text, 0));

-- name: ListQuestTitles :many
-- The active quests for the command palette.
SELECT id, title FROM quests WHERE active ORDER BY position, id;
