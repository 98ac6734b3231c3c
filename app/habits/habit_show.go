package habits

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"

	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/habits"
)

// heatmapWeeks is how many weeks the heatmap shows.
const heatmapWeeks = 26

func (h *Handler) show(c echo.Context) error {
	id, err := habitID(c)
	if err != nil {
		return err
	}
	hb, err := h.q.GetHabit(c.Request().Context(), db.GetHabitParams{UserID: web.CurrentViewer(c).ID, ID: id})
	if errors.Is(err, pgx.ErrNoRows) {
		return echo.ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("habits: unable to load habit %s: %w", id, err)
	}
	return h.renderShow(c, http.StatusOK, hb, formOf(hb))
}

func (h *Handler) renderShow(c echo.Context, status int, hb db.Habit, f views.HabitForm) error {
	v := web.CurrentViewer(c)
	done, err := h.q.ListHabitCompletionDays(c.Request().Context(), db.ListHabitCompletionDaysParams{UserID: v.ID, HabitID: hb.ID})
	if err != nil {
		return fmt.Errorf("habits: unable to load completions of %s: %w", hb.ID, err)
	}
	today := web.Today(c, h.now())
	s := scheduleOf(hb, v.Zone)
	st := Compute(s, done, today, v.WeekStart)
	d := views.Detail{
		Row: h.row(c, hb, done), Description: hb.Description, Longest: st.Longest,
		Rate7: st.Rate7, Rate30: st.Rate30, Rate90: st.Rate90, Missed30: st.Missed30, Archived: hb.ArchivedAt.Valid,
	}
	for _, week := range Heatmap(s, done, today, v.WeekStart, heatmapWeeks) {
		col := make([]views.Cell, len(week))
		for i, cell := range week {
			col[i] = views.Cell{Day: cell.Day, State: cell.State}
		}
		d.Heatmap = append(d.Heatmap, col)
	}
	return web.Render(c, status, hb.Title, views.Show(d, f, skillChoices(), weekdayChoices(v.WeekStart), web.CSRFToken(c)))
}
