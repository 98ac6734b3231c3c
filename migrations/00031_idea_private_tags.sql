-- +goose Up
-- An idea's private tags: a record field envelope (E2EE.md) the server
-- cannot open, beside the moods it can read to filter by; found by the
-- island's search.
ALTER TABLE ideas ADD COLUMN private_tags jsonb;

-- +goose Down
ALTER TABLE ideas DROP COLUMN private_tags;
