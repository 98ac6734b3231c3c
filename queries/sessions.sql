-- name: GetSession :one
SELECT * FROM sessions
WHERE id_hash = @id_hash AND expires_at > @now AND idle_expires_at > @now;

-- name: InsertSession :exec
INSERT INTO sessions (id_hash, user_id, data, user_agent, created_at, last_seen_at, idle_expires_at, expires_at)
VALUES (@id_hash, @user_id, @data, @user_agent, @now, @now, @idle_expires_at, @expires_at);

-- name: UpdateSessionData :exec
-- The idle deadline never passes the absolute one.
UPDATE sessions
SET user_id = @user_id, data = @data, last_seen_at = @now, idle_expires_at = least(@idle_expires_at::timestamptz, expires_at), updated_at = @now
WHERE id_hash = @id_hash;

-- name: TouchSession :exec
UPDATE sessions
SET last_seen_at = @now, idle_expires_at = least(@idle_expires_at::timestamptz, expires_at)
WHERE id_hash = @id_hash;

-- name: DeleteSession :exec
DELETE FROM sessions WHERE id_hash = @id_hash;

-- name: DeleteUserSessions :execrows
DELETE FROM sessions WHERE user_id = @user_id;

-- name: DeleteExpiredSessions :execrows
DELETE FROM sessions WHERE expires_at <= @now OR idle_expires_at <= @now;
