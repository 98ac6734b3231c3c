-- +goose Up
-- Picks the user put off on Today ("Not now"), for their local day: the
-- next pick takes the place of one dismissed until that day is over. The
-- janitor removes days past.
CREATE TABLE today_dismissals (
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    day         date NOT NULL,
    decision_id text NOT NULL CHECK (length(decision_id) BETWEEN 1 AND 200),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, day, decision_id)
);
CREATE INDEX today_dismissals_day ON today_dismissals (day);

-- +goose Down
DROP TABLE today_dismissals;
