-- name: GetVault :one
SELECT v.*, p.iterations FROM vaults v JOIN crypto_policies p ON p.version = v.policy_version WHERE v.user_id = @user_id;

-- name: CreateVault :execrows
-- A user has one vault, and a vault ID one user: a second setup, or an ID
-- already taken, changes nothing.
INSERT INTO vaults (user_id, id, policy_version, kid, proof_hash, locked_at)
VALUES (@user_id, @id, @policy_version, @kid, @proof_hash, @locked_at)
ON CONFLICT DO NOTHING;

-- name: PutVaultKey :exec
INSERT INTO vault_keys (user_id, credential_id, kind, policy_version, salt, blob, lookup)
VALUES (@user_id, @credential_id, @kind, @policy_version, @salt, @blob, sqlc.narg('lookup'))
ON CONFLICT (user_id, credential_id) DO UPDATE SET
    policy_version = excluded.policy_version, salt = excluded.salt, blob = excluded.blob, lookup = excluded.lookup, created_at = now();

-- name: GetVaultKey :one
SELECT k.*, p.iterations FROM vault_keys k JOIN crypto_policies p ON p.version = k.policy_version
WHERE k.user_id = @user_id AND k.credential_id = @credential_id;

-- name: FindRecoveryKey :one
SELECT k.*, p.iterations FROM vault_keys k JOIN crypto_policies p ON p.version = k.policy_version
WHERE k.user_id = @user_id AND k.lookup = @lookup AND k.kind = 'recovery';

-- name: DeleteVaultKey :execrows
DELETE FROM vault_keys WHERE user_id = @user_id AND credential_id = @credential_id;

-- name: DeleteRecoveryKeys :exec
DELETE FROM vault_keys WHERE user_id = @user_id AND kind = 'recovery';

-- name: CountRecoveryKeys :one
SELECT count(*)::integer FROM vault_keys WHERE user_id = @user_id AND kind = 'recovery';

-- name: LockVault :execrows
-- Locks the vault on every device: a session is unlocked only after this.
UPDATE vaults SET locked_at = @now, updated_at = @now WHERE user_id = @user_id;

-- name: ListVaultOwners :many
-- For administrators: who has a vault and when it last locked; nothing of
-- its content, which the server cannot read.
SELECT u.id, u.email, v.locked_at, v.created_at FROM vaults v JOIN users u ON u.id = v.user_id ORDER BY u.email;

-- name: HasVault :one
SELECT EXISTS (SELECT 1 FROM vaults WHERE user_id = @user_id)::boolean;

-- name: PutPasskeyVaultKey :exec
-- The KEK wrapped for one of the user's PRF passkeys: a passkey that is
-- not theirs, or cannot give a PRF, puts nothing.
INSERT INTO vault_keys (user_id, credential_id, kind, policy_version, salt, blob, passkey_id)
SELECT @user_id, @credential_id, 'passkey', @policy_version, @salt, @blob, p.id
FROM passkeys p WHERE p.id = @passkey_id AND p.user_id = @user_id AND p.prf_enabled
ON CONFLICT (user_id, credential_id) DO UPDATE SET
    policy_version = excluded.policy_version, salt = excluded.salt, blob = excluded.blob, created_at = now();

-- name: DeletePasskeyVaultKey :execrows
DELETE FROM vault_keys WHERE user_id = @user_id AND passkey_id = @passkey_id;

-- name: ListVaultPasskeys :many
-- The user's passkeys as the vault page lists them: whether each can give
-- a PRF, and whether it unlocks the vault.
SELECT p.id, p.name, p.credential_id, p.prf_enabled, (k.passkey_id IS NOT NULL)::boolean AS unlocks
FROM passkeys p LEFT JOIN vault_keys k ON k.passkey_id = p.id
WHERE p.user_id = @user_id ORDER BY p.created_at, p.id;

-- name: ListUnlockCredentialsBySession :many
-- The credential IDs of the passkeys that unlock the vault, for every
-- page's unlock prompt, read with the session.
SELECT k.credential_id FROM sessions s JOIN vault_keys k ON k.user_id = s.user_id AND k.kind = 'passkey'
WHERE s.id_hash = @id_hash ORDER BY k.created_at, k.credential_id;

-- name: DeleteVault :execrows
-- A vault reset, once everything it encrypted is deleted: the vault and
-- every key wrapped for it.
DELETE FROM vaults WHERE user_id = @user_id;

-- name: CountVaultKeys :one
-- How many wrapped KEKs the vault has (passphrase, codes, passkeys).
SELECT count(*)::integer FROM vault_keys WHERE user_id = @user_id;

-- name: StartRotation :execrows
-- A rotation starts once: a second start while one is under way changes
-- nothing.
UPDATE vaults SET locked_at = @now, updated_at = @now, rotation_started_at = @now,
    next_kid = @next_kid, next_proof_hash = @next_proof_hash, next_salt = @next_salt, next_blob = @next_blob
WHERE user_id = @user_id AND next_kid IS NULL;

-- name: FinishRotation :execrows
-- The new KEK becomes the vault's, and the vault locks on every device.
UPDATE vaults SET kid = next_kid, proof_hash = next_proof_hash, next_kid = NULL, next_proof_hash = NULL, next_salt = NULL,
    next_blob = NULL, rotation_started_at = NULL, locked_at = @now, updated_at = @now
WHERE user_id = @user_id AND next_kid = @next_kid;

-- name: DeleteVaultKeys :exec
-- Every wrapped KEK of the vault: a rotation replaces them all.
DELETE FROM vault_keys WHERE user_id = @user_id;

-- name: GetVaultForUpdate :one
-- The vault, locked until the transaction ends: a rotation finishes once.
SELECT * FROM vaults WHERE user_id = @user_id FOR UPDATE;
