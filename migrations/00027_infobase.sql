-- +goose Up
-- The Infobase: the user's notes. The title, the markdown body and the
-- private tags are record field envelopes (E2EE.md) the server cannot
-- open; the category and the tags are metadata the user is told the server
-- sees, so the list can filter by them. The ID is made by the browser
-- before it encrypts (it is part of the fields' AAD).
CREATE TABLE infobase_entries (
    id           uuid PRIMARY KEY,
    user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title        jsonb NOT NULL,
    body         jsonb,
    private_tags jsonb,
    category     text CHECK (char_length(category) BETWEEN 1 AND 40),
    tags         text[] NOT NULL DEFAULT '{}' CHECK (cardinality(tags) <= 10),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX infobase_entries_user_updated ON infobase_entries (user_id, updated_at DESC, id);
CREATE INDEX infobase_entries_tags ON infobase_entries USING gin (tags);

-- +goose Down
DROP TABLE infobase_entries;
