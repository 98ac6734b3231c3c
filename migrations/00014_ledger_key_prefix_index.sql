-- +goose Up
-- Today counts past quest claims by key prefix ('quest:%'); a pattern index
-- serves the prefix whatever the database collation.
CREATE INDEX ledger_entries_user_key_prefix_idx ON ledger_entries (user_id, key text_pattern_ops);

-- +goose Down
DROP INDEX ledger_entries_user_key_prefix_idx;
