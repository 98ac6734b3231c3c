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
