-- name: CreateMemo :execrows
-- Starts a memo's upload, for an idea of the user's only.
INSERT INTO memos (id, user_id, idea_id, chunk_sizes, size)
SELECT @id, @user_id, i.id, @chunk_sizes::integer[], @size FROM ideas i WHERE i.user_id = @user_id AND i.id = @idea_id;

-- name: GetMemo :one
SELECT * FROM memos WHERE user_id = @user_id AND idea_id = @idea_id AND id = @id;

-- name: CompleteMemo :execrows
UPDATE memos SET manifest = @manifest, completed_at = now()
WHERE user_id = @user_id AND idea_id = @idea_id AND id = @id AND completed_at IS NULL;

-- name: ListIdeaMemos :many
SELECT * FROM memos WHERE user_id = @user_id AND idea_id = @idea_id AND completed_at IS NOT NULL ORDER BY created_at, id;

-- name: DeleteMemo :execrows
DELETE FROM memos WHERE user_id = @user_id AND idea_id = @idea_id AND id = @id;

-- name: ExpireUploads :execrows
-- Uploads that never completed (their URLs long expired) are dropped; the
-- trigger queues their objects.
DELETE FROM memos WHERE completed_at IS NULL AND created_at < @before;

-- name: ListObjectDeletions :many
SELECT prefix FROM object_deletions ORDER BY created_at, prefix LIMIT @max;

-- name: DoneObjectDeletion :exec
DELETE FROM object_deletions WHERE prefix = @prefix;

-- name: ListIdeaMemoIDs :many
-- Every memo of an idea, finished or not, whose objects go with it.
SELECT id FROM memos WHERE user_id = @user_id AND idea_id = @idea_id;

-- name: CountMemos :one
-- The user's voice memos, found through their ideas (memos are indexed by
-- idea).
SELECT count(*)::integer FROM memos m JOIN ideas i ON i.id = m.idea_id WHERE i.user_id = @user_id;
