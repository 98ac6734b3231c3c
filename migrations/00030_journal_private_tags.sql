-- +goose Up
-- A journal entry's private tags: a record field envelope (E2EE.md) the
-- server cannot open, found by the island's search like the entry's text.
ALTER TABLE journal_entries ADD COLUMN private_tags jsonb;

-- +goose Down
ALTER TABLE journal_entries DROP COLUMN private_tags;
