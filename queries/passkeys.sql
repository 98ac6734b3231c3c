-- name: ListPasskeys :many
SELECT * FROM passkeys WHERE user_id = @user_id ORDER BY created_at, id;

-- name: GetPasskeyByCredentialID :one
SELECT * FROM passkeys WHERE credential_id = @credential_id;

-- name: InsertPasskey :one
INSERT INTO passkeys (user_id, credential_id, credential, name, prf_enabled)
VALUES (@user_id, @credential_id, @credential, @name, @prf_enabled)
RETURNING *;

-- name: RecordPasskeyUse :exec
UPDATE passkeys SET credential = @credential, last_used_at = now(), updated_at = now()
WHERE id = @id;

-- name: RenamePasskey :execrows
UPDATE passkeys SET name = @name, updated_at = now() WHERE user_id = @user_id AND id = @id;

-- name: DeletePasskey :execrows
DELETE FROM passkeys WHERE user_id = @user_id AND id = @id;
