-- +goose Up
-- Each user's latest action, kept beside the activity outbox by a trigger
-- so that every writer keeps it: reading it is one row by key, where
-- finding it in the outbox walked other users' newer events.
CREATE TABLE user_last_action (
    user_id  uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    event_id bigint NOT NULL,
    action   text NOT NULL
);
INSERT INTO user_last_action (user_id, event_id, action)
SELECT DISTINCT ON (user_id) user_id, id, action FROM activity_events ORDER BY user_id, id DESC;

-- +goose StatementBegin
CREATE FUNCTION keep_user_last_action() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO user_last_action (user_id, event_id, action) VALUES (NEW.user_id, NEW.id, NEW.action)
    ON CONFLICT (user_id) DO UPDATE SET event_id = excluded.event_id, action = excluded.action
    WHERE user_last_action.event_id < excluded.event_id;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER activity_events_last_action AFTER INSERT ON activity_events
    FOR EACH ROW EXECUTE FUNCTION keep_user_last_action();

-- Today counts a user's completed focus sessions from their own entries.
CREATE INDEX focus_sessions_completed_idx ON focus_sessions (user_id) WHERE kind = 'focus' AND outcome = 'completed';

-- +goose Down
DROP INDEX focus_sessions_completed_idx;
DROP TRIGGER activity_events_last_action ON activity_events;
DROP FUNCTION keep_user_last_action();
DROP TABLE user_last_action;
