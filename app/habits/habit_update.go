package habits

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"

	"ignition/app/calendar"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
)

// Update changes the habit; a new cadence makes a new streak, so the run is
// recomputed in the same transaction.
func Update(ctx context.Context, q *db.Queries, cal calendar.Calendar, p db.UpdateHabitParams) error {
	n, err := q.UpdateHabit(ctx, p)
	if err != nil {
		return err
	}
	if n == 0 {
		return ErrNotFound
	}
	hb, err := q.GetHabit(ctx, db.GetHabitParams{UserID: p.UserID, ID: p.ID})
	if err != nil {
		return err
	}
	_, err = refreshRun(ctx, q, cal, hb)
	return err
}

func (h *Handler) update(c echo.Context) error {
	v := web.CurrentViewer(c)
	id, err := habitID(c)
	if err != nil {
		return err
	}
	f, err := bindHabit(c)
	if err != nil {
		return err
	}
	weekdays, times, reminder := habitValues(&f)
	if f.Errors.Any() {
		return h.renderShow(c, http.StatusUnprocessableEntity, id, &f, "")
	}
	ctx := c.Request().Context()
	err = store.Tx(ctx, h.pool, func(q *db.Queries) error {
		return Update(ctx, q, web.Calendar(c), db.UpdateHabitParams{
			UserID: v.ID, ID: id, Title: f.Title, Description: f.Description, Cadence: f.Cadence,
			Weekdays: weekdays, TimesPerWeek: times, ReminderTime: reminder, Skill: f.Skill,
		})
	})
	switch {
	case errors.Is(err, ErrNotFound), errors.Is(err, pgx.ErrNoRows):
		return echo.ErrNotFound
	case err != nil:
		return fmt.Errorf("habits: unable to update habit %s: %w", id, err)
	}
	return web.Redirect(c, URL(id))
}

// Archive hides a habit (archived true) or brings it back.
func Archive(ctx context.Context, q *db.Queries, user, id uuid.UUID, archived bool) error {
	n, err := q.SetHabitArchived(ctx, db.SetHabitArchivedParams{UserID: user, ID: id, Archived: archived})
	if err == nil && n == 0 {
		return ErrNotFound
	}
	return err
}

func (h *Handler) archive(archived bool) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, err := habitID(c)
		if err != nil {
			return err
		}
		switch err := Archive(c.Request().Context(), h.q, web.CurrentViewer(c).ID, id, archived); {
		case errors.Is(err, ErrNotFound):
			return echo.ErrNotFound
		case err != nil:
			return fmt.Errorf("habits: unable to archive habit %s: %w", id, err)
		case archived:
			return web.Redirect(c, ListURL)
		}
		return web.Redirect(c, URL(id))
	}
}
