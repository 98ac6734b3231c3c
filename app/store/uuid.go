package store

import (
	"fmt"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgtype"
	pgxuuid "github.com/vgarvardt/pgx-google-uuid/v5"
)

// registerUUID makes uuid columns scan from Postgres's 16 binary bytes
// straight into uuid.UUID and uuid.NullUUID. Both are database/sql
// Scanners, which pgx would otherwise prefer: a format to text and a parse
// back for every uuid of every row read.
func registerUUID(m *pgtype.Map) {
	pgxuuid.Register(m) // writing parameters in binary
	m.RegisterType(&pgtype.Type{Name: "uuid", OID: pgtype.UUIDOID, Codec: uuidCodec{}})
}

// uuidCodec is pgx's uuid codec with a binary plan for the google types.
type uuidCodec struct{ pgxuuid.UUIDCodec }

// PlanScan reads binary uuids into uuid.UUID and uuid.NullUUID directly.
func (c uuidCodec) PlanScan(m *pgtype.Map, oid uint32, format int16, target any) pgtype.ScanPlan {
	if format == pgtype.BinaryFormatCode {
		switch target.(type) {
		case *uuid.UUID, *uuid.NullUUID:
			return scanUUID{}
		}
	}
	return c.UUIDCodec.PlanScan(m, oid, format, target)
}

type scanUUID struct{}

func (scanUUID) Scan(src []byte, dst any) error {
	if src != nil && len(src) != 16 {
		return fmt.Errorf("store: a uuid of %d bytes", len(src))
	}
	switch dst := dst.(type) {
	case *uuid.UUID:
		if src == nil {
			return fmt.Errorf("store: cannot scan NULL into a uuid.UUID")
		}
		copy(dst[:], src)
	case *uuid.NullUUID:
		*dst = uuid.NullUUID{Valid: src != nil}
		copy(dst.UUID[:], src)
	}
	return nil
}
