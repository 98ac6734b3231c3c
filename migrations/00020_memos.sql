-- +goose Up
-- Voice memos: each is its ciphertext chunks in the object store under
-- memos/<id>/<i> (keys the server chooses) and, once the upload completes,
-- its manifest: a record field envelope holding the file's key and each
-- chunk's size and SHA-256. Whenever a memo row goes (deleted, its idea or
-- account deleted, an upload that never finished), its objects are queued
-- in object_deletions in the same transaction, so none is left behind.
CREATE TABLE memos (
    id           uuid PRIMARY KEY,
    user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    idea_id      uuid NOT NULL REFERENCES ideas (id) ON DELETE CASCADE,
    chunk_sizes  integer[] NOT NULL CHECK (cardinality(chunk_sizes) BETWEEN 1 AND 1000),
    size         bigint NOT NULL CHECK (size > 0),
    manifest     jsonb,
    created_at   timestamptz NOT NULL DEFAULT now(),
    completed_at timestamptz,
    CHECK ((manifest IS NULL) = (completed_at IS NULL))
);
CREATE INDEX memos_idea ON memos (idea_id, created_at);
CREATE INDEX memos_unfinished ON memos (created_at) WHERE completed_at IS NULL;

CREATE TABLE object_deletions (
    prefix     text PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- +goose StatementBegin
CREATE FUNCTION memos_queue_deletion() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO object_deletions (prefix) VALUES ('memos/' || OLD.id || '/') ON CONFLICT DO NOTHING;
    RETURN OLD;
END $$;
-- +goose StatementEnd
CREATE TRIGGER memos_queue_deletion AFTER DELETE ON memos FOR EACH ROW EXECUTE FUNCTION memos_queue_deletion();

-- +goose Down
DROP TABLE memos;
DROP FUNCTION memos_queue_deletion;
DROP TABLE object_deletions;
