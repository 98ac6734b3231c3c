-- +goose Up
-- The planner's events. An event is kept as its instants (starts_at,
-- ends_at: what a view's window is read by) and as the local wall-clock
-- times the user entered in time_zone, so a repeating event can keep its local
-- time across a DST change. An all-day event runs from the local midnight
-- of its first day to the local midnight after its last.
CREATE TABLE planner_events (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title      text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 120),
    kind       text NOT NULL CHECK (kind IN ('meeting', 'appointment', 'workout', 'other')),
    all_day    boolean NOT NULL,
    starts_at  timestamptz NOT NULL,
    ends_at    timestamptz NOT NULL CHECK (ends_at > starts_at AND ends_at - starts_at <= interval '366 days'),
    time_zone  text NOT NULL CHECK (char_length(time_zone) BETWEEN 1 AND 64),
    location   text NOT NULL DEFAULT '' CHECK (char_length(location) <= 200),
    notes      text NOT NULL DEFAULT '' CHECK (char_length(notes) <= 2000),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX planner_events_user_start ON planner_events (user_id, starts_at);

-- +goose Down
DROP TABLE planner_events;
