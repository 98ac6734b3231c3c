-- name: UpsertUserByEmail :one
-- Finds the user with this email (case-insensitively) or creates them.
INSERT INTO users (email, name)
VALUES (@email, @name)
ON CONFLICT (lower(email)) DO UPDATE SET updated_at = users.updated_at
RETURNING *;

-- name: GetUser :one
SELECT * FROM users WHERE id = @id;
