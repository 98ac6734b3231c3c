package today

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"

	"ignition/app/decision"
	"ignition/app/store/db"
	"ignition/app/web"
)

// pick records that the user acted on a pick (decision_outcome, with the
// exposure it came from) and takes them to it.
func (h *Handler) pick(c echo.Context) error {
	v := web.CurrentViewer(c)
	ctx := c.Request().Context()
	key, err := decision.Parse(c.FormValue("decision"))
	if err != nil {
		return echo.ErrNotFound
	}
	target, ok := h.href(key)
	if !ok {
		return echo.ErrNotFound
	}
	if id, err := uuid.Parse(c.FormValue("exposure")); err == nil {
		exp, err := h.q.GetExposure(ctx, db.GetExposureParams{ID: id, UserID: v.ID})
		if errors.Is(err, pgx.ErrNoRows) {
			// Perhaps still queued in this process: write the queue, look again.
			if err = h.exposures.Flush(ctx); err == nil {
				exp, err = h.q.GetExposure(ctx, db.GetExposureParams{ID: id, UserID: v.ID})
			}
		}
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("today: unable to read exposure %s: %w", id, err)
		}
		var cands []exposedCandidate
		if err == nil && json.Unmarshal(exp.Candidates, &cands) == nil && shown(cands, key.String()) {
			err := h.q.InsertOutcome(ctx, db.InsertOutcomeParams{ExposureID: id, UserID: v.ID, DecisionID: key.String(),
				Action: "started", TimeToActionMs: max(0, web.Calendar(c).Now.Sub(exp.CreatedAt).Milliseconds())})
			if err != nil {
				return fmt.Errorf("today: unable to record outcome: %w", err)
			}
		}
	}
	return web.Redirect(c, target)
}

func shown(cands []exposedCandidate, decision string) bool {
	for _, c := range cands {
		if c.ID == decision {
			return true
		}
	}
	return false
}

// href is where acting on a decision leads, as its source says.
func (h *Handler) href(key decision.Key) (string, bool) {
	for _, s := range h.sources() {
		if s.Kind == key.Kind {
			return s.Href(key.ID)
		}
	}
	return "", false
}

// dismiss leaves the soft landing, or reduced mode, for the full page.
func (h *Handler) dismiss(c echo.Context) error {
	sess, err := web.Session(c)
	if err != nil {
		return err
	}
	if sess.Values[softLandingKey] != nil {
		delete(sess.Values, softLandingKey)
	} else {
		sess.Values[reducedDismissedKey] = "1"
	}
	if err := sess.Save(c.Request(), c.Response()); err != nil {
		return err
	}
	return web.Redirect(c, URL)
}
