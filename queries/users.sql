-- name: UpsertUserByEmail :one
-- Finds the user with this email (case-insensitively) or creates them.
INSERT INTO users (email, name)
VALUES (@email, @name)
ON CONFLICT (lower(email)) DO UPDATE SET updated_at = users.updated_at
RETURNING *;

-- name: GetUser :one
SELECT * FROM users WHERE id = @id;

-- name: GetViewer :one
-- The signed-in user with the settings every page needs.
SELECT u.id, u.email, u.name, coalesce(s.theme, 'system')::text AS theme
FROM users u
LEFT JOIN user_settings s ON s.user_id = u.id
WHERE u.id = @id;
