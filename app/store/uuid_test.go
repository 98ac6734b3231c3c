package store_test

import (
	"testing"

	"github.com/google/uuid"

	"ignition/app/config"
	"ignition/app/testdb"
)

// TestUUIDsReadAndWriteInBinary: uuids come back as they went in (alone,
// nullable, in arrays, and as batch rows), NULL only into a nullable one.
func TestUUIDsReadAndWriteInBinary(t *testing.T) {
	t.Parallel()
	pool := testdb.NewPool(t, config.DBLimits{PoolSize: 1})
	ctx := t.Context()
	id := uuid.MustParse("0b5c4b5e-6f0a-4d8e-9a43-2f1d7c8e9b10")
	var got uuid.UUID
	var some, none uuid.NullUUID
	var list []uuid.UUID
	if err := pool.QueryRow(ctx, `SELECT $1::uuid, $2::uuid, NULL::uuid, ARRAY[$1::uuid, '00000000-0000-0000-0000-000000000001']`,
		id, uuid.NullUUID{UUID: id, Valid: true}).Scan(&got, &some, &none, &list); err != nil {
		t.Fatal(err)
	}
	if got != id || some != (uuid.NullUUID{UUID: id, Valid: true}) || none.Valid || len(list) != 2 || list[0] != id || list[1].String() != "00000000-0000-0000-0000-000000000001" {
		t.Errorf("read back %v, %v, %v, %v", got, some, none, list)
	}
	if err := pool.QueryRow(ctx, `SELECT NULL::uuid`).Scan(&got); err == nil {
		t.Error("NULL was read into a uuid.UUID")
	}
	var text string
	if err := pool.QueryRow(ctx, `SELECT $1::uuid::text`, id).Scan(&text); err != nil || text != id.String() {
		t.Errorf("wrote %s, the database holds %q (%v)", id, text, err)
	}
}
