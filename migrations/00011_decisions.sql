-- +goose Up
-- Starter Engine telemetry: what the Today page showed (exposures) and what
-- the user did with it (outcomes), and the runtime kill switches.
CREATE TABLE decision_exposures (
    id         uuid PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    context    jsonb NOT NULL,
    candidates jsonb NOT NULL, -- [{id, type, position, score, score_components}]
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX decision_exposures_user_idx ON decision_exposures (user_id, created_at DESC);

CREATE TABLE decision_outcomes (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    exposure_id       uuid NOT NULL REFERENCES decision_exposures (id) ON DELETE CASCADE,
    user_id           uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    decision_id       text NOT NULL,
    action            text NOT NULL CHECK (action IN ('started', 'completed', 'dismissed')),
    time_to_action_ms bigint NOT NULL CHECK (time_to_action_ms >= 0),
    created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX decision_outcomes_exposure_idx ON decision_outcomes (exposure_id);

-- Attribution (spec §12.3): per exposure, whether a pick was started within
-- 5 minutes (conversion), completed within 60 (engagement), or nothing
-- happened within 2 (bounce).
CREATE VIEW decision_attribution AS
SELECT e.id AS exposure_id, e.user_id, e.created_at,
       EXISTS (SELECT 1 FROM decision_outcomes o WHERE o.exposure_id = e.id AND o.action = 'started'
               AND o.created_at <= e.created_at + interval '5 minutes') AS converted,
       EXISTS (SELECT 1 FROM decision_outcomes o WHERE o.exposure_id = e.id AND o.action = 'completed'
               AND o.created_at <= e.created_at + interval '60 minutes') AS engaged,
       NOT EXISTS (SELECT 1 FROM decision_outcomes o WHERE o.exposure_id = e.id
               AND o.created_at <= e.created_at + interval '2 minutes') AS bounced
FROM decision_exposures e;

ALTER TABLE user_settings ADD COLUMN decision_telemetry boolean NOT NULL DEFAULT true;

CREATE TABLE feature_flags (
    key        text PRIMARY KEY CHECK (key IN ('KillSwitch_Neo4j', 'KillSwitch_Ranking')),
    enabled    boolean NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by uuid REFERENCES users (id) ON DELETE SET NULL
);

-- +goose Down
DROP TABLE feature_flags;
ALTER TABLE user_settings DROP COLUMN decision_telemetry;
DROP VIEW decision_attribution;
DROP TABLE decision_outcomes;
DROP TABLE decision_exposures;
