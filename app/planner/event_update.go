package planner

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgtype"
	"github.com/labstack/echo/v4"

	"ignition/app/form"
	"ignition/app/live"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
)

// update saves an edited event and goes back to its view. For one
// occurrence of a series it asks what the change is for: this one (taken
// out of the series and saved on its own), this and the following (the
// series ends before it and a new one starts with the change), or all.
func (h *Handler) update(c echo.Context) error {
	old, err := h.load(c)
	if err != nil {
		return err
	}
	var in input
	if err := form.Bind(c, &in); err != nil {
		return err
	}
	cal := web.Calendar(c)
	e, f := parse(in, cal.Zone.At(cal.Now))
	f.ID, f.ReturnTo, f.Series = old.ID.String(), returnTo(in.ReturnTo), old.Rrule.Valid
	scope := ScopeAll
	if old.Rrule.Valid && in.At != "" {
		at, err := occurrenceAt(old, in.At)
		if err != nil {
			return err
		}
		if scope = in.Scope; scope != ScopeThis && scope != ScopeFollowing && scope != ScopeAll {
			return echo.NewHTTPError(http.StatusBadRequest, "Choose what the change is for.")
		}
		if scope == ScopeFollowing && at.Equal(old.StartsAt) {
			scope = ScopeAll // from the first on is all of it
		}
		if f.Errors.Any() {
			return renderForm(c, http.StatusUnprocessableEntity, f)
		}
		if err := fromOccurrence(&e, old, at, scope, in.Count); err != nil {
			return fmt.Errorf("planner: unable to change event %s from %s: %w", old.ID, at, err)
		}
		ctx := c.Request().Context()
		err = store.Tx(ctx, h.pool, func(q *db.Queries) error {
			switch scope {
			case ScopeThis:
				e.Rule, e.RepeatsUntil = "", time.Time{} // this one alone does not repeat
				if _, err := q.AddPlannerExdate(ctx, db.AddPlannerExdateParams{UserID: old.UserID, ID: old.ID, At: at}); err != nil {
					return err
				}
				return h.insertAnnounced(ctx, q, old, e)
			case ScopeFollowing:
				if err := cutBefore(ctx, q, old, at); err != nil {
					return err
				}
				return h.insertAnnounced(ctx, q, old, e)
			}
			return h.save(ctx, q, old, e)
		})
		if err != nil {
			return fmt.Errorf("planner: unable to change event %s from %s: %w", old.ID, at, err)
		}
		return web.Redirect(c, f.ReturnTo+"?done=saved")
	}
	if f.Errors.Any() {
		return renderForm(c, http.StatusUnprocessableEntity, f)
	}
	if err := h.save(c.Request().Context(), h.q, old, e); err != nil {
		return err
	}
	return web.Redirect(c, f.ReturnTo+"?done=saved")
}

// fromOccurrence turns e, the form of the occurrence at of the series old,
// into what scope saves: for all of them, the series moved by as much as
// the occurrence was; for the following ones, a new series that keeps
// what is left of a count the form did not change.
func fromOccurrence(e *event, old db.PlannerEvent, at time.Time, scope, count string) error {
	switch scope {
	case ScopeAll:
		length := e.Ends.Sub(e.Starts)
		e.Starts = old.StartsAt.Add(e.Starts.Sub(at))
		e.Ends = e.Starts.Add(length)
	case ScopeFollowing:
		if r, err := series(old.Rrule.String, old.StartsAt, old.TimeZone); err == nil && r.OrigOptions.Count > 0 && count == strconv.Itoa(r.OrigOptions.Count) {
			e.Rule = strings.Replace(e.Rule, "COUNT="+count, "COUNT="+strconv.Itoa(remaining(old, at)), 1)
		}
	default:
		return nil
	}
	return e.bound()
}

// save writes e over the stored event old.
func (h *Handler) save(ctx context.Context, q *db.Queries, old db.PlannerEvent, e event) error {
	n, err := q.UpdatePlannerEvent(ctx, db.UpdatePlannerEventParams{ID: old.ID, UserID: old.UserID, Title: e.Title, Kind: e.Kind,
		AllDay: e.AllDay, StartsAt: e.Starts, EndsAt: e.Ends, TimeZone: e.Zone, Location: e.Location, Notes: e.Notes,
		Rrule: ruleText(e), RepeatsUntil: untilOf(e)})
	if err != nil {
		return fmt.Errorf("planner: unable to update event %s: %w", old.ID, err)
	}
	if n == 0 {
		return echo.ErrNotFound // deleted meanwhile
	}
	return live.Announce(ctx, q, old.UserID, Live)
}

// insert stores e as a new event of old's owner; the caller announces it.
func (h *Handler) insert(ctx context.Context, q *db.Queries, old db.PlannerEvent, e event) error {
	_, err := q.CreatePlannerEvent(ctx, db.CreatePlannerEventParams{UserID: old.UserID, Title: e.Title, Kind: e.Kind, AllDay: e.AllDay,
		StartsAt: e.Starts, EndsAt: e.Ends, TimeZone: e.Zone, Location: e.Location, Notes: e.Notes, Rrule: ruleText(e), RepeatsUntil: untilOf(e), Exdates: e.Exdates})
	return err
}

// insertAnnounced is insert, announced to the owner's tabs.
func (h *Handler) insertAnnounced(ctx context.Context, q *db.Queries, old db.PlannerEvent, e event) error {
	if err := h.insert(ctx, q, old, e); err != nil {
		return err
	}
	return live.Announce(ctx, q, old.UserID, Live)
}

func ruleText(e event) pgtype.Text { return pgtype.Text{String: e.Rule, Valid: e.Rule != ""} }

func untilOf(e event) pgtype.Timestamptz {
	return pgtype.Timestamptz{Time: e.RepeatsUntil, Valid: !e.RepeatsUntil.IsZero()}
}
