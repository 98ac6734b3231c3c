-- name: UpsertBuiltinExercise :exec
INSERT INTO exercises (slug, name, muscles, equipment, kind)
VALUES (@slug::text, @name, @muscles, @equipment, @kind)
ON CONFLICT (slug) DO UPDATE SET name = excluded.name, muscles = excluded.muscles, equipment = excluded.equipment, kind = excluded.kind;

-- name: ListExercises :many
-- The library the user sees: the built-in exercises and their own, by name.
SELECT * FROM exercises WHERE user_id IS NULL OR user_id = @user_id::uuid ORDER BY lower(name), id;

-- name: GetExercise :one
SELECT * FROM exercises WHERE id = @id AND (user_id IS NULL OR user_id = @user_id::uuid);

-- name: CreateExercise :one
INSERT INTO exercises (user_id, name, muscles, equipment, kind)
VALUES (@user_id::uuid, @name, @muscles, @equipment, @kind)
ON CONFLICT (user_id, lower(name)) WHERE user_id IS NOT NULL DO NOTHING
RETURNING *;

-- name: DeleteOwnExercise :execrows
DELETE FROM exercises WHERE id = @id AND user_id = @user_id::uuid;

-- name: GetExerciseUnit :one
SELECT coalesce((SELECT unit FROM exercise_preferences WHERE user_id = @user_id), 'kg')::text AS unit;

-- name: SetExerciseUnit :exec
INSERT INTO exercise_preferences (user_id, unit) VALUES (@user_id, @unit)
ON CONFLICT (user_id) DO UPDATE SET unit = excluded.unit;

-- name: ListWorkoutTemplates :many
SELECT t.id, t.name, (SELECT count(*) FROM workout_template_items i WHERE i.template_id = t.id)::integer AS exercises
FROM workout_templates t WHERE t.user_id = @user_id ORDER BY lower(t.name), t.id;

-- name: CreateWorkoutTemplate :one
INSERT INTO workout_templates (user_id, name) VALUES (@user_id, @name) RETURNING *;

-- name: GetWorkoutTemplate :one
SELECT * FROM workout_templates WHERE id = @id AND user_id = @user_id;

-- name: RenameWorkoutTemplate :execrows
UPDATE workout_templates SET name = @name, updated_at = now() WHERE id = @id AND user_id = @user_id;

-- name: DeleteWorkoutTemplate :execrows
DELETE FROM workout_templates WHERE id = @id AND user_id = @user_id;

-- name: ListTemplateItems :many
SELECT i.id, i.position, i.target_sets, i.target_reps, sqlc.embed(e)
FROM workout_template_items i JOIN exercises e ON e.id = i.exercise_id
WHERE i.template_id = @template_id AND i.user_id = @user_id ORDER BY i.position, i.id;

-- name: AddTemplateItem :exec
INSERT INTO workout_template_items (template_id, user_id, exercise_id, position, target_sets, target_reps)
SELECT t.id, t.user_id, @exercise_id, coalesce((SELECT max(position) + 1 FROM workout_template_items WHERE template_id = t.id), 0), @target_sets, @target_reps
FROM workout_templates t WHERE t.id = @template_id AND t.user_id = @user_id;

-- name: DeleteTemplateItem :execrows
DELETE FROM workout_template_items WHERE id = @id AND template_id = @template_id AND user_id = @user_id;

-- name: SetTemplateItemTargets :execrows
UPDATE workout_template_items SET target_sets = @target_sets, target_reps = @target_reps
WHERE id = @id AND template_id = @template_id AND user_id = @user_id;

-- name: SetTemplateItemPosition :exec
UPDATE workout_template_items SET position = @position WHERE id = @id AND user_id = @user_id;

-- name: TouchWorkoutTemplate :execrows
-- Marks a template changed, and holds it until the change commits.
UPDATE workout_templates SET updated_at = now() WHERE id = @id AND user_id = @user_id;

-- name: StartWorkoutSession :one
INSERT INTO workout_sessions (user_id, name, template_id, event_id, event_at, started_at)
VALUES (@user_id, @name, @template_id, @event_id, @event_at, @started_at)
ON CONFLICT (user_id, event_id, event_at) WHERE event_id IS NOT NULL DO NOTHING
RETURNING *;

-- name: PlanSessionFromTemplate :exec
-- Gives a new session its template's exercises and targets.
INSERT INTO workout_session_exercises (session_id, exercise_id, user_id, position, target_sets, target_reps)
SELECT DISTINCT ON (i.exercise_id) @session_id, i.exercise_id, i.user_id, i.position, i.target_sets, i.target_reps
FROM workout_template_items i WHERE i.template_id = @template_id AND i.user_id = @user_id
ORDER BY i.exercise_id, i.position;

-- name: AddSessionExercise :exec
INSERT INTO workout_session_exercises (session_id, exercise_id, user_id, position)
SELECT s.id, @exercise_id, s.user_id, coalesce((SELECT max(position) + 1 FROM workout_session_exercises WHERE session_id = s.id), 0)
FROM workout_sessions s WHERE s.id = @session_id AND s.user_id = @user_id
ON CONFLICT DO NOTHING;

-- name: GetWorkoutSession :one
SELECT * FROM workout_sessions WHERE id = @id AND user_id = @user_id;

-- name: GetWorkoutSessionForUpdate :one
SELECT * FROM workout_sessions WHERE id = @id AND user_id = @user_id FOR UPDATE;

-- name: GetEventSession :one
-- The session started from an event's occurrence, if any.
SELECT * FROM workout_sessions WHERE user_id = @user_id AND event_id = @event_id AND event_at = @event_at;

-- name: GetWorkoutEvent :one
-- A planner event of the user's that is a workout, to start a session from.
SELECT id, title FROM planner_events WHERE id = @id AND user_id = @user_id AND kind = 'workout';

-- name: ListSessionExercises :many
SELECT x.position, x.target_sets, x.target_reps, sqlc.embed(e)
FROM workout_session_exercises x JOIN exercises e ON e.id = x.exercise_id
WHERE x.session_id = @session_id AND x.user_id = @user_id ORDER BY x.position, e.name;

-- name: ListSessionSets :many
SELECT * FROM workout_sets WHERE session_id = @session_id AND user_id = @user_id ORDER BY created_at, id;

-- name: ListSessionRecords :many
SELECT * FROM exercise_records WHERE session_id = @session_id AND user_id = @user_id
ORDER BY created_at, array_position(ARRAY['weight', 'one_rm', 'reps', 'volume'], kind), id;

-- name: FinishWorkoutSession :execrows
UPDATE workout_sessions SET finished_at = @finished_at::timestamptz WHERE id = @id AND user_id = @user_id AND finished_at IS NULL;

-- name: DeleteWorkoutSession :execrows
DELETE FROM workout_sessions WHERE id = @id AND user_id = @user_id;

-- name: ListRecentSessions :many
-- The user's latest sessions, with their sets and volume (gram-reps).
SELECT s.id, s.name, s.started_at, s.finished_at,
       (SELECT count(*) FROM workout_sets w WHERE w.session_id = s.id)::integer AS sets,
       coalesce((SELECT sum(w.weight_g::bigint * w.reps) FROM workout_sets w WHERE w.session_id = s.id), 0)::bigint AS volume,
       (SELECT count(*) FROM exercise_records r WHERE r.session_id = s.id)::integer AS records
FROM workout_sessions s WHERE s.user_id = @user_id ORDER BY s.started_at DESC, s.id LIMIT @max;

-- name: LockExercise :exec
-- Serialises saving sets of one user's exercise, so two records cannot
-- both claim to beat the same best.
SELECT pg_advisory_xact_lock(hashtextextended('exercise:' || @user_id::text || ':' || @exercise_id::text, 0));

-- name: ExerciseBests :one
-- The user's bests on an exercise before a new set in session: heaviest
-- weight, best estimated 1RM, most reps at weight_g (and whether any set
-- was at that weight), the best volume of any other session and the
-- session's volume so far.
SELECT coalesce(max(s.weight_g), 0)::integer AS weight_g,
       coalesce(max(s.one_rm_g), 0)::integer AS one_rm_g,
       coalesce(max(s.reps) FILTER (WHERE s.weight_g = @weight_g::integer), 0)::integer AS reps_at_weight,
       count(*) FILTER (WHERE s.weight_g = @weight_g::integer)::integer AS sets_at_weight,
       coalesce((SELECT max(v.volume) FROM (SELECT sum(x.weight_g::bigint * x.reps) AS volume FROM workout_sets x
                 WHERE x.user_id = @user_id AND x.exercise_id = @exercise_id AND x.session_id <> @session_id GROUP BY x.session_id) v), 0)::bigint AS best_volume,
       coalesce(sum(s.weight_g::bigint * s.reps) FILTER (WHERE s.session_id = @session_id), 0)::bigint AS session_volume
FROM workout_sets s WHERE s.user_id = @user_id AND s.exercise_id = @exercise_id;

-- name: CreateWorkoutSet :one
INSERT INTO workout_sets (session_id, exercise_id, user_id, weight_g, reps, one_rm_g, rpe_tenths, duration_s, distance_m, created_at)
VALUES (@session_id, @exercise_id, @user_id, @weight_g, @reps, @one_rm_g, @rpe_tenths, @duration_s, @distance_m, @created_at)
RETURNING *;

-- name: GetWorkoutSet :one
SELECT * FROM workout_sets WHERE id = @id AND user_id = @user_id;

-- name: DeleteWorkoutSet :one
DELETE FROM workout_sets WHERE id = @id AND user_id = @user_id RETURNING session_id;

-- name: CreateExerciseRecord :exec
INSERT INTO exercise_records (user_id, exercise_id, set_id, session_id, kind, value, weight_g, created_at)
VALUES (@user_id, @exercise_id, @set_id, @session_id, @kind, @value, @weight_g, @created_at);

-- name: RaiseVolumeRecord :exec
-- A session that holds the volume record already raises it.
UPDATE exercise_records SET value = @value
WHERE user_id = @user_id AND exercise_id = @exercise_id AND session_id = @session_id AND kind = 'volume';

-- name: ListExerciseRecords :many
SELECT * FROM exercise_records WHERE user_id = @user_id AND exercise_id = @exercise_id
ORDER BY created_at DESC, array_position(ARRAY['weight', 'one_rm', 'reps', 'volume'], kind), id LIMIT @max;

-- name: ListExerciseHistory :many
-- Per session, newest first: what the user did on the exercise.
SELECT s.id AS session_id, s.name, s.started_at,
       count(w.id)::integer AS sets,
       max(w.weight_g)::integer AS top_weight_g,
       max(w.one_rm_g)::integer AS one_rm_g,
       max(w.reps)::integer AS top_reps,
       sum(w.weight_g::bigint * w.reps)::bigint AS volume,
       sum(w.distance_m)::integer AS distance_m,
       sum(w.duration_s)::integer AS duration_s
FROM workout_sets w JOIN workout_sessions s ON s.id = w.session_id
WHERE w.user_id = @user_id AND w.exercise_id = @exercise_id
GROUP BY s.id ORDER BY s.started_at DESC, s.id LIMIT @max;

-- name: ExerciseTotals :one
-- The user's all-time bests on an exercise, and how many sessions did it.
SELECT coalesce(max(w.weight_g), 0)::integer AS weight_g,
       coalesce(max(w.one_rm_g), 0)::integer AS one_rm_g,
       coalesce(max(w.reps), 0)::integer AS reps,
       coalesce(max(w.distance_m), 0)::integer AS distance_m,
       coalesce(max(w.duration_s), 0)::integer AS duration_s,
       count(DISTINCT w.session_id)::integer AS sessions,
       coalesce((SELECT max(v.volume) FROM (SELECT sum(x.weight_g::bigint * x.reps) AS volume FROM workout_sets x
                 WHERE x.user_id = @user_id AND x.exercise_id = @exercise_id GROUP BY x.session_id) v), 0)::bigint AS volume
FROM workout_sets w WHERE w.user_id = @user_id AND w.exercise_id = @exercise_id;
