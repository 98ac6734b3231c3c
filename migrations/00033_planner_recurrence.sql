-- +goose Up
-- Repeating events: an iCalendar RRULE (without DTSTART: the event's
-- start, in its time_zone, is that), the end of the last occurrence when
-- the rule has one (NULL: it repeats for ever), and the occurrences taken
-- out (their starts).
ALTER TABLE planner_events
    ADD COLUMN rrule         text CHECK (rrule IS NULL OR char_length(rrule) BETWEEN 10 AND 300),
    ADD COLUMN repeats_until timestamptz,
    ADD COLUMN exdates       timestamptz[] NOT NULL DEFAULT '{}' CHECK (cardinality(exdates) <= 1000),
    ADD CONSTRAINT planner_events_repeats_check CHECK (rrule IS NOT NULL OR repeats_until IS NULL);
CREATE INDEX planner_events_user_repeating ON planner_events (user_id, starts_at) WHERE rrule IS NOT NULL;

-- +goose Down
DROP INDEX planner_events_user_repeating;
ALTER TABLE planner_events DROP CONSTRAINT planner_events_repeats_check, DROP COLUMN rrule, DROP COLUMN repeats_until, DROP COLUMN exdates;
