package today

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/a-h/templ"
	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"ignition/app/calendar"
	"ignition/app/graph"
	"ignition/app/module"
	"ignition/app/progress"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/suggest"
	"ignition/app/web"
	views "ignition/views/today"
)

func (h *Handler) show(c echo.Context) error {
	sess, err := web.Session(c)
	if err != nil {
		return err
	}
	// After a completed focus session: one calm next step, until dismissed
	// in this browser session.
	if sess.Values[softLandingKey] != nil {
		return web.Render(c, http.StatusOK, "Today", views.SoftLanding(web.CurrentViewer(c).DisplayName()))
	}
	return h.render(c, http.StatusOK, views.Notice{})
}

// render answers with Today as it stands, saying notice; the picks shown
// are recorded as an exposure.
func (h *Handler) render(c echo.Context, status int, notice views.Notice) error {
	name := web.CurrentViewer(c).DisplayName()
	sess, err := web.Session(c)
	if err != nil {
		return err
	}
	cal := web.Calendar(c)
	st, offers, panels, err := h.read(c, cal)
	if err != nil {
		return err
	}
	lastActive := st.LastActiveAt
	var cands []suggest.Candidate
	for _, o := range offers {
		for _, cand := range o.Candidates {
			// Put off today ("Not now"): the next pick takes its place.
			if !slices.Contains(st.Dismissed, cand.ID()) {
				cands = append(cands, cand)
			}
		}
		if o.LastActive.After(lastActive) {
			lastActive = o.LastActive
		}
	}
	reduced := Reduced(lastActive, cal.Now) && sess.Values[reducedDismissedKey] == nil
	killRanking := slices.Contains(st.FlagsOn, KillRanking)

	weights := DefaultWeights
	if seq := h.sequence(c, st, cal.Now); seq == nil {
		weights.S = 0 // no sequence signal: ranking falls back to frequency and recency
	} else {
		for i := range cands {
			cands[i].Seq = seq[cands[i].ID()]
		}
	}
	var ranked []Scored
	if killRanking {
		ranked = StaticOrder(cands)
	} else {
		ranked = Rank(cands, weights)
	}

	exposure := ""
	if st.Telemetry {
		// What the page shows is what was exposed: the starter and the
		// quick picks, not the candidates ranked below them.
		onPage := ranked[:min(len(ranked), 1+quickPicks)]
		if exposure, err = h.expose(c, onPage, reduced, st.LastAction, cal); err != nil {
			return err
		}
	}
	page := views.Data{
		Greeting: Greeting(cal.Local(cal.Now)), Name: name, Reduced: reduced, Exposure: exposure,
		Level: progress.LevelFor(st.Xp).Number, Coins: st.Coins, Ranked: !killRanking, Capture: panels.capture,
		Agenda: panels.agenda,
		Notice: notice,
	}
	for i, s := range ranked {
		p := views.Pick{ID: s.ID(), Label: s.Label, Why: Why(s, weights), Detail: s.Detail}
		if act, ok := h.act(s.Key.Kind, s.Act); ok {
			p.Act, p.ActLabel = s.Act, act.Label
		}
		if killRanking {
			p.Why = ""
		}
		if i == 0 {
			page.Starter = &p
		} else if i <= quickPicks {
			page.Picks = append(page.Picks, p)
		}
	}
	return web.Render(c, status, "Today", views.Page(page))
}

// panels are the other modules' parts of Today.
type panels struct{ capture, agenda []templ.Component }

// read gathers, in one round trip, Today's own state, what every source
// offers (a candidate's tie-break order is its source's), the agenda and
// the quick captures.
func (h *Handler) read(c echo.Context, cal calendar.Calendar) (db.GetTodayStateRow, []suggest.Offer, panels, error) {
	v := web.CurrentViewer(c)
	var b store.Batch
	var st db.GetTodayStateRow
	store.One(&b, db.GetTodayState, &st, db.GetTodayStateParams{UserID: v.ID, Today: cal.Today})
	sources := h.sources()
	makes := make([]func() (suggest.Offer, error), len(sources))
	for i, s := range sources {
		makes[i] = s.Queue(&b, v.ID, cal)
	}
	captures := module.QueuePanels(&b, h.captures(), v.ID, cal)
	agenda := module.QueuePanels(&b, h.agenda(), v.ID, cal)
	if err := b.Send(c.Request().Context(), h.pool); err != nil {
		return st, nil, panels{}, fmt.Errorf("today: unable to read the state of %s: %w", v.ID, err)
	}
	offers := make([]suggest.Offer, len(sources))
	for i, make := range makes {
		o, err := make()
		if err != nil {
			return st, nil, panels{}, fmt.Errorf("today: unable to read what %s offers: %w", sources[i].Kind, err)
		}
		for j := range o.Candidates {
			o.Candidates[j].Order = sources[i].Order
		}
		offers[i] = o
	}
	var p panels
	var err error
	if p.capture, err = captures(); err != nil {
		return st, nil, p, fmt.Errorf("today: unable to read a quick capture: %w", err)
	}
	if p.agenda, err = agenda(); err != nil {
		return st, nil, p, fmt.Errorf("today: unable to read the agenda: %w", err)
	}
	return st, offers, p, nil
}

// sequence reads S_i for the viewer's last action from the projection, or
// nil when there is none to use: no Neo4j, the kill switch, no previous
// action, a stale projection, an error or a timeout. The page renders
// either way.
func (h *Handler) sequence(c echo.Context, st db.GetTodayStateRow, now time.Time) map[string]float64 {
	if h.graph == nil || st.LastAction == "" || slices.Contains(st.FlagsOn, KillNeo4j) {
		return nil
	}
	pos := graph.Position{EventID: st.GraphEventID, SyncedAt: st.GraphSyncedAt}
	// On an error the page goes without the signal; the graph package logs
	// each failed read once rather than every page logging it.
	probs, err := h.graph.NextProbabilities(c.Request().Context(), web.CurrentViewer(c).ID, st.LastAction, pos, now)
	if err != nil {
		return nil
	}
	return probs
}

// Reduced reports a gap of more than ReducedAfter between the user's last
// activity and now; without any activity (the zero time) there is no gap.
func Reduced(lastActive, now time.Time) bool {
	return lastActive.Year() > 1 && now.Sub(lastActive) > ReducedAfter
}

// exposedCandidate is one row of a decision_exposed record.
type exposedCandidate struct {
	ID         string          `json:"id"`
	Type       string          `json:"type"`
	Position   int             `json:"position"`
	Score      float64         `json:"score"`
	Components scoreComponents `json:"score_components"`
}

// scoreComponents are a candidate's signal values.
type scoreComponents struct {
	Freq    float64 `json:"freq"`
	Recency float64 `json:"recency"`
	Seq     float64 `json:"seq"`
	Context float64 `json:"context"`
}

func fourDecimals(f float64) float64 { return float64(round4(f)) / 10000 }

// exposureContext is the state a decision_exposed record was made in.
type exposureContext struct {
	ReducedMode    bool   `json:"reduced_mode"`
	TimeOfDay      string `json:"time_of_day"`
	LastActionType string `json:"last_action_type,omitempty"`
}

// expose queues the record of what the page shows (decision_exposed) and
// returns its ID, or "" when it shows nothing. Titles are not recorded.
func (h *Handler) expose(c echo.Context, ranked []Scored, reduced bool, last string, cal calendar.Calendar) (string, error) {
	if len(ranked) == 0 {
		return "", nil
	}
	cands := make([]exposedCandidate, len(ranked))
	for i, s := range ranked {
		// Four decimals: what ranking compares.
		cands[i] = exposedCandidate{ID: s.ID(), Type: s.Key.Kind, Position: s.Position, Score: fourDecimals(s.Score),
			Components: scoreComponents{Freq: fourDecimals(s.F), Recency: fourDecimals(s.R), Seq: fourDecimals(s.S), Context: fourDecimals(s.C)}}
	}
	context := exposureContext{ReducedMode: reduced, TimeOfDay: TimeOfDay(cal.Local(cal.Now))}
	context.LastActionType, _, _ = strings.Cut(last, ":")
	cj, _ := json.Marshal(context)
	kj, _ := json.Marshal(cands)
	id := uuid.New()
	err := h.exposures.Record(c.Request().Context(), Exposure{ID: id, UserID: web.CurrentViewer(c).ID, Context: cj, Candidates: kj, At: cal.Now})
	if err != nil {
		return "", fmt.Errorf("today: unable to record exposure: %w", err)
	}
	return id.String(), nil
}
