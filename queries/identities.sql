-- name: GetIdentity :one
SELECT * FROM identities WHERE provider = @provider AND subject = @subject;

-- name: InsertIdentity :exec
INSERT INTO identities (provider, subject, user_id, email, email_verified)
VALUES (@provider, @subject, @user_id, @email, @email_verified);

-- name: TouchIdentity :exec
UPDATE identities
SET last_login_at = now(), email = @email, email_verified = @email_verified
WHERE provider = @provider AND subject = @subject;

-- name: ListUserIdentities :many
SELECT * FROM identities WHERE user_id = @user_id ORDER BY provider, subject;

-- name: IsSignupBlocked :one
SELECT EXISTS (SELECT 1 FROM signup_blocks WHERE identity_hash = @identity_hash);

-- name: InsertSignupBlock :exec
INSERT INTO signup_blocks (identity_hash, reason) VALUES (@identity_hash, @reason)
ON CONFLICT (identity_hash) DO NOTHING;
