package habits

import (
	"fmt"
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"ignition/app/store"
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
	return h.renderShow(c, http.StatusOK, id, nil, "")
}

// renderShow shows the viewer's habit id with its history, read in one
// round trip, the edit form f (the stored habit's when nil) and a notice
// on today's completion ("" for none).
func (h *Handler) renderShow(c echo.Context, status int, id uuid.UUID, f *views.HabitForm, notice string) error {
	v := web.CurrentViewer(c)
	var b store.Batch
	var hb db.Habit
	var found bool
	var done []time.Time
	store.Maybe(&b, db.GetHabit, &hb, &found, db.GetHabitParams{UserID: v.ID, ID: id})
	store.Many(&b, db.ListHabitCompletionDays, &done, db.ListHabitCompletionDaysParams{UserID: v.ID, HabitID: id})
	if err := b.Send(c.Request().Context(), h.pool); err != nil {
		return fmt.Errorf("habits: unable to load habit %s: %w", id, err)
	}
	if !found {
		return echo.ErrNotFound
	}
	if f == nil {
		stored := formOf(hb)
		f = &stored
	}
	cal := web.Calendar(c)
	today := cal.Today
	s := scheduleOf(hb, cal.Zone)
	st := Compute(s, done, today, v.WeekStart)
	d := views.Detail{
		Row: row(hb, done, cal), Description: hb.Description, Longest: st.Longest,
		Rate7: st.Rate7, Rate30: st.Rate30, Rate90: st.Rate90, Missed30: st.Missed30, Archived: hb.ArchivedAt.Valid,
	}
	d.Notice = notice // why today's completion did not change
	for _, week := range Heatmap(s, done, today, v.WeekStart, heatmapWeeks) {
		col := make([]views.Cell, len(week))
		for i, cell := range week {
			col[i] = views.Cell{Day: cell.Day, State: cell.State}
		}
		d.Heatmap = append(d.Heatmap, col)
	}
	return web.Render(c, status, hb.Title, views.Show(views.ShowData{Detail: d, Form: *f, Skills: skillChoices(), Days: weekdayChoices(v.WeekStart)}))
}
