-- +goose Up
-- Decision telemetry is kept for a retention period; the janitor deletes
-- what is older, oldest first, by this index.
CREATE INDEX decision_exposures_created_idx ON decision_exposures (created_at);

-- +goose Down
DROP INDEX decision_exposures_created_idx;
