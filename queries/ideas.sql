-- name: CreateIdea :execrows
-- The browser chose the ID: one already taken (by anyone) creates nothing.
INSERT INTO ideas (id, user_id, title, body, private_tags, key_pitch, key_mode, bpm, moods)
VALUES (@id, @user_id, @title, sqlc.narg('body'), sqlc.narg('private_tags'), sqlc.narg('key_pitch'), sqlc.narg('key_mode'), sqlc.narg('bpm'), @moods)
ON CONFLICT DO NOTHING;

-- name: UpdateIdea :execrows
UPDATE ideas SET title = @title, body = sqlc.narg('body'), private_tags = sqlc.narg('private_tags'), key_pitch = sqlc.narg('key_pitch'), key_mode = sqlc.narg('key_mode'),
    bpm = sqlc.narg('bpm'), moods = @moods, updated_at = now()
WHERE user_id = @user_id AND id = @id;

-- name: GetIdea :one
SELECT * FROM ideas WHERE user_id = @user_id AND id = @id;

-- name: DeleteIdea :execrows
DELETE FROM ideas WHERE user_id = @user_id AND id = @id;

-- name: ListIdeas :many
-- The user's ideas matching the filters (each optional), in the chosen
-- order, one page at a time; total is the count of all that match.
SELECT sqlc.embed(i), count(*) OVER ()::integer AS total,
       (SELECT count(*) FROM memos m WHERE m.idea_id = i.id AND m.completed_at IS NOT NULL)::integer AS memos
FROM ideas i
WHERE i.user_id = @user_id
  AND (sqlc.narg('key_pitch')::smallint IS NULL OR (i.key_pitch = sqlc.narg('key_pitch') AND i.key_mode = sqlc.narg('key_mode')))
  AND (sqlc.narg('mood')::text IS NULL OR i.moods @> ARRAY[sqlc.narg('mood')::text])
  AND (sqlc.narg('bpm_min')::smallint IS NULL OR i.bpm >= sqlc.narg('bpm_min'))
  AND (sqlc.narg('bpm_max')::smallint IS NULL OR i.bpm <= sqlc.narg('bpm_max'))
ORDER BY
  CASE WHEN @sort::text = 'bpm' THEN i.bpm END NULLS LAST,
  CASE WHEN @sort::text = 'key' THEN i.key_mode END NULLS LAST,
  CASE WHEN @sort::text = 'key' THEN i.key_pitch END NULLS LAST,
  CASE WHEN @sort::text = 'oldest' THEN i.created_at END,
  i.created_at DESC, i.id
LIMIT @page_size OFFSET @page_offset;

-- name: ListIdeaMoods :many
-- Every mood the user has tagged, for the filter.
SELECT DISTINCT m::text FROM ideas, unnest(moods) AS m WHERE user_id = @user_id ORDER BY 1;

-- name: CountIdeasByUser :many
-- For administrators: how many ideas and voice memos each user has and how
-- many encrypted bytes they take, nothing of them.
SELECT u.id, u.email, count(i.id)::integer AS ideas,
       coalesce(sum(octet_length(i.title::text) + coalesce(octet_length(i.body::text), 0)), 0)::bigint AS text_bytes,
       (SELECT count(*) FROM memos m WHERE m.user_id = u.id AND m.completed_at IS NOT NULL)::integer AS memos,
       (SELECT coalesce(sum(m.size), 0) FROM memos m WHERE m.user_id = u.id AND m.completed_at IS NOT NULL)::bigint AS memo_bytes
FROM users u JOIN ideas i ON i.user_id = u.id GROUP BY u.id, u.email ORDER BY u.email;

-- name: CountIdeas :one
SELECT count(*)::integer FROM ideas WHERE user_id = @user_id;

-- name: ListIdeasForSearch :many
-- The user's ideas for the island's search index, in the list's default
-- order, one page at a time.
SELECT id, title, body, private_tags, moods FROM ideas WHERE user_id = @user_id
ORDER BY created_at DESC, id LIMIT @page_size OFFSET @page_offset;

-- name: DestroyIdeas :exec
-- A vault reset: every idea of the user, their memos with them (whose
-- objects the memos' trigger queues for deletion).
DELETE FROM ideas WHERE user_id = @user_id;
