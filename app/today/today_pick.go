package today

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"

	"ignition/app/decision"
	"ignition/app/store/db"
	"ignition/app/suggest"
	"ignition/app/web"
)

// pick records that the user acted on a pick (decision_outcome, with the
// exposure it came from) and takes them to it.
func (h *Handler) pick(c echo.Context) error {
	key, err := decision.Parse(c.FormValue("decision"))
	if err != nil {
		return echo.ErrNotFound
	}
	target, ok := h.href(key)
	if !ok {
		return echo.ErrNotFound
	}
	if err := h.recordOutcome(c, key, "started"); err != nil {
		return err
	}
	return web.Redirect(c, target)
}

// recordOutcome records action on the decision for the exposure the form
// names, when it is the viewer's and showed the decision; without one (an
// opted-out user, or a page from before) it records nothing.
func (h *Handler) recordOutcome(c echo.Context, key decision.Key, action string) error {
	id, err := uuid.Parse(c.FormValue("exposure"))
	if err != nil {
		return nil
	}
	v := web.CurrentViewer(c)
	ctx := c.Request().Context()
	exp, err := h.exposure(ctx, v.ID, id)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("today: unable to read exposure %s: %w", id, err)
	}
	var cands []exposedCandidate
	if json.Unmarshal(exp.Candidates, &cands) != nil || !shown(cands, key.String()) {
		return nil
	}
	err = h.q.InsertOutcome(ctx, db.InsertOutcomeParams{ExposureID: id, UserID: v.ID, DecisionID: key.String(),
		Action: action, TimeToActionMs: max(0, web.Calendar(c).Now.Sub(exp.CreatedAt).Milliseconds())})
	if err != nil {
		return fmt.Errorf("today: unable to record outcome: %w", err)
	}
	return nil
}

// exposure reads the user's exposure; one still queued in this process is
// written first.
func (h *Handler) exposure(ctx context.Context, user, id uuid.UUID) (db.DecisionExposure, error) {
	exp, err := h.q.GetExposure(ctx, db.GetExposureParams{ID: id, UserID: user})
	if errors.Is(err, pgx.ErrNoRows) {
		if err = h.exposures.Flush(ctx); err == nil {
			exp, err = h.q.GetExposure(ctx, db.GetExposureParams{ID: id, UserID: user})
		}
	}
	return exp, err
}

func shown(cands []exposedCandidate, decision string) bool {
	for _, c := range cands {
		if c.ID == decision {
			return true
		}
	}
	return false
}

// source is the source of a kind of decision.
func (h *Handler) source(kind string) (suggest.Source, bool) {
	for _, s := range h.sources() {
		if s.Kind == kind {
			return s, true
		}
	}
	return suggest.Source{}, false
}

// href is where acting on a decision leads, as its source says.
func (h *Handler) href(key decision.Key) (string, bool) {
	if s, ok := h.source(key.Kind); ok {
		return s.Href(key.ID)
	}
	return "", false
}

// act is the named act of a kind's source.
func (h *Handler) act(kind, name string) (suggest.Act, bool) {
	s, ok := h.source(kind)
	if !ok || name == "" {
		return suggest.Act{}, false
	}
	a, ok := s.Acts[name]
	return a, ok
}

// dismiss leaves the soft landing, or reduced mode, for the full page.
func (h *Handler) dismiss(c echo.Context) error {
	sess, err := web.Session(c)
	if err != nil {
		return err
	}
	if landing := sess.Values[softLandingKey]; landing != nil {
		sess.Values[landedKey] = landing
		delete(sess.Values, softLandingKey)
	} else {
		sess.Values[reducedDismissedKey] = "1"
	}
	if err := sess.Save(c.Request(), c.Response()); err != nil {
		return err
	}
	return web.Redirect(c, URL)
}
