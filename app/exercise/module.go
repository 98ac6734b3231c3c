// Package exercise is strength and cardio training: a library of
// exercises, workout templates, sessions of logged sets, and the personal
// records those sets set, found as each is saved.
package exercise

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"ignition/app/form"
	"ignition/app/live"
	"ignition/app/module"
	"ignition/app/seed"
	"ignition/app/store"
	"ignition/app/store/db"
	views "ignition/views/exercise"
)

// Live is the change exercise announces to the user's tabs: a session's
// page reads itself again.
const Live = "exercise"

// SessionKey starts the ledger key of a finished session's reward
// (exercise-session:<id>), which the workout quests count.
const SessionKey = "exercise-session"

// The reward of a finished session that logged at least one set.
const (
	SessionXP    = 25
	SessionCoins = 5
	SessionSkill = "guts"
)

// Handler serves the exercise routes.
type Handler struct {
	pool *pgxpool.Pool
	q    *db.Queries
}

func init() { form.Choices("exercise-kinds", Kinds...) }

// Module is exercise.
func Module(d module.Deps) module.Module {
	h := &Handler{pool: d.Pool, q: d.Q}
	return module.Module{
		Name: "exercise",
		Routes: func(r module.Router) {
			r.Private.GET(views.URL, h.home)
			r.Private.POST(views.UnitURL, h.setUnit)
			r.Private.GET(views.LibraryURL, h.library)
			r.Private.POST(views.LibraryURL, h.createExercise)
			r.Private.GET(views.LibraryURL+"/:id", h.showExercise)
			r.Private.POST(views.LibraryURL+"/:id/delete", h.deleteExercise)
			r.Private.POST(views.TemplatesURL, h.createTemplate)
			r.Private.GET(views.TemplatesURL+"/:id", h.showTemplate)
			r.Private.POST(views.TemplatesURL+"/:id", h.renameTemplate)
			r.Private.POST(views.TemplatesURL+"/:id/delete", h.deleteTemplate)
			r.Private.POST(views.TemplatesURL+"/:id/items", h.addItem)
			r.Private.POST(views.TemplatesURL+"/:id/items/:item", h.updateItem)
			r.Private.POST(views.TemplatesURL+"/:id/items/:item/move", h.moveItem)
			r.Private.POST(views.TemplatesURL+"/:id/items/:item/delete", h.deleteItem)
			r.Private.POST(views.SessionsURL, h.startSession)
			r.Private.GET(views.SessionsURL+"/:id", h.showSession)
			r.Private.POST(views.SessionsURL+"/:id/exercises", h.addSessionExercise)
			r.Private.POST(views.SessionsURL+"/:id/sets", h.logSet)
			r.Private.POST(views.SessionsURL+"/:id/finish", h.finishSession)
			r.Private.POST(views.SessionsURL+"/:id/delete", h.deleteSession)
			r.Private.POST(views.SetsURL+"/:id", h.updateSet)
			r.Private.POST(views.SetsURL+"/:id/delete", h.deleteSet)
		},
		Nav: []module.Nav{{Label: "Exercise", Href: views.URL, Order: 37}},
		Commands: []module.Command{
			{Label: "Exercise", Keywords: "exercise workout gym training lift strength cardio", Href: views.URL},
			{Label: "Exercise library", Keywords: "exercise library lifts exercises", Href: views.LibraryURL},
			{Label: "Start an empty workout", Keywords: "start workout session gym", Action: views.SessionsURL},
		},
		Privacy: []module.Privacy{{Kind: "Exercise", Readable: []string{"Your exercises, workout templates, sessions and every set's weight, reps, effort, time and distance, so records and charts can be worked out"},
			IfLost: "Workouts are not encrypted: losing access to your vault does not touch them."}},
		EventActions: []module.EventAction{{Kind: "workout", Label: "Workout session", Action: views.SessionsURL}}, // the planner's workouts
		Seeds:        []seed.Set{Seed},
		Live:         []string{Live},
	}
}

// idParam reads a route's uuid; anything else is 404.
func idParam(c echo.Context, name string) (uuid.UUID, error) {
	id, err := uuid.Parse(c.Param(name))
	if err != nil {
		return uuid.Nil, echo.ErrNotFound
	}
	return id, nil
}

// notFound turns a missing row into 404.
func notFound(err error) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return echo.ErrNotFound
	}
	return err
}

// notFoundIfNone is 404 for a change that touched no row of the user's.
func notFoundIfNone(n int64, err error) error {
	if err == nil && n == 0 {
		return echo.ErrNotFound
	}
	return err
}

// routeError is an action's failure: an answer (404, 409) as it is, the
// rest with context.
func routeError(err error, what string, id fmt.Stringer) error {
	if he := (*echo.HTTPError)(nil); errors.As(err, &he) {
		return he
	}
	return fmt.Errorf("exercise: unable to %s %s: %w", what, id, err)
}

// itemParams reads a template item's route: the template and the item.
func itemParams(c echo.Context) (uuid.UUID, uuid.UUID, error) {
	id, err := idParam(c, "id")
	if err != nil {
		return id, id, err
	}
	item, err := idParam(c, "item")
	return id, item, err
}

// announced runs change in a transaction and announces it to the user's
// tabs with it.
func (h *Handler) announced(ctx context.Context, user uuid.UUID, change func(q *db.Queries) error) error {
	return store.Tx(ctx, h.pool, func(q *db.Queries) error {
		if err := change(q); err != nil {
			return err
		}
		return live.Announce(ctx, q, user, Live)
	})
}

// openSession locks the user's session id for a change: 404 when it is
// not theirs, 409 when it is finished.
func openSession(ctx context.Context, q *db.Queries, id, user uuid.UUID) (db.WorkoutSession, error) {
	s, err := q.GetWorkoutSessionForUpdate(ctx, db.GetWorkoutSessionForUpdateParams{ID: id, UserID: user})
	if err != nil {
		return s, notFound(err)
	}
	if s.FinishedAt.Valid {
		return s, errFinished
	}
	return s, nil
}
