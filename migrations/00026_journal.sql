-- +goose Up
-- The journal: one entry per local day. The body is a record field envelope
-- (E2EE.md) the server cannot open; the day and the tags are metadata the
-- user is told the server sees, so it can filter by them. The ID is made by
-- the browser before it encrypts (it is part of the field's AAD).
CREATE TABLE journal_entries (
    id         uuid PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    day        date NOT NULL,
    body       jsonb NOT NULL,
    tags       text[] NOT NULL DEFAULT '{}' CHECK (cardinality(tags) <= 10),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (user_id, day)
);
CREATE INDEX journal_entries_tags ON journal_entries USING gin (tags);

-- +goose Down
DROP TABLE journal_entries;
