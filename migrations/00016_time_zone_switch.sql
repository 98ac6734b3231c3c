-- +goose Up
-- A change of time zone takes effect at the next local midnight of the
-- zone in force (app/calendar): until time_zone_switch the previous zone
-- still decides the user's day.
ALTER TABLE user_settings
    ADD COLUMN previous_time_zone text,
    ADD COLUMN time_zone_switch   timestamptz,
    ADD CONSTRAINT user_settings_time_zone_switch_check CHECK ((previous_time_zone IS NULL) = (time_zone_switch IS NULL));

-- +goose Down
ALTER TABLE user_settings
    DROP CONSTRAINT user_settings_time_zone_switch_check,
    DROP COLUMN time_zone_switch,
    DROP COLUMN previous_time_zone;
