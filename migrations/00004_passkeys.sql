-- +goose Up
-- Passkeys (WebAuthn credentials). The credential record holds the public
-- key, flags and signature counter; nothing here can sign in by itself.
CREATE TABLE passkeys (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    credential_id bytea NOT NULL UNIQUE,
    credential    jsonb NOT NULL,
    name          text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 60),
    prf_enabled   boolean NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_used_at  timestamptz,
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX passkeys_user_id_idx ON passkeys (user_id);

-- +goose Down
DROP TABLE passkeys;
