package exercise

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"

	"ignition/app/calendar"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
	"ignition/views/components"
	views "ignition/views/exercise"
)

// The most records and sessions an exercise's page lists (and charts).
const (
	shownRecords = 30
	shownHistory = 60
)

// showExercise is an exercise's page: its bests, records, a chart of its
// progress and the sessions that did it, read in one round trip.
func (h *Handler) showExercise(c echo.Context) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	v := web.CurrentViewer(c)
	var (
		e       db.Exercise
		found   bool
		unit    string
		totals  db.ExerciseTotalsRow
		records []db.ExerciseRecord
		history []db.ListExerciseHistoryRow
		b       store.Batch
	)
	store.Maybe(&b, db.GetExercise, &e, &found, db.GetExerciseParams{ID: id, UserID: v.ID})
	store.One(&b, db.GetExerciseUnit, &unit, v.ID)
	store.One(&b, db.ExerciseTotals, &totals, db.ExerciseTotalsParams{UserID: v.ID, ExerciseID: id})
	store.Many(&b, db.ListExerciseRecords, &records, db.ListExerciseRecordsParams{UserID: v.ID, ExerciseID: id, Max: shownRecords + 1})
	store.Many(&b, db.ListExerciseHistory, &history, db.ListExerciseHistoryParams{UserID: v.ID, ExerciseID: id, Max: shownHistory + 1})
	if err := b.Send(c.Request().Context(), h.pool); err != nil {
		return fmt.Errorf("exercise: unable to read exercise %s of %s: %w", id, v.ID, err)
	}
	if !found {
		return echo.ErrNotFound
	}
	cal := web.Calendar(c)
	older := len(history) > shownHistory || len(records) > shownRecords
	history, records = history[:min(len(history), shownHistory)], records[:min(len(records), shownRecords)]
	d := views.ExerciseData{Exercise: exerciseOf(e), Bests: bestsOf(e.Kind, totals, unit), Chart: progressChart(e.Kind, history, unit, cal), Older: older}
	for _, r := range records {
		d.Records = append(d.Records, views.Record{Label: recordLabel(r.Kind), Value: recordValue(r.Kind, r.Value, r.WeightG, unit),
			When: cal.Local(r.CreatedAt), SessionID: r.SessionID.String()})
	}
	for _, s := range history {
		d.History = append(d.History, views.HistoryRow{SessionID: s.SessionID.String(), Name: s.Name, When: cal.Local(s.StartedAt),
			Summary: historySummary(e.Kind, s, unit)})
	}
	return web.Render(c, http.StatusOK, e.Name, views.ExercisePage(d))
}

// bestsOf are an exercise's all-time bests, as its kind measures them.
func bestsOf(kind string, t db.ExerciseTotalsRow, unit string) []views.Stat {
	if t.Sessions == 0 {
		return nil
	}
	sessions := views.Stat{Label: "Sessions", Value: strconv.Itoa(int(t.Sessions))}
	switch kind {
	case Cardio:
		return []views.Stat{{Label: "Longest distance", Value: FormatDistance(int64(t.DistanceM), unit) + " " + DistanceUnit(unit)},
			{Label: "Longest time", Value: FormatDuration(int64(t.DurationS))}, sessions}
	case Bodyweight:
		out := []views.Stat{{Label: "Most reps in a set", Value: strconv.Itoa(int(t.Reps))}}
		if t.WeightG > 0 {
			out = append(out, views.Stat{Label: "Most weight added", Value: weightText(int64(t.WeightG), unit)})
		}
		return append(out, sessions)
	}
	return []views.Stat{{Label: recordLabel(RecordWeight), Value: weightText(int64(t.WeightG), unit)},
		{Label: recordLabel(RecordOneRM), Value: weightText(int64(t.OneRmG), unit)},
		{Label: recordLabel(RecordVolume), Value: volumeText(t.Volume, unit)}, sessions}
}

// progressChart plots, oldest first, each session's best estimated 1RM
// (strength), most reps (bodyweight) or distance, else time (cardio).
func progressChart(kind string, history []db.ListExerciseHistoryRow, unit string, cal calendar.Calendar) views.Chart {
	title, value, label := "Best estimated 1RM (Epley) per session", func(r db.ListExerciseHistoryRow) float64 { return float64(r.OneRmG) },
		func(f float64) string { return weightText(int64(f), unit) }
	switch {
	case kind == Bodyweight:
		title, value, label = "Most reps in a set per session", func(r db.ListExerciseHistoryRow) float64 { return float64(r.TopReps) },
			func(f float64) string { return strconv.Itoa(int(f)) + " reps" }
	case kind == Cardio && slices.ContainsFunc(history, func(r db.ListExerciseHistoryRow) bool { return r.DistanceM > 0 }):
		title, value, label = "Distance per session", func(r db.ListExerciseHistoryRow) float64 { return float64(r.DistanceM) },
			func(f float64) string { return FormatDistance(int64(f), unit) + " " + DistanceUnit(unit) }
	case kind == Cardio:
		title, value, label = "Time per session", func(r db.ListExerciseHistoryRow) float64 { return float64(r.DurationS) },
			func(f float64) string { return FormatDuration(int64(f)) }
	}
	var samples []sample
	for i := len(history) - 1; i >= 0; i-- {
		v := value(history[i])
		samples = append(samples, sample{When: cal.Local(history[i].StartedAt), Value: v, Label: label(v)})
	}
	return chartOf(title, samples, label)
}

// historySummary says what a session did on an exercise.
func historySummary(kind string, s db.ListExerciseHistoryRow, unit string) string {
	sets := components.Plural(int(s.Sets), "set")
	switch {
	case kind == Cardio:
		out := sets
		if s.DistanceM > 0 {
			out += " · " + FormatDistance(int64(s.DistanceM), unit) + " " + DistanceUnit(unit)
		}
		if s.DurationS > 0 {
			out += " · " + FormatDuration(int64(s.DurationS))
		}
		return out
	case s.TopWeightG == 0:
		return sets + " · best " + strconv.Itoa(int(s.TopReps)) + " reps"
	}
	return sets + " · top " + weightText(int64(s.TopWeightG), unit) + " · volume " + volumeText(s.Volume, unit)
}
