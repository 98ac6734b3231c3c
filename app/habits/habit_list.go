package habits

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/habits"
)

func (h *Handler) list(c echo.Context) error {
	return h.renderList(c, http.StatusOK, newHabitForm(), rowNotice{})
}

// newHabitForm is the empty form with its defaults.
func newHabitForm() views.HabitForm {
	return views.HabitForm{Cadence: string(Daily), Skill: "proficiency"}
}

// rowNotice is a message shown on one habit's row (none when ID is "").
type rowNotice struct{ ID, Text string }

func (n rowNotice) on(id string) string {
	if n.ID == id {
		return n.Text
	}
	return ""
}

func (h *Handler) renderList(c echo.Context, status int, f views.HabitForm, notice rowNotice) error {
	v := web.CurrentViewer(c)
	cal := web.Calendar(c)
	since := cal.Week().AddDate(0, 0, -7*(weeksShown-1))
	habits, err := h.q.ListActiveHabitsWithDays(c.Request().Context(), db.ListActiveHabitsWithDaysParams{UserID: v.ID, Since: since})
	if err != nil {
		return fmt.Errorf("habits: unable to list habits of %s: %w", v.ID, err)
	}
	rows := make([]views.Row, len(habits))
	hist := make([]history, len(habits))
	for i, hb := range habits {
		rows[i] = row(hb.Habit, hb.Days, cal)
		rows[i].Notice = notice.on(rows[i].ID)
		hist[i] = history{Schedule: scheduleOf(hb.Habit, cal.Zone), Title: hb.Habit.Title, Unit: rows[i].Unit, Longest: int(hb.Habit.StreakLongest), Days: hb.Days}
	}
	// The form opens when asked for (?add), to show what was wrong, or
	// while there is no habit yet.
	open := c.QueryParam("add") != "" || f.Errors.Any() || len(rows) == 0
	return web.Render(c, status, "Habits", views.List(views.ListData{Rows: rows, Form: f, FormOpen: open, Skills: skillChoices(),
		Days: weekdayChoices(v.WeekStart), Weeks: WeekTotals(hist, cal), Best: BestStreaks(hist)}))
}

func (h *Handler) archivedList(c echo.Context) error {
	v := web.CurrentViewer(c)
	habits, err := h.q.ListHabits(c.Request().Context(), db.ListHabitsParams{UserID: v.ID, Archived: true})
	if err != nil {
		return fmt.Errorf("habits: unable to list archived habits of %s: %w", v.ID, err)
	}
	rows := make([]views.Row, len(habits))
	for i, hb := range habits {
		rows[i] = views.Row{ID: hb.ID.String(), Title: hb.Title, Schedule: describe(hb, v.WeekStart)}
	}
	return web.Render(c, http.StatusOK, "Archived habits", views.Archived(rows))
}
