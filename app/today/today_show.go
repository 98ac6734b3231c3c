package today

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"ignition/app/auth"
	"ignition/app/focus"
	"ignition/app/graph"
	"ignition/app/habits"
	"ignition/app/progress"
	"ignition/app/quests"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/today"
)

// ReducedAfter is the gap without activity after which Today shows less.
const ReducedAfter = 3 * 24 * time.Hour

// quickPicks is how many picks follow the starter block.
const quickPicks = 4

// Session keys for what the user dismissed in this browser session.
const reducedDismissedKey = "reduced_dismissed"

// Kill switches (spec §12.7), set by administrators at runtime.
const (
	KillNeo4j   = "KillSwitch_Neo4j"
	KillRanking = "KillSwitch_Ranking"
)

// Handler serves the Today page.
type Handler struct {
	graph     *graph.Graph // nil without Neo4j
	pool      *pgxpool.Pool
	q         *db.Queries
	auth      *auth.Handler
	quests    *quests.Handler
	exposures *Exposures
	now       func() time.Time
}

// NewHandler returns the Today handler; it records exposures through x.
func NewHandler(pool *pgxpool.Pool, a *auth.Handler, qh *quests.Handler, g *graph.Graph, x *Exposures) *Handler {
	return &Handler{graph: g, pool: pool, q: db.New(pool), auth: a, quests: qh, exposures: x, now: time.Now}
}

// Register adds the Today routes.
func (h *Handler) Register(e *echo.Echo) {
	e.GET("/today", h.show).Name = "today"
	e.POST("/today/dismiss", h.dismiss).Name = "today.dismiss"
	e.POST("/today/picks", h.pick).Name = "today.pick"
}

func (h *Handler) show(c echo.Context) error {
	v := web.CurrentViewer(c)
	ctx := c.Request().Context()
	name := v.Name
	if name == "" {
		name = v.Email
	}
	sess, err := h.auth.Session(c)
	if err != nil {
		return err
	}
	// After a completed focus session: one calm next step, until dismissed
	// in this browser session.
	if sess.Values[focus.SoftLandingKey] != nil {
		return web.Render(c, http.StatusOK, "Today", views.SoftLanding(name, web.CSRFToken(c)))
	}
	now := h.now()
	st, err := h.q.GetTodayState(ctx, v.ID)
	if err != nil {
		return fmt.Errorf("today: unable to read the state of %s: %w", v.ID, err)
	}
	reduced := Reduced(st.LastActiveAt, now) && sess.Values[reducedDismissedKey] == nil
	killRanking := slices.Contains(st.FlagsOn, KillRanking)

	cands, err := h.candidates(c, st, now)
	if err != nil {
		return err
	}
	weights := DefaultWeights
	if seq := h.sequence(c, st, now); seq == nil {
		weights.S = 0 // no sequence signal: ranking falls back to frequency and recency
	} else {
		for i := range cands {
			cands[i].Seq = seq[cands[i].ID]
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
		if exposure, err = h.expose(c, onPage, reduced, st.LastAction, now); err != nil {
			return err
		}
	}
	page := views.Data{
		Greeting: Greeting(web.LocalTime(c, now)), Name: name, Reduced: reduced, Exposure: exposure,
		Level: progress.LevelFor(st.Xp).Number, Coins: st.Coins, Ranked: !killRanking,
	}
	for i, s := range ranked {
		p := views.Pick{ID: s.ID, Label: s.Label, Why: Why(s, weights)}
		if killRanking {
			p.Why = ""
		}
		if i == 0 {
			page.Starter = &p
		} else if i <= quickPicks {
			page.Picks = append(page.Picks, p)
		}
	}
	return web.Render(c, http.StatusOK, "Today", views.Page(page, web.CSRFToken(c)))
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

// newHabit is the decision to add a habit, offered while none is active.
const newHabit = "habit:new"

// candidates gathers what Today could suggest: habits due and not done (or
// adding one, when none is active), quests not yet claimed, and a focus session when
// none is running.
func (h *Handler) candidates(c echo.Context, st db.GetTodayStateRow, now time.Time) ([]Candidate, error) {
	v := web.CurrentViewer(c)
	ctx := c.Request().Context()
	today := web.Today(c, now)
	rows, err := h.q.ListHabitSignals(ctx, db.ListHabitSignalsParams{UserID: v.ID, Today: today})
	if err != nil {
		return nil, fmt.Errorf("today: unable to read habits: %w", err)
	}
	var out []Candidate
	for _, r := range rows {
		s := habits.Schedule{Cadence: habits.Cadence(r.Cadence), Weekdays: uint8(r.Weekdays), TimesPerWeek: int(r.TimesPerWeek),
			Start: v.Zone.Day(r.CreatedAt)}
		if r.DoneToday || !s.Due(today) {
			continue
		}
		out = append(out, Candidate{ID: "habit:" + r.ID.String(), Type: "habit", Count: int(r.Completions),
			Days: daysSince(r.LastDay, r.HasLast, today), Label: r.Title})
	}
	if len(rows) == 0 {
		// Habits are the daily loop's backbone: with none active, adding
		// one is the thing to suggest.
		out = append(out, Candidate{ID: newHabit, Type: "habit", Days: -1, Label: "Add a habit"})
	}
	open, err := h.quests.OpenQuests(c)
	if err != nil {
		return nil, fmt.Errorf("today: unable to read quests: %w", err)
	}
	for _, q := range open {
		label := q.Quest.Title
		if q.Status.Complete {
			label = "Claim: " + label
		}
		out = append(out, Candidate{ID: "quest:" + q.Quest.ID, Type: "quest", Count: q.Claims,
			Days: daysSince(v.Zone.Day(q.LastClaimedAt), q.Claims > 0, today), Label: label})
	}
	if !st.FocusRunning {
		out = append(out, Candidate{ID: "focus:start", Type: "focus", Count: int(st.FocusCompletions),
			Days: daysSince(v.Zone.Day(st.FocusLastAt), st.FocusHasLast, today), Label: "Start a focus session"})
	}
	return out, nil
}

func daysSince(day time.Time, valid bool, today time.Time) int {
	if !valid {
		return -1
	}
	return max(0, int(today.Sub(day).Hours()/24))
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
func (h *Handler) expose(c echo.Context, ranked []Scored, reduced bool, last string, now time.Time) (string, error) {
	if len(ranked) == 0 {
		return "", nil
	}
	cands := make([]exposedCandidate, len(ranked))
	for i, s := range ranked {
		// Four decimals: what ranking compares.
		cands[i] = exposedCandidate{ID: s.ID, Type: s.Type, Position: s.Position, Score: fourDecimals(s.Score),
			Components: scoreComponents{Freq: fourDecimals(s.F), Recency: fourDecimals(s.R), Seq: fourDecimals(s.S), Context: fourDecimals(s.C)}}
	}
	context := exposureContext{ReducedMode: reduced,
		TimeOfDay: strings.ToLower(strings.TrimPrefix(Greeting(web.LocalTime(c, now)), "Good "))}
	context.LastActionType, _, _ = strings.Cut(last, ":")
	cj, _ := json.Marshal(context)
	kj, _ := json.Marshal(cands)
	id := uuid.New()
	err := h.exposures.Record(c.Request().Context(), Exposure{ID: id, UserID: web.CurrentViewer(c).ID, Context: cj, Candidates: kj, At: now})
	if err != nil {
		return "", fmt.Errorf("today: unable to record exposure: %w", err)
	}
	return id.String(), nil
}

// pick records that the user acted on a pick (decision_outcome, with the
// exposure it came from) and takes them to it.
func (h *Handler) pick(c echo.Context) error {
	v := web.CurrentViewer(c)
	ctx := c.Request().Context()
	decision := c.FormValue("decision")
	target, ok := HrefFor(decision)
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
		if err == nil && json.Unmarshal(exp.Candidates, &cands) == nil && shown(cands, decision) {
			err := h.q.InsertOutcome(ctx, db.InsertOutcomeParams{ExposureID: id, UserID: v.ID, DecisionID: decision,
				Action: "started", TimeToActionMs: max(0, h.now().Sub(exp.CreatedAt).Milliseconds())})
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

// HrefFor is where acting on a decision leads.
func HrefFor(decision string) (string, bool) {
	kind, id, _ := strings.Cut(decision, ":")
	switch {
	case decision == newHabit:
		return "/habits#habit-form-card", true
	case kind == "habit" && uuid.Validate(id) == nil:
		return "/habits/" + id, true
	case kind == "quest" && id != "":
		return "/quests#quest-" + id, true
	case decision == "focus:start":
		return "/focus", true
	}
	return "", false
}

// dismiss leaves the soft landing, or reduced mode, for the full page.
func (h *Handler) dismiss(c echo.Context) error {
	sess, err := h.auth.Session(c)
	if err != nil {
		return err
	}
	if sess.Values[focus.SoftLandingKey] != nil {
		delete(sess.Values, focus.SoftLandingKey)
	} else {
		sess.Values[reducedDismissedKey] = "1"
	}
	if err := sess.Save(c.Request(), c.Response()); err != nil {
		return err
	}
	return web.Redirect(c, "/today")
}
