package settings

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"

	"ignition/app/store"
	"ignition/app/web"
)

// exportHidden are columns left out of the export: secrets that are not the
// user's data.
var exportHidden = map[string][]string{
	"sessions": {"id_hash", "data"},
}

// accountExport answers with every row the server holds about the user as
// JSON. It reads every table with a user_id column, so a new table is
// exported without changes here. Encrypted content stays ciphertext.
func (h *Handler) accountExport(c echo.Context) error {
	v := web.CurrentViewer(c)
	ctx := c.Request().Context()
	export := struct {
		Format     string                     `json:"format"`
		ExportedAt time.Time                  `json:"exported_at"`
		User       json.RawMessage            `json:"user"`
		Tables     map[string]json.RawMessage `json:"tables"`
	}{Format: "ignition-export/1", ExportedAt: time.Now().UTC(), Tables: map[string]json.RawMessage{}}

	tables, err := userTables(ctx, h.pool)
	if err != nil {
		return fmt.Errorf("settings: unable to list the tables of %s: %w", v.ID, err)
	}
	// One statement reads the user and every table, in one snapshot.
	parts := []string{"SELECT '', to_jsonb(u) FROM users u WHERE id = $1"}
	for i, table := range tables {
		parts = append(parts, fmt.Sprintf("SELECT $%d, coalesce(jsonb_agg(to_jsonb(t) - $%d::text[]), '[]') FROM %s t WHERE user_id = $1",
			2*i+2, 2*i+3, pgx.Identifier{table}.Sanitize()))
	}
	args := []any{v.ID}
	for _, table := range tables {
		hidden := exportHidden[table]
		if hidden == nil {
			hidden = []string{}
		}
		args = append(args, table, hidden)
	}
	rows, err := h.pool.Query(ctx, strings.Join(parts, " UNION ALL "), args...)
	if err == nil {
		var name string
		var data json.RawMessage
		_, err = pgx.ForEachRow(rows, []any{&name, &data}, func() error {
			if name == "" {
				export.User = data
			} else {
				export.Tables[name] = data
			}
			return nil
		})
	}
	if err != nil {
		return fmt.Errorf("settings: unable to export data of %s: %w", v.ID, err)
	}
	hdr := c.Response().Header()
	hdr.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="ignition-export-%s.json"`, export.ExportedAt.Format("2006-01-02")))
	hdr.Set("Cache-Control", "no-store")
	return c.JSONPretty(http.StatusOK, export, "  ")
}

// userTables lists the tables that hold rows owned by a user.
func userTables(ctx context.Context, d store.DB) ([]string, error) {
	rows, err := d.Query(ctx, `SELECT table_name FROM information_schema.columns
		WHERE table_schema = 'public' AND column_name = 'user_id' ORDER BY table_name`)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[string])
}
