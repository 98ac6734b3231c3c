-- +goose Up
-- Accounts: sign-in identities, onboarding (age and terms), approval, and
-- the block records of refused sign-ups.
ALTER TABLE users
    ADD COLUMN status            text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'denied')),
    ADD COLUMN email_verified    boolean NOT NULL DEFAULT false,
    ADD COLUMN age_verified_at   timestamptz,
    ADD COLUMN terms_accepted_at timestamptz,
    ADD COLUMN terms_version     text NOT NULL DEFAULT '',
    ADD COLUMN reviewed_at       timestamptz,
    ADD COLUMN reviewed_by       uuid REFERENCES users (id) ON DELETE SET NULL;
CREATE INDEX users_pending_idx ON users (created_at) WHERE status = 'pending';

-- An identity is one provider account (issuer-scoped subject) signing in as a user.
CREATE TABLE identities (
    provider       text NOT NULL,
    subject        text NOT NULL,
    user_id        uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    email          text NOT NULL DEFAULT '',
    email_verified boolean NOT NULL DEFAULT false,
    created_at     timestamptz NOT NULL DEFAULT now(),
    last_login_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, subject)
);
CREATE INDEX identities_user_id_idx ON identities (user_id);

-- A refused sign-up keeps nothing but a hash of the identity, why and when.
CREATE TABLE signup_blocks (
    identity_hash bytea PRIMARY KEY CHECK (octet_length(identity_hash) = 32),
    reason        text NOT NULL CHECK (reason IN ('under_age')),
    blocked_at    timestamptz NOT NULL DEFAULT now()
);

-- Accounts that existed before sign-in had gates are treated as onboarded.
UPDATE users SET status = 'approved', email_verified = true, age_verified_at = created_at, terms_accepted_at = created_at, terms_version = 'legacy';

-- +goose Down
DROP TABLE signup_blocks;
DROP TABLE identities;
ALTER TABLE users
    DROP COLUMN reviewed_by,
    DROP COLUMN reviewed_at,
    DROP COLUMN terms_version,
    DROP COLUMN terms_accepted_at,
    DROP COLUMN age_verified_at,
    DROP COLUMN email_verified,
    DROP COLUMN status;
