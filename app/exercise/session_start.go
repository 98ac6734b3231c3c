package exercise

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/labstack/echo/v4"

	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/exercise"
)

// startSession starts a workout: from a template (its exercises and
// targets), from a planner workout's occurrence (named after it; the
// occurrence's session opens again if it has one), or empty.
func (h *Handler) startSession(c echo.Context) error {
	v := web.CurrentViewer(c)
	ctx := c.Request().Context()
	cal := web.Calendar(c)
	start := db.StartWorkoutSessionParams{UserID: v.ID, Name: "Workout, " + cal.Local(cal.Now).Format("Mon 2 Jan"), StartedAt: cal.Now}
	template, err := optionalID(c.FormValue("template_id"))
	if err != nil {
		return err
	}
	start.TemplateID = template
	if event := c.FormValue("event_id"); event != "" {
		if start.EventID, err = optionalID(event); err != nil {
			return err
		}
		at, err := time.Parse(time.RFC3339, c.FormValue("event_at"))
		if err != nil {
			return echo.ErrNotFound
		}
		start.EventAt = pgtype.Timestamptz{Time: at.UTC(), Valid: true}
	}
	var s db.WorkoutSession
	err = h.announced(ctx, v.ID, func(q *db.Queries) error {
		s, err = startIn(ctx, q, start)
		return err
	})
	if err != nil {
		return routeError(err, "start a session for", v.ID)
	}
	return web.Redirect(c, views.SessionURL(s.ID.String()))
}

// startIn starts the session p asks for, named after its event or
// template, through q; an event's occurrence with a session already
// answers with that one.
func startIn(ctx context.Context, q *db.Queries, p db.StartWorkoutSessionParams) (db.WorkoutSession, error) {
	if p.EventID.Valid {
		event, err := q.GetWorkoutEvent(ctx, db.GetWorkoutEventParams{ID: p.EventID.UUID, UserID: p.UserID})
		if err != nil {
			return db.WorkoutSession{}, notFound(err)
		}
		p.Name = event.Title
	}
	if p.TemplateID.Valid {
		t, err := q.GetWorkoutTemplate(ctx, db.GetWorkoutTemplateParams{ID: p.TemplateID.UUID, UserID: p.UserID})
		if err != nil {
			return db.WorkoutSession{}, notFound(err)
		}
		if !p.EventID.Valid {
			p.Name = t.Name
		}
	}
	s, err := q.StartWorkoutSession(ctx, p)
	if errors.Is(err, pgx.ErrNoRows) { // the occurrence has its session
		return q.GetEventSession(ctx, db.GetEventSessionParams{UserID: p.UserID, EventID: p.EventID, EventAt: p.EventAt})
	}
	if err != nil {
		return s, fmt.Errorf("exercise: unable to start a session: %w", err)
	}
	if p.TemplateID.Valid {
		err = q.PlanSessionFromTemplate(ctx, db.PlanSessionFromTemplateParams{SessionID: s.ID, TemplateID: p.TemplateID.UUID, UserID: p.UserID})
	}
	return s, err
}

// optionalID reads a form's uuid: none when empty, 404 when malformed.
func optionalID(s string) (uuid.NullUUID, error) {
	if s == "" {
		return uuid.NullUUID{}, nil
	}
	id, err := uuid.Parse(s)
	if err != nil {
		return uuid.NullUUID{}, echo.ErrNotFound
	}
	return uuid.NullUUID{UUID: id, Valid: true}, nil
}
