// Package today serves the Today page: the single next thing to do and a
// few quick picks, ranked from what the modules offer (their
// suggest.Sources), with every list it shows recorded for telemetry.
package today

import (
	"context"
	"time"

	"github.com/gorilla/sessions"
	"github.com/jackc/pgx/v5/pgxpool"

	"ignition/app/graph"
	"ignition/app/module"
	"ignition/app/store/db"
	"ignition/app/suggest"
)

// ReducedAfter is the gap without activity after which Today shows less.
const ReducedAfter = 3 * 24 * time.Hour

// quickPicks is how many picks follow the starter block.
const quickPicks = 4

// Session keys for what this browser session asked of Today.
const (
	softLandingKey      = "soft_landing"
	landedKey           = "landed"
	reducedDismissedKey = "reduced_dismissed"
)

// Kill switches (spec §12.7), set by administrators at runtime.
const (
	KillNeo4j   = "KillSwitch_Neo4j"
	KillRanking = "KillSwitch_Ranking"
)

// URL is the Today page.
const URL = "/today"

// SoftLand asks the next Today page of this browser session for its soft
// landing after the focus session id completed: one calm next step. A
// landing this browser has already left for id is not asked again; it
// reports whether sess changed.
func SoftLand(sess *sessions.Session, id string) bool {
	if sess.Values[softLandingKey] == id || sess.Values[landedKey] == id {
		return false
	}
	sess.Values[softLandingKey] = id
	return true
}

// Handler serves the Today routes.
type Handler struct {
	graph     *graph.Graph // nil without Neo4j
	pool      *pgxpool.Pool
	q         *db.Queries
	exposures *Exposures
	sources   func() []suggest.Source
	captures  func() []module.Panel
	agenda    func() []module.Panel
	keep      time.Duration // telemetry retention (0: forever)
}

// Module is Today, with the projection of activity into Neo4j and the
// retention of decision telemetry.
func Module(d module.Deps) module.Module {
	h := &Handler{graph: d.Graph, pool: d.Pool, q: d.Q, exposures: NewExposures(d.Q, d.Logger), sources: d.Registry.TodaySources, captures: d.Registry.Captures, agenda: d.Registry.Agenda, keep: d.Config.TelemetryKeep}
	m := module.Module{
		Name: "today",
		Privacy: []module.Privacy{{Kind: "Today's suggestions", Readable: []string{
			"Which suggestions Today showed and which you picked: identifiers, positions and scores, never titles (turn it off under Preferences)",
			"The picks you put off until tomorrow"}}},
		Routes: func(r module.Router) {
			r.Private.GET(URL, h.show)
			r.Private.POST(URL+"/dismiss", h.dismiss)
			r.Private.POST(URL+"/picks", h.pick)
			r.Private.POST(URL+"/picks/act", h.actOn)
			r.Private.POST(URL+"/picks/undo", h.undoAct)
			r.Private.POST(URL+"/picks/dismiss", h.putOff)
		},
		Nav:      []module.Nav{{Label: "Today", Href: URL, Order: 10, Tab: true}},
		Commands: []module.Command{{Label: "Today", Keywords: "home next start", Href: URL}},
		Flush:    h.exposures.Flush,
		Close:    h.exposures.Close,
	}
	if h.keep > 0 {
		m.Jobs = append(m.Jobs, module.Job{Name: "telemetry retention", Every: 10 * time.Minute, Run: func(ctx context.Context, now time.Time) error {
			n, err := DeleteOldExposures(ctx, h.q, now.Add(-h.keep))
			if n > 0 {
				d.Logger.Info("janitor", "expired_exposures", n)
			}
			return err
		}})
	}
	m.Jobs = append(m.Jobs, module.Job{Name: "today dismissals", Every: time.Hour, Run: func(ctx context.Context, now time.Time) error {
		_, err := h.q.DeleteOldDismissals(ctx, now.UTC().AddDate(0, 0, -2))
		return err
	}})
	if h.graph != nil && d.Config.GraphSync > 0 {
		m.Jobs = append(m.Jobs, module.Job{Name: "graph sync", Every: d.Config.GraphSync, Run: func(ctx context.Context, now time.Time) error {
			n, err := h.graph.Sync(ctx, h.q, now)
			if n > 0 {
				d.Logger.Info("graph sync", "events", n)
			}
			return err
		}})
	}
	return m
}
