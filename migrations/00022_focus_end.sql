-- +goose Up
-- What happens when a focus session's time runs out (the server ends it
-- itself): start the break that comes next, or nothing; and whether the
-- page plays a chime.
ALTER TABLE user_settings
    ADD COLUMN focus_end_action text NOT NULL DEFAULT 'nothing' CHECK (focus_end_action IN ('nothing', 'break')),
    ADD COLUMN focus_chime      boolean NOT NULL DEFAULT true;

-- +goose Down
ALTER TABLE user_settings DROP COLUMN focus_chime, DROP COLUMN focus_end_action;
