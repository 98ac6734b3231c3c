-- +goose Up
-- The vault (E2EE.md): the server keeps only what it cannot open. Crypto
-- policies name how keys are derived; a vault holds the hash of its unlock
-- proof and when it was last locked (on any device); its keys are the KEK
-- wrapped under a passphrase or a recovery code, never the KEK itself.
CREATE TABLE crypto_policies (
    version    smallint PRIMARY KEY,
    aead       text NOT NULL,
    kdf        text NOT NULL,
    iterations integer NOT NULL CHECK (iterations > 0)
);
INSERT INTO crypto_policies (version, aead, kdf, iterations) VALUES
    (0, 'AES-256-GCM', 'PBKDF2-HMAC-SHA256', 100000),
    (1, 'AES-256-GCM', 'PBKDF2-HMAC-SHA256', 600000);

CREATE TABLE vaults (
    user_id        uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    id             uuid NOT NULL UNIQUE,
    policy_version smallint NOT NULL REFERENCES crypto_policies (version),
    kid            text NOT NULL CHECK (kid ~ '^[A-Za-z0-9_-]{1,32}$'),
    proof_hash     bytea NOT NULL CHECK (length(proof_hash) = 32),
    locked_at      timestamptz NOT NULL DEFAULT now(),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE vault_keys (
    user_id        uuid NOT NULL REFERENCES vaults (user_id) ON DELETE CASCADE,
    credential_id  text NOT NULL CHECK (credential_id ~ '^(passphrase|recovery:[0-9]{1,2})$'),
    kind           text NOT NULL CHECK (kind IN ('passphrase', 'recovery')),
    policy_version smallint NOT NULL REFERENCES crypto_policies (version),
    salt           bytea NOT NULL CHECK (length(salt) = 16),
    blob           jsonb NOT NULL,
    lookup         bytea CHECK (lookup IS NULL OR length(lookup) = 32), -- a recovery code's SHA-256, to find its blob
    created_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, credential_id)
);
CREATE UNIQUE INDEX vault_keys_lookup_key ON vault_keys (user_id, lookup) WHERE lookup IS NOT NULL;

-- +goose Down
DROP TABLE vault_keys;
DROP TABLE vaults;
DROP TABLE crypto_policies;
