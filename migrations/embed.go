// Package migrations holds the numbered SQL migrations, the only way the schema changes.
package migrations

import "embed"

// FS holds every migration file, applied in order by the store package.
//
//go:embed *.sql
var FS embed.FS
