-- +goose Up
-- The changes announced are named by the modules that announce them
-- (module.Module.Live): any short lower-case name.
ALTER TABLE live_events DROP CONSTRAINT live_events_name_check,
    ADD CONSTRAINT live_events_name_check CHECK (name ~ '^[a-z][a-z-]{0,31}$');

-- +goose Down
DELETE FROM live_events WHERE name NOT IN ('focus', 'vault', 'notifications');
ALTER TABLE live_events DROP CONSTRAINT live_events_name_check,
    ADD CONSTRAINT live_events_name_check CHECK (name IN ('focus', 'vault', 'notifications'));
