-- name: UpsertMarketItem :exec
INSERT INTO market_items (id, kind, name, description, value, price, position, active)
VALUES (@id, @kind, @name, @description, @value, @price, @position, true)
ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, name = excluded.name, description = excluded.description,
    value = excluded.value, price = excluded.price, position = excluded.position, active = true;

-- name: ListMarket :many
-- The catalog with what the user owns and wears.
SELECT i.*, (o.item_id IS NOT NULL)::boolean AS owned, (e.item_id IS NOT NULL)::boolean AS equipped
FROM market_items i
LEFT JOIN user_items o ON o.item_id = i.id AND o.user_id = @user_id
LEFT JOIN user_equipped e ON e.item_id = i.id AND e.user_id = @user_id
WHERE i.active
ORDER BY i.kind, i.position, i.id;

-- name: GetMarketItem :one
SELECT * FROM market_items WHERE id = @id AND active;

-- name: LockCoins :one
-- The user's coins, locked until the transaction ends.
SELECT coins FROM user_progress WHERE user_id = @user_id FOR UPDATE;

-- name: GrantItem :execrows
INSERT INTO user_items (user_id, item_id) VALUES (@user_id, @item_id) ON CONFLICT DO NOTHING;

-- name: OwnsItem :one
SELECT EXISTS (SELECT 1 FROM user_items WHERE user_id = @user_id AND item_id = @item_id);

-- name: EquipItem :exec
INSERT INTO user_equipped (user_id, kind, item_id) VALUES (@user_id, @kind, @item_id)
ON CONFLICT (user_id, kind) DO UPDATE SET item_id = excluded.item_id;

-- name: UnequipKind :execrows
DELETE FROM user_equipped WHERE user_id = @user_id AND kind = @kind AND item_id = @item_id;

-- name: GetWornBySession :one
-- What the session's user wears, for the shell of every page; read in the
-- round trip that loads the session, keyed by the token hash.
SELECT coalesce(max(i.value) FILTER (WHERE e.kind = 'theme'), '')::text AS skin,
       coalesce(max(i.value) FILTER (WHERE e.kind = 'accent'), '')::text AS accent,
       coalesce(max(i.value) FILTER (WHERE e.kind = 'badge'), '')::text AS badge,
       coalesce(max(i.value) FILTER (WHERE e.kind = 'title'), '')::text AS title
FROM sessions s
JOIN user_equipped e ON e.user_id = s.user_id
JOIN market_items i ON i.id = e.item_id
WHERE s.id_hash = @id_hash;
