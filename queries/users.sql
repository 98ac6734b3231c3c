-- name: UpsertDevUser :one
-- The development sign-in: finds the user with this email (case-insensitively)
-- or creates them already verified, onboarded and approved.
INSERT INTO users (email, name, status, email_verified, age_verified_at, terms_accepted_at, terms_version)
VALUES (@email, @name, 'approved', true, now(), now(), 'development')
ON CONFLICT (lower(email)) DO UPDATE SET updated_at = users.updated_at
RETURNING *;

-- name: GetUser :one
SELECT * FROM users WHERE id = @id;

-- name: GetUserByEmail :one
SELECT * FROM users WHERE lower(email) = lower(@email);

-- name: CreateUser :one
INSERT INTO users (email, name, status, email_verified)
VALUES (@email, @name, @status, @email_verified)
RETURNING *;

-- name: SetAgeVerified :exec
UPDATE users SET age_verified_at = now(), updated_at = now() WHERE id = @id;

-- name: AcceptTerms :exec
UPDATE users SET terms_accepted_at = now(), terms_version = @terms_version, updated_at = now() WHERE id = @id;

-- name: ListPendingUsers :many
SELECT id, email, name, created_at FROM users WHERE status = 'pending' ORDER BY created_at, id;

-- name: ReviewUser :one
-- Approves or denies a pending user (a user already reviewed is left
-- alone: no row) and says who it was and how many still wait.
WITH reviewed AS (
    UPDATE users
    SET status = @status, reviewed_at = now(), reviewed_by = @reviewed_by, updated_at = now()
    WHERE id = @id AND status = 'pending'
    RETURNING email
)
SELECT r.email, (SELECT count(*) FROM users u WHERE u.status = 'pending' AND u.id <> @id)::integer AS waiting
FROM reviewed r;

-- name: DeleteUser :exec
DELETE FROM users WHERE id = @id;
