-- +goose Up
-- A KEK rotation under way: the new KEK's ID, the hash of its unlock proof,
-- and the new KEK wrapped under a key derived from the current one (so any
-- device that unlocks can continue it). Every envelope is re-wrapped from
-- kid to next_kid before the rotation finishes and next_kid becomes kid.
ALTER TABLE vaults
    ADD COLUMN next_kid        text CHECK (next_kid ~ '^[A-Za-z0-9_-]{1,32}$' AND next_kid <> kid),
    ADD COLUMN next_proof_hash bytea CHECK (length(next_proof_hash) = 32),
    ADD COLUMN next_salt       bytea CHECK (length(next_salt) = 16),
    ADD COLUMN next_blob       jsonb,
    ADD COLUMN rotation_started_at timestamptz,
    ADD CONSTRAINT vaults_rotation_check CHECK ((next_kid IS NULL) = (next_proof_hash IS NULL)
        AND (next_kid IS NULL) = (next_salt IS NULL) AND (next_kid IS NULL) = (next_blob IS NULL)
        AND (next_kid IS NULL) = (rotation_started_at IS NULL));
-- A rotation lists the memos' manifests by user.
CREATE INDEX memos_user ON memos (user_id);

-- +goose Down
DROP INDEX memos_user;
ALTER TABLE vaults DROP CONSTRAINT vaults_rotation_check, DROP COLUMN next_kid, DROP COLUMN next_proof_hash,
    DROP COLUMN next_salt, DROP COLUMN next_blob, DROP COLUMN rotation_started_at;
