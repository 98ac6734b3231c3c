package habits

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"ignition/app/calendar"
	"ignition/app/form"
	"ignition/app/module"
	"ignition/app/progress"
	"ignition/app/store/db"
	"ignition/app/suggest"
	"ignition/views/components"
	views "ignition/views/habits"
)

// Reward is what one completion earns, in the habit's skill.
const (
	RewardXP    = 10
	RewardCoins = 2
)

// The cadences the habit form accepts, as its view offers them.
func init() { form.Choices("cadence", components.Values(views.Cadences)...) }

// Handler serves the habit routes.
type Handler struct {
	pool *pgxpool.Pool
	q    *db.Queries
}

// Module is habits: recurring habits, their completions, streaks and rates,
// and what Today suggests of them.
func Module(d module.Deps) module.Module {
	h := &Handler{pool: d.Pool, q: d.Q}
	return module.Module{
		Name: "habits",
		Privacy: []module.Privacy{{Kind: "Habits", Readable: []string{
			"Titles, descriptions, schedules and reminder times", "Each day you marked a habit done (the server counts streaks and sends reminders from them)"}}},
		Routes: func(r module.Router) {
			r.Private.GET(ListURL, h.list)
			r.Private.POST(ListURL, h.create)
			r.Private.GET(ListURL+"/archived", h.archivedList)
			r.Private.GET(ListURL+"/cadence", h.cadenceFields)
			r.Private.GET(ListURL+"/:id", h.show)
			r.Private.POST(ListURL+"/:id", h.update)
			r.Private.POST(ListURL+"/:id/archive", h.archive(true))
			r.Private.POST(ListURL+"/:id/restore", h.archive(false))
			r.Private.POST(ListURL+"/:id/complete", h.complete)
			r.Private.POST(ListURL+"/:id/undo", h.undo)
		},
		Nav:      []module.Nav{{Label: "Habits", Href: ListURL, Order: 40, Tab: true}},
		Commands: []module.Command{{Label: "Habits", Keywords: "habits streaks daily", Href: ListURL}, {Label: "New habit", Keywords: "add habit", Href: FormURL}},
		Items:    paletteItems,
		Today:    []suggest.Source{todaySource},
		Jobs: []module.Job{{Name: "habit reminders", Every: 30 * time.Second, Run: func(ctx context.Context, now time.Time) error {
			n, err := Remind(ctx, d.Pool, now)
			if n > 0 {
				d.Logger.Info("reminders", "habit_reminders", n)
			}
			return err
		}}},
	}
}

// ListURL is the habits page; FormURL its form to add one.
const (
	ListURL = "/habits"
	FormURL = ListURL + "?add=1#habit-form-card"
)

// URL is a habit's page.
func URL(id uuid.UUID) string { return ListURL + "/" + id.String() }

// habitID parses the route's habit ID; a malformed one is 404 like any
// habit that is not the viewer's.
func habitID(c echo.Context) (uuid.UUID, error) {
	id, err := uuid.Parse(c.Param("id"))
	if err != nil {
		return uuid.Nil, echo.ErrNotFound
	}
	return id, nil
}

func scheduleOf(hb db.Habit, zone calendar.Zone) Schedule {
	return Schedule{
		Cadence: Cadence(hb.Cadence), Weekdays: uint8(hb.Weekdays), TimesPerWeek: int(hb.TimesPerWeek),
		Start: zone.Day(hb.CreatedAt),
	}
}

var weekdayShort = []string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}

// weekdayChoices lists the days in the order of the user's week.
func weekdayChoices(start time.Weekday) []views.Choice {
	out := make([]views.Choice, 7)
	for i := range out {
		d := (int(start) + i) % 7
		out[i] = views.Choice{Value: strconv.Itoa(d), Label: weekdayShort[d]}
	}
	return out
}

func skillChoices() []views.Choice {
	out := make([]views.Choice, len(progress.Skills))
	for i, s := range progress.Skills {
		out[i] = views.Choice{Value: s.ID, Label: s.Name}
	}
	return out
}

// describe says when a habit is due, in the user's week order.
func describe(hb db.Habit, start time.Weekday) string {
	switch Cadence(hb.Cadence) {
	case Weekdays:
		var names []string
		for i := 0; i < 7; i++ {
			d := (int(start) + i) % 7
			if hb.Weekdays&(1<<d) != 0 {
				names = append(names, weekdayShort[d])
			}
		}
		return strings.Join(names, ", ")
	case Weekly:
		if hb.TimesPerWeek == 1 {
			return "Once a week"
		}
		return fmt.Sprintf("%d times a week", hb.TimesPerWeek)
	}
	return "Every day"
}

func reminderText(t pgtype.Time) string {
	if !t.Valid {
		return ""
	}
	m := t.Microseconds / 60_000_000
	return fmt.Sprintf("%02d:%02d", m/60, m%60)
}

// row builds the list row of a habit from its stored run and its
// completions this week.
func row(hb db.Habit, thisWeek []time.Time, cal calendar.Calendar) views.Row {
	today := cal.Today
	s := scheduleOf(hb, cal.Zone)
	r := views.Row{
		ID: hb.ID.String(), Title: hb.Title, Schedule: describe(hb, cal.WeekStart), Skill: progress.SkillName(hb.Skill),
		Streak: storedRun(hb).Current(s, today, cal.WeekStart), Unit: "day", DueToday: s.Due(today), Reminder: reminderText(hb.ReminderTime),
	}
	weekStart := cal.Week()
	for _, d := range thisWeek {
		if d.Equal(today) {
			r.DoneToday = true
		}
		if !d.Before(weekStart) && !d.After(today) {
			r.WeekCount++
		}
	}
	if Cadence(hb.Cadence) == Weekly {
		r.Unit, r.WeekGoal = "week", int(hb.TimesPerWeek)
	}
	return r
}

func storedRun(hb db.Habit) Run {
	return Run{Length: int(hb.StreakRun), End: hb.StreakEnd.Time, Longest: int(hb.StreakLongest)}
}

// refreshRun recomputes the habit's run, completion count and last day from
// its whole history and stores them, through q (bound to the write's
// transaction).
func refreshRun(ctx context.Context, q *db.Queries, cal calendar.Calendar, hb db.Habit) (db.Habit, error) {
	done, err := q.ListHabitCompletionDays(ctx, db.ListHabitCompletionDaysParams{UserID: hb.UserID, HabitID: hb.ID})
	if err != nil {
		return hb, err
	}
	r := RunOf(scheduleOf(hb, cal.Zone), done, cal.Today, cal.WeekStart)
	hb.StreakRun, hb.StreakLongest = int32(r.Length), int32(r.Longest)
	hb.StreakEnd = pgtype.Date{Time: r.End, Valid: !r.End.IsZero()}
	hb.Completions = int32(len(done))
	hb.LastCompleted = pgtype.Date{}
	if len(done) > 0 {
		hb.LastCompleted = pgtype.Date{Time: done[len(done)-1], Valid: true} // days come oldest first
	}
	err = q.SetHabitStreak(ctx, db.SetHabitStreakParams{
		UserID: hb.UserID, ID: hb.ID, StreakRun: hb.StreakRun, StreakEnd: hb.StreakEnd, StreakLongest: hb.StreakLongest,
		Completions: hb.Completions, LastCompleted: hb.LastCompleted,
	})
	return hb, err
}

// habitValues checks the parts of the form its tags cannot and converts
// it for storage.
func habitValues(f *views.HabitForm) (weekdays int16, times int16, reminder pgtype.Time) {
	switch f.Cadence {
	case string(Weekdays):
		for _, d := range f.Weekdays {
			n, err := strconv.Atoi(d)
			if err != nil || n < 0 || n > 6 {
				f.Errors["weekday"] = "Choose days of the week from the list."
				break
			}
			weekdays |= 1 << n
		}
		if weekdays == 0 && f.Errors["weekday"] == "" {
			f.Errors["weekday"] = "Choose at least one day."
		}
	case string(Weekly):
		n, err := strconv.Atoi(f.TimesPerWeek)
		if err != nil || n < 1 || n > 7 {
			f.Errors["times_per_week"] = "Enter a number from 1 to 7."
		}
		times = int16(n)
	}
	if f.Reminder != "" {
		t, err := time.Parse("15:04", f.Reminder)
		if err != nil {
			f.Errors["reminder"] = "Enter a time like 07:30."
		} else {
			reminder = pgtype.Time{Microseconds: int64(t.Hour()*60+t.Minute()) * 60_000_000, Valid: true}
		}
	}
	return weekdays, times, reminder
}

// formOf fills the edit form from a stored habit.
func formOf(hb db.Habit) views.HabitForm {
	f := views.HabitForm{Title: hb.Title, Description: hb.Description, Cadence: hb.Cadence, Skill: hb.Skill, Reminder: reminderText(hb.ReminderTime)}
	for d := 0; d < 7; d++ {
		if hb.Weekdays&(1<<d) != 0 {
			f.Weekdays = append(f.Weekdays, strconv.Itoa(d))
		}
	}
	if hb.TimesPerWeek > 0 {
		f.TimesPerWeek = strconv.Itoa(int(hb.TimesPerWeek))
	}
	return f
}

func bindHabit(c echo.Context) (views.HabitForm, error) {
	var f views.HabitForm
	if err := form.Bind(c, &f); err != nil {
		return f, err
	}
	f.Errors = form.Validate(f)
	f.Weekdays = slices.Compact(slices.Sorted(slices.Values(f.Weekdays)))
	return f, nil
}
