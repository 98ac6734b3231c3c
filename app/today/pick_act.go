package today

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"ignition/app/decision"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/suggest"
	"ignition/app/web"
	views "ignition/views/today"
)

// actOn does a pick's act in place (Mark done, Claim, Start): the outcome
// is recorded as started (the reward it pays records it completed), and
// the answer is Today as it now stands, saying what happened, with Undo
// where the act can be taken back; an act that leads on (Start) goes
// there.
func (h *Handler) actOn(c echo.Context) error {
	key, name, act, err := h.actOf(c)
	if err != nil {
		return err
	}
	if err := h.recordOutcome(c, key, "started"); err != nil {
		return err
	}
	v, ctx, cal := web.CurrentViewer(c), c.Request().Context(), web.Calendar(c)
	var done suggest.Done
	err = store.Tx(ctx, h.pool, func(q *db.Queries) (err error) {
		done, err = act.Do(ctx, q, v.ID, cal, key.ID)
		return err
	})
	if refused, status := refusal(err); refused != nil {
		return h.render(c, status, *refused)
	}
	if err != nil {
		return fmt.Errorf("today: unable to %s %s for %s: %w", name, key, v.ID, err)
	}
	if done.Next != "" {
		return web.Redirect(c, done.Next)
	}
	notice := views.Notice{Text: done.Notice}
	if act.Undo != nil {
		notice.Undo, notice.Act = key.String(), name
	}
	return h.finish(c, notice)
}

// undoAct takes back what a pick's act did.
func (h *Handler) undoAct(c echo.Context) error {
	key, name, act, err := h.actOf(c)
	if err != nil {
		return err
	}
	if act.Undo == nil {
		return echo.ErrNotFound
	}
	v, ctx, cal := web.CurrentViewer(c), c.Request().Context(), web.Calendar(c)
	err = store.Tx(ctx, h.pool, func(q *db.Queries) error { return act.Undo(ctx, q, v.ID, cal, key.ID) })
	if refused, status := refusal(err); refused != nil {
		return h.render(c, status, *refused)
	}
	if err != nil {
		return fmt.Errorf("today: unable to undo %s of %s for %s: %w", name, key, v.ID, err)
	}
	return h.finish(c, views.Notice{Text: "Undone."})
}

// putOff is "Not now": the pick is dismissed until tomorrow (the outcome
// dismissed) and the next one takes its place.
func (h *Handler) putOff(c echo.Context) error {
	key, err := decision.Parse(c.FormValue("decision"))
	if err != nil {
		return echo.ErrNotFound
	}
	if _, ok := h.href(key); !ok {
		return echo.ErrNotFound
	}
	if err := h.recordOutcome(c, key, "dismissed"); err != nil {
		return err
	}
	v := web.CurrentViewer(c)
	err = h.q.InsertDismissal(c.Request().Context(), db.InsertDismissalParams{UserID: v.ID, Day: web.Calendar(c).Today, DecisionID: key.String()})
	if err != nil {
		return fmt.Errorf("today: unable to put off %s for %s: %w", key, v.ID, err)
	}
	return h.finish(c, views.Notice{Text: "Put off until tomorrow."})
}

// actOf reads the decision and the act the form names; one its source
// does not offer is not found.
func (h *Handler) actOf(c echo.Context) (decision.Key, string, suggest.Act, error) {
	key, err := decision.Parse(c.FormValue("decision"))
	if err != nil {
		return key, "", suggest.Act{}, echo.ErrNotFound
	}
	name := c.FormValue("act")
	act, ok := h.act(key.Kind, name)
	if !ok {
		return key, name, act, echo.ErrNotFound
	}
	return key, name, act, nil
}

// finish answers an act: htmx gets Today in place, saying notice; a plain
// form goes back to Today.
func (h *Handler) finish(c echo.Context, notice views.Notice) error {
	if !web.IsFragmentRequest(c) {
		return web.Redirect(c, URL)
	}
	return h.render(c, http.StatusOK, notice)
}

// refusal is the notice for an act the decision's state refused (409) or
// a decision that is not the user's (404); nil for any other error.
func refusal(err error) (*views.Notice, int) {
	var r *suggest.Refusal
	switch {
	case errors.As(err, &r):
		return &views.Notice{Text: r.Message, Error: true}, http.StatusConflict
	case errors.Is(err, suggest.ErrNotFound):
		return &views.Notice{Text: "That is no longer on your list.", Error: true}, http.StatusNotFound
	}
	return nil, 0
}
