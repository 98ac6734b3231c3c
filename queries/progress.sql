-- name: InsertLedgerEntry :one
-- Records a reward movement; a key that already paid inserts nothing.
INSERT INTO ledger_entries (user_id, key, reason, skill, xp, coins)
VALUES (@user_id, @key, @reason, sqlc.narg('skill'), @xp, @coins)
ON CONFLICT (user_id, key) DO NOTHING
RETURNING id;

-- name: EnsureBalances :exec
INSERT INTO user_progress (user_id) VALUES (@user_id) ON CONFLICT (user_id) DO NOTHING;

-- name: MoveBalances :one
-- The balances never go below zero (a check constraint refuses it); the
-- XP after the move says whether it crossed a level.
UPDATE user_progress SET xp = xp + @xp, coins = coins + @coins, updated_at = now() WHERE user_id = @user_id
RETURNING xp;

-- name: GetBalances :one
SELECT coalesce(p.xp, 0)::bigint AS xp, coalesce(p.coins, 0)::bigint AS coins
FROM users u LEFT JOIN user_progress p ON p.user_id = u.id
WHERE u.id = @user_id;

-- name: GetProgress :one
-- The balances and the XP per skill in one row: skills[i] has skill_xp[i]
-- (a skill never rewarded is absent).
SELECT coalesce(p.xp, 0)::bigint AS xp, coalesce(p.coins, 0)::bigint AS coins,
       coalesce(s.skills, '{}')::text[] AS skills, coalesce(s.skill_xp, '{}')::bigint[] AS skill_xp
FROM users u
LEFT JOIN user_progress p ON p.user_id = u.id
LEFT JOIN LATERAL (
    SELECT array_agg(k.skill ORDER BY k.skill) AS skills, array_agg(k.xp ORDER BY k.skill) AS skill_xp
    FROM user_skills k WHERE k.user_id = u.id
) s ON true
WHERE u.id = @user_id;

-- name: MoveSkill :exec
INSERT INTO user_skills (user_id, skill, xp) VALUES (@user_id, @skill, @xp)
ON CONFLICT (user_id, skill) DO UPDATE SET xp = user_skills.xp + excluded.xp;

-- name: ListRecentActivity :many
SELECT id, reason, skill, xp, coins, created_at
FROM ledger_entries WHERE user_id = @user_id
ORDER BY created_at DESC, id DESC
LIMIT @max_rows;

-- name: ListWeeklySummariesDue :many
-- Users who asked for a weekly summary whose week began today in their
-- zone, from 9:00 on, and who have not had this week's yet.
SELECT us.user_id, us.time_zone::text AS time_zone,
       ((@at::timestamptz) AT TIME ZONE us.time_zone)::date AS local_day
FROM user_settings us
WHERE us.notify_weekly_summary
  AND extract(dow FROM ((@at::timestamptz) AT TIME ZONE us.time_zone))::integer = us.week_start
  AND ((@at::timestamptz) AT TIME ZONE us.time_zone)::time >= time '09:00'
  AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = us.user_id
                  AND n.key = 'weekly:' || ((@at::timestamptz) AT TIME ZONE us.time_zone)::date)
ORDER BY us.user_id
LIMIT 500;

-- name: WeekTotals :one
-- What the ledger recorded for the user in [from, until): activities that
-- paid XP, the XP and coins earned, and the skill that gained the most.
SELECT count(*) FILTER (WHERE xp > 0)::integer AS activities,
       coalesce(sum(xp) FILTER (WHERE xp > 0), 0)::bigint AS xp,
       coalesce(sum(coins) FILTER (WHERE coins > 0), 0)::bigint AS coins,
       coalesce((SELECT skill FROM ledger_entries s
                 WHERE s.user_id = @user_id AND s.created_at >= @from_at AND s.created_at < @until_at AND s.skill IS NOT NULL AND s.xp > 0
                 GROUP BY skill ORDER BY sum(xp) DESC, skill LIMIT 1), '')::text AS top_skill
FROM ledger_entries
WHERE user_id = @user_id AND created_at >= @from_at AND created_at < @until_at;
