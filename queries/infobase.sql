-- name: CreateInfobaseEntry :execrows
-- The browser chose the ID: one already taken (by anyone) creates nothing.
INSERT INTO infobase_entries (id, user_id, title, body, private_tags, category, tags)
VALUES (@id, @user_id, @title, sqlc.narg('body'), sqlc.narg('private_tags'), sqlc.narg('category'), @tags)
ON CONFLICT DO NOTHING;

-- name: UpdateInfobaseEntry :execrows
UPDATE infobase_entries SET title = @title, body = sqlc.narg('body'), private_tags = sqlc.narg('private_tags'),
    category = sqlc.narg('category'), tags = @tags, updated_at = now()
WHERE user_id = @user_id AND id = @id;

-- name: GetInfobaseEntry :one
SELECT * FROM infobase_entries WHERE user_id = @user_id AND id = @id;

-- name: DeleteInfobaseEntry :execrows
DELETE FROM infobase_entries WHERE user_id = @user_id AND id = @id;

-- name: ListInfobaseEntries :many
-- The user's entries in a category and with a tag (each optional), the
-- most recently changed first, one page at a time; total counts all that
-- match.
SELECT sqlc.embed(e), count(*) OVER ()::integer AS total
FROM infobase_entries e
WHERE e.user_id = @user_id
  AND (sqlc.narg('category')::text IS NULL OR e.category = sqlc.narg('category'))
  AND (sqlc.narg('tag')::text IS NULL OR e.tags @> ARRAY[sqlc.narg('tag')::text])
ORDER BY e.updated_at DESC, e.id
LIMIT @page_size OFFSET @page_offset;

-- name: ListInfobaseCategories :many
-- Every category the user has used, for the filter and the form's list.
SELECT DISTINCT category::text FROM infobase_entries WHERE user_id = @user_id AND category IS NOT NULL ORDER BY 1;

-- name: ListInfobaseTags :many
-- Every tag the user has used, for the filter.
SELECT DISTINCT t::text FROM infobase_entries, unnest(tags) AS t WHERE user_id = @user_id ORDER BY 1;

-- name: CountInfobaseEntries :one
SELECT count(*)::integer FROM infobase_entries WHERE user_id = @user_id;

-- name: ListInfobaseForSearch :many
-- The user's notes for the island's search index, in the list's order,
-- one page at a time.
SELECT id, title, body, private_tags, category, tags FROM infobase_entries WHERE user_id = @user_id
ORDER BY updated_at DESC, id LIMIT @page_size OFFSET @page_offset;

-- name: DestroyInfobaseEntries :exec
-- A vault reset: every infobase note of the user.
DELETE FROM infobase_entries WHERE user_id = @user_id;
