-- +goose Up
-- The market: cosmetics bought with coins (built-in catalog, loaded by
-- `ignition seed`), what each user owns and what they wear.
CREATE TABLE market_items (
    id          text PRIMARY KEY,
    kind        text NOT NULL CHECK (kind IN ('theme', 'accent', 'badge', 'title')),
    name        text NOT NULL,
    description text NOT NULL DEFAULT '',
    value       text NOT NULL, -- what equipping applies: a skin, an accent, a badge's symbol, a title
    price       integer NOT NULL CHECK (price > 0),
    position    integer NOT NULL DEFAULT 0,
    active      boolean NOT NULL DEFAULT true
);

CREATE TABLE user_items (
    user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    item_id      text NOT NULL REFERENCES market_items (id),
    purchased_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, item_id)
);

CREATE TABLE user_equipped (
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind    text NOT NULL CHECK (kind IN ('theme', 'accent', 'badge', 'title')),
    item_id text NOT NULL,
    PRIMARY KEY (user_id, kind),
    FOREIGN KEY (user_id, item_id) REFERENCES user_items (user_id, item_id) ON DELETE CASCADE
);

-- +goose Down
DROP TABLE user_equipped;
DROP TABLE user_items;
DROP TABLE market_items;
