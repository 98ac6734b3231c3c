-- name: SaveJournalEntry :execrows
-- Writes the user's entry for a day. The browser chose the ID: the day's
-- entry keeps the ID it was first written with, so a second device's new
-- entry for the same day (another ID) changes nothing, nor does an ID
-- taken by another entry (anyone's).
INSERT INTO journal_entries (id, user_id, day, body, private_tags, tags)
SELECT @id, @user_id, @day, @body, sqlc.narg('private_tags'), @tags
WHERE NOT EXISTS (SELECT 1 FROM journal_entries o WHERE o.id = @id AND (o.user_id <> @user_id OR o.day <> @day))
ON CONFLICT (user_id, day) DO UPDATE SET body = excluded.body, private_tags = excluded.private_tags, tags = excluded.tags, updated_at = now()
WHERE journal_entries.id = excluded.id;

-- name: GetJournalEntry :one
SELECT * FROM journal_entries WHERE user_id = @user_id AND day = @day;

-- name: DeleteJournalEntry :execrows
DELETE FROM journal_entries WHERE user_id = @user_id AND day = @day;

-- name: ListJournalEntries :many
-- The user's entries in a range of days (each end optional) with a tag
-- (optional), newest first, one page at a time; total counts all that match.
SELECT sqlc.embed(j), count(*) OVER ()::integer AS total
FROM journal_entries j
WHERE j.user_id = @user_id
  AND (sqlc.narg('from_day')::date IS NULL OR j.day >= sqlc.narg('from_day'))
  AND (sqlc.narg('to_day')::date IS NULL OR j.day <= sqlc.narg('to_day'))
  AND (sqlc.narg('tag')::text IS NULL OR j.tags @> ARRAY[sqlc.narg('tag')::text])
ORDER BY j.day DESC
LIMIT @page_size OFFSET @page_offset;

-- name: ListJournalTags :many
-- Every tag the user has used, for the filter.
SELECT DISTINCT t::text FROM journal_entries, unnest(tags) AS t WHERE user_id = @user_id ORDER BY 1;

-- name: CountJournalEntries :one
SELECT count(*)::integer FROM journal_entries WHERE user_id = @user_id;

-- name: ListJournalForSearch :many
-- The user's entries for the island's search index, newest day first, one
-- page at a time.
SELECT id, day, body, private_tags, tags FROM journal_entries WHERE user_id = @user_id
ORDER BY day DESC LIMIT @page_size OFFSET @page_offset;

-- name: DestroyJournalEntries :exec
-- A vault reset: every journal entry of the user.
DELETE FROM journal_entries WHERE user_id = @user_id;
