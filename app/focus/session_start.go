package focus

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"

	"ignition/app/calendar"
	"ignition/app/live"
	"ignition/app/store/db"
	"ignition/app/web"
)

// ErrUnknownKind refuses to start a kind of session there is none of.
var ErrUnknownKind = errors.New("focus: no such kind of session")

// StartSession begins a session of the kind, as long as the user's settings
// say; with one already running (from any device) it changes nothing.
func StartSession(ctx context.Context, q *db.Queries, user uuid.UUID, cal calendar.Calendar, kind string) error {
	set, err := q.GetFocusSettings(ctx, user)
	if err != nil {
		return err
	}
	minutes := map[string]int16{Focus: set.FocusMinutes, ShortBreak: set.ShortBreakMinutes, LongBreak: set.LongBreakMinutes}[kind]
	if minutes == 0 {
		return ErrUnknownKind
	}
	_, err = q.StartFocus(ctx, db.StartFocusParams{UserID: user, Kind: kind, PlannedSeconds: int32(minutes) * 60, Now: cal.Now})
	if errors.Is(err, pgx.ErrNoRows) {
		return nil // one runs already
	}
	if err != nil {
		return err
	}
	return live.Announce(ctx, q, user, live.Focus)
}

func (h *Handler) start(c echo.Context) error {
	v := web.CurrentViewer(c)
	switch err := StartSession(c.Request().Context(), h.q, v.ID, web.Calendar(c), c.FormValue("kind")); {
	case errors.Is(err, ErrUnknownKind):
		return echo.NewHTTPError(http.StatusBadRequest)
	case err != nil:
		return fmt.Errorf("focus: unable to start a session for %s: %w", v.ID, err)
	}
	return web.Redirect(c, URL)
}
