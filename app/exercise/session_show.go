package exercise

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/exercise"
)

var sessionNotices = map[string]string{
	"finished":       "Workout finished. Well done!",
	"finished-empty": "Workout finished. No sets were logged, so it earned nothing.",
	"set-deleted":    "Set deleted.",
}

// shown is how a session's page is asked for: the set just logged (its
// records celebrated), the exercise whose form to type in next, and a
// refused form of it.
type shown struct {
	logged   uuid.UUID
	exercise uuid.UUID
	editing  uuid.UUID // the set whose refused edit form is form
	form     *views.SetForm
	addError string
	notice   string
}

// showSession is a session's page, read in one round trip; ?logged=<set>
// celebrates the records that set set.
func (h *Handler) showSession(c echo.Context) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	s := shown{notice: sessionNotices[c.QueryParam("done")]}
	if logged, err := uuid.Parse(c.QueryParam("logged")); err == nil {
		s.logged = logged
	}
	return h.renderSession(c, http.StatusOK, id, s)
}

// renderSession reads session id and renders it as s asks.
func (h *Handler) renderSession(c echo.Context, status int, id uuid.UUID, s shown) error {
	v := web.CurrentViewer(c)
	var (
		session   db.WorkoutSession
		found     bool
		unit      string
		exercises []db.ListSessionExercisesRow
		sets      []db.WorkoutSet
		records   []db.ExerciseRecord
		library   []db.Exercise
		b         store.Batch
	)
	store.Maybe(&b, db.GetWorkoutSession, &session, &found, db.GetWorkoutSessionParams{ID: id, UserID: v.ID})
	store.One(&b, db.GetExerciseUnit, &unit, v.ID)
	store.Many(&b, db.ListSessionExercises, &exercises, db.ListSessionExercisesParams{SessionID: id, UserID: v.ID})
	store.Many(&b, db.ListSessionSets, &sets, db.ListSessionSetsParams{SessionID: id, UserID: v.ID})
	store.Many(&b, db.ListSessionRecords, &records, db.ListSessionRecordsParams{SessionID: id, UserID: v.ID})
	store.Many(&b, db.ListExercises, &library, v.ID)
	if err := b.Send(c.Request().Context(), h.pool); err != nil {
		return fmt.Errorf("exercise: unable to read session %s of %s: %w", id, v.ID, err)
	}
	if !found {
		return echo.ErrNotFound
	}
	cal := web.Calendar(c)
	d := views.SessionData{ID: session.ID.String(), Name: session.Name, Started: cal.Local(session.StartedAt), Finished: session.FinishedAt.Valid,
		Unit: unitOf(unit), DistanceUnit: DistanceUnit(unit), Library: groups(library), Notice: s.notice, AddError: s.addError}
	bySet := map[uuid.UUID][]db.ExerciseRecord{}
	for _, r := range records {
		bySet[r.SetID] = append(bySet[r.SetID], r)
	}
	for _, r := range bySet[s.logged] {
		d.Celebrate = append(d.Celebrate, exerciseName(exercises, r.ExerciseID)+": "+recordText(r.Kind, r.Value, r.WeightG, unit))
	}
	for _, x := range exercises {
		e := views.SessionExercise{ID: x.Exercise.ID.String(), Name: x.Exercise.Name, Kind: x.Exercise.Kind,
			Focus: x.Exercise.ID == s.exercise}
		if x.TargetSets > 0 {
			e.Target = strconv.Itoa(int(x.TargetSets)) + " × " + strconv.Itoa(int(x.TargetReps))
		}
		var last *db.WorkoutSet
		for _, set := range sets {
			if set.ExerciseID != x.Exercise.ID {
				continue
			}
			last = &set
			row := views.SetRow{ID: set.ID.String(), N: len(e.Sets) + 1, Text: setText(set, x.Exercise.Kind, unit), Form: again(set, unit)}
			if set.ID == s.editing && s.form != nil {
				row.Form, row.Editing = *s.form, true
			}
			for _, r := range bySet[set.ID] {
				row.Records = append(row.Records, recordBadge(r.Kind))
			}
			e.Sets = append(e.Sets, row)
		}
		switch {
		case s.form != nil && e.Focus && s.editing == uuid.Nil:
			e.Form = *s.form
		case last != nil:
			e.Form = again(*last, unit)
		case x.TargetReps > 0:
			e.Form.Reps = strconv.Itoa(int(x.TargetReps))
		}
		d.Exercises = append(d.Exercises, e)
	}
	if d.Finished {
		d.Summary = summaryOf(session, sets, len(records), unit)
	}
	return web.Render(c, status, session.Name, views.Session(d))
}

func exerciseName(exercises []db.ListSessionExercisesRow, id uuid.UUID) string {
	for _, x := range exercises {
		if x.Exercise.ID == id {
			return x.Exercise.Name
		}
	}
	return ""
}

// recordBadge is the short name of a record a set shows.
func recordBadge(kind string) string {
	switch kind {
	case RecordWeight:
		return "Heaviest"
	case RecordOneRM:
		return "Best 1RM"
	case RecordReps:
		return "Most reps"
	}
	return "Best volume"
}

// summaryOf is a finished session in figures.
func summaryOf(s db.WorkoutSession, sets []db.WorkoutSet, records int, unit string) []views.Stat {
	var volume int64
	for _, set := range sets {
		volume += int64(set.WeightG) * int64(set.Reps)
	}
	minutes := int(s.FinishedAt.Time.Sub(s.StartedAt).Minutes())
	out := []views.Stat{{Label: "Time", Value: strconv.Itoa(minutes) + " min"}, {Label: "Sets", Value: strconv.Itoa(len(sets))}}
	if volume > 0 {
		out = append(out, views.Stat{Label: "Volume", Value: volumeText(volume, unit)})
	}
	return append(out, views.Stat{Label: "Records", Value: strconv.Itoa(records)})
}

// again is the set form filled in like the set before, the usual next set.
func again(s db.WorkoutSet, unit string) views.SetForm {
	f := views.SetForm{}
	if s.WeightG > 0 {
		f.Weight = FormatWeight(int64(s.WeightG), unit)
	}
	if s.Reps > 0 {
		f.Reps = strconv.Itoa(int(s.Reps))
	}
	if s.RpeTenths > 0 {
		f.RPE = FormatRPE(s.RpeTenths)
	}
	if s.DurationS > 0 {
		f.Duration = FormatDuration(int64(s.DurationS))
	}
	if s.DistanceM > 0 {
		f.Distance = FormatDistance(int64(s.DistanceM), unit)
	}
	return f
}
