-- +goose Up
-- A passkey with the PRF extension can unlock the vault: the KEK wrapped
-- under a key derived from its PRF output (E2EE.md), named by the passkey's
-- credential ID (base64url). Removing the passkey removes its wrapped KEK.
ALTER TABLE vault_keys DROP CONSTRAINT vault_keys_credential_id_check;
ALTER TABLE vault_keys DROP CONSTRAINT vault_keys_kind_check;
ALTER TABLE vault_keys
    ADD COLUMN passkey_id uuid REFERENCES passkeys (id) ON DELETE CASCADE,
    ADD CONSTRAINT vault_keys_credential_id_check CHECK (credential_id ~ '^(passphrase|recovery:[0-9]{1,2})$'
        OR (credential_id ~ '^[A-Za-z0-9_-]+$' AND char_length(credential_id) BETWEEN 16 AND 1400)),
    ADD CONSTRAINT vault_keys_kind_check CHECK (kind IN ('passphrase', 'recovery', 'passkey')),
    ADD CONSTRAINT vault_keys_passkey_check CHECK ((kind = 'passkey') = (passkey_id IS NOT NULL));
CREATE UNIQUE INDEX vault_keys_passkey_key ON vault_keys (passkey_id) WHERE passkey_id IS NOT NULL;

-- +goose Down
DELETE FROM vault_keys WHERE kind = 'passkey';
DROP INDEX vault_keys_passkey_key;
ALTER TABLE vault_keys DROP CONSTRAINT vault_keys_passkey_check, DROP CONSTRAINT vault_keys_kind_check,
    DROP CONSTRAINT vault_keys_credential_id_check, DROP COLUMN passkey_id;
ALTER TABLE vault_keys
    ADD CONSTRAINT vault_keys_credential_id_check CHECK (credential_id ~ '^(passphrase|recovery:[0-9]{1,2})$'),
    ADD CONSTRAINT vault_keys_kind_check CHECK (kind IN ('passphrase', 'recovery'));
