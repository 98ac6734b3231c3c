package habits

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"

	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
)

func (h *Handler) update(c echo.Context) error {
	v := web.CurrentViewer(c)
	id, err := habitID(c)
	if err != nil {
		return err
	}
	hb, err := h.q.GetHabit(c.Request().Context(), db.GetHabitParams{UserID: v.ID, ID: id})
	if errors.Is(err, pgx.ErrNoRows) {
		return echo.ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("habits: unable to load habit %s: %w", id, err)
	}
	f, err := bindHabit(c)
	if err != nil {
		return err
	}
	weekdays, times, reminder := habitValues(&f)
	if f.Errors.Any() {
		return h.renderShow(c, http.StatusUnprocessableEntity, hb, f)
	}
	err = store.Tx(c.Request().Context(), h.pool, func(q *db.Queries) error {
		_, err := q.UpdateHabit(c.Request().Context(), db.UpdateHabitParams{
			UserID: v.ID, ID: id, Title: f.Title, Description: f.Description, Cadence: f.Cadence,
			Weekdays: weekdays, TimesPerWeek: times, ReminderTime: reminder, Skill: f.Skill,
		})
		if err != nil {
			return err
		}
		hb.Cadence, hb.Weekdays, hb.TimesPerWeek = f.Cadence, weekdays, times
		_, err = h.refreshRun(c, q, hb) // a new cadence makes a new streak
		return err
	})
	if err != nil {
		return fmt.Errorf("habits: unable to update habit %s: %w", id, err)
	}
	return web.Redirect(c, "/habits/"+id.String())
}

// archive hides a habit (archived true) or brings it back.
func (h *Handler) archive(archived bool) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, err := habitID(c)
		if err != nil {
			return err
		}
		n, err := h.q.SetHabitArchived(c.Request().Context(), db.SetHabitArchivedParams{UserID: web.CurrentViewer(c).ID, ID: id, Archived: archived})
		if err != nil {
			return fmt.Errorf("habits: unable to archive habit %s: %w", id, err)
		}
		if n == 0 {
			return echo.ErrNotFound
		}
		if archived {
			return web.Redirect(c, "/habits")
		}
		return web.Redirect(c, "/habits/"+id.String())
	}
}
