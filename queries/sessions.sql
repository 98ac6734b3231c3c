-- name: GetSession :one
-- The live session with the owner fields every request needs. Nothing of
-- a domain joins here: modules read what the shell shows in the same
-- round trip, keyed by the token hash (web.ShellSource).
SELECT s.user_id, s.data, s.last_seen_at, s.expires_at,
       u.email AS owner_email, u.name AS owner_name, coalesce(us.theme, 'system')::text AS owner_theme,
       coalesce(us.time_zone, 'UTC')::text AS owner_time_zone, us.previous_time_zone AS owner_previous_time_zone,
       us.time_zone_switch AS owner_time_zone_switch, coalesce(us.week_start, 1)::smallint AS owner_week_start,
       coalesce(u.status, '')::text AS owner_status, coalesce(u.email_verified, false)::boolean AS owner_email_verified,
       (u.age_verified_at IS NOT NULL)::boolean AS owner_age_verified,
       (u.terms_accepted_at IS NOT NULL)::boolean AS owner_terms_accepted
FROM sessions s
LEFT JOIN users u ON u.id = s.user_id
LEFT JOIN user_settings us ON us.user_id = s.user_id
WHERE s.id_hash = @id_hash AND s.expires_at > @now AND s.idle_expires_at > @now;

-- name: InsertSession :exec
INSERT INTO sessions (id_hash, user_id, data, user_agent, created_at, last_seen_at, idle_expires_at, expires_at)
VALUES (@id_hash, @user_id, @data, @user_agent, @now, @now, @idle_expires_at, @expires_at);

-- name: UpdateSessionData :exec
-- The idle deadline never passes the absolute one.
UPDATE sessions
SET user_id = @user_id, data = @data, last_seen_at = @now, idle_expires_at = least(@idle_expires_at::timestamptz, expires_at), updated_at = @now
WHERE id_hash = @id_hash;

-- name: TouchSession :exec
-- Records a request on a live session last seen before stale_before:
-- most requests find nothing to change and write nothing. It runs before
-- GetSession in the same round trip.
UPDATE sessions
SET last_seen_at = @now, idle_expires_at = least(@idle_expires_at::timestamptz, expires_at)
WHERE id_hash = @id_hash AND last_seen_at <= @stale_before AND expires_at > @now AND idle_expires_at > @now;

-- name: DeleteSession :exec
DELETE FROM sessions WHERE id_hash = @id_hash;

-- name: DeleteUserSessions :execrows
DELETE FROM sessions WHERE user_id = @user_id;

-- name: DeleteExpiredSessions :execrows
DELETE FROM sessions WHERE expires_at <= @now OR idle_expires_at <= @now;

-- name: ListUserSessions :many
SELECT public_id, user_agent, created_at, last_seen_at, id_hash = @current_hash AS current
FROM sessions
WHERE user_id = @user_id AND expires_at > @now AND idle_expires_at > @now
ORDER BY last_seen_at DESC, public_id;

-- name: DeleteUserSession :execrows
DELETE FROM sessions WHERE user_id = @user_id AND public_id = @public_id;
