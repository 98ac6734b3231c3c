-- +goose Up
-- Ideas: the title and body are record field envelopes (E2EE.md) the server
-- cannot open; the key, BPM and moods are metadata the user is told the
-- server sees, so it can filter and sort by them. The ID is made by the
-- browser before it encrypts (it is part of the fields' AAD).
CREATE TABLE ideas (
    id         uuid PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title      jsonb NOT NULL,
    body       jsonb,
    key_pitch  smallint CHECK (key_pitch BETWEEN 0 AND 11),
    key_mode   text CHECK (key_mode IN ('major', 'minor')),
    bpm        smallint CHECK (bpm BETWEEN 20 AND 300),
    moods      text[] NOT NULL DEFAULT '{}' CHECK (cardinality(moods) <= 5),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((key_pitch IS NULL) = (key_mode IS NULL))
);
CREATE INDEX ideas_user_created ON ideas (user_id, created_at DESC, id);
CREATE INDEX ideas_moods ON ideas USING gin (moods);

-- +goose Down
DROP TABLE ideas;
