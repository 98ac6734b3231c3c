package focus

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"ignition/app/calendar"
	"ignition/app/decision"
	"ignition/app/form"
	"ignition/app/module"
	"ignition/app/store/db"
	"ignition/app/suggest"
	"ignition/app/web"
	"ignition/views/components"
	views "ignition/views/focus"
)

// Reward is what a completed focus session earns; breaks earn nothing.
const (
	RewardXP    = 25
	RewardCoins = 5
	rewardSkill = "proficiency"
	historyRows = 10
)

// Handler serves the focus routes.
type Handler struct {
	pool *pgxpool.Pool
	q    *db.Queries
}

// Module is focus sessions and breaks, timed by the server and shared by
// every device: the focus page, the bottom bar's indicator and what Today
// suggests.
func Module(d module.Deps) module.Module {
	h := &Handler{pool: d.Pool, q: d.Q}
	return module.Module{
		Name:    "focus",
		Privacy: []module.Privacy{{Kind: "Focus sessions", Readable: []string{"The kind, planned length, start, pauses and end of each session", "Your focus settings"}}},
		Routes: func(r module.Router) {
			r.Private.GET(URL, h.show)
			r.Private.GET(URL+"/panel", h.panel)
			r.Private.GET(URL+"/indicator", h.indicator)
			r.Private.POST(URL+"/start", h.start)
			r.Private.POST(URL+"/pause", h.change(Pause))
			r.Private.POST(URL+"/resume", h.change(Resume))
			r.Private.POST(URL+"/complete", h.change(Complete))
			r.Private.POST(URL+"/abandon", h.change(Abandon))
			r.Private.POST(URL+"/settings", h.settingsUpdate)
		},
		Nav: []module.Nav{{Label: "Focus", Href: URL, Order: 20, Tab: true}},
		Commands: []module.Command{{Label: "Focus", Keywords: "focus timer pomodoro break", Href: URL},
			{Label: "Start a focus session", Keywords: "begin pomodoro timer", Action: URL + "/start", Fields: [][2]string{{"kind", Focus}}}},
		Today:    []suggest.Source{todaySource},
		Shell:    []web.ShellSource{indicatorSource},
		Progress: []module.Panel{{Order: 10, Queue: statsPanel}},
		Jobs: []module.Job{{Name: "focus ends", Every: 15 * time.Second, Run: func(ctx context.Context, now time.Time) error {
			n, err := EndExpired(ctx, d.Pool, now)
			if n > 0 {
				d.Logger.Info("janitor", "focus_sessions_ended", n)
			}
			return err
		}}},
	}
}

// The end actions the settings form accepts.
func init() { form.Choices("focus_end_action", components.Values(views.EndActions)...) }

// URL is the focus page; the session's actions are below it.
const URL = "/focus"

// Start is the decision to start a focus session: what Today offers and
// completing one does.
var Start = decision.Key{Kind: "focus", ID: "start"}

func timerOf(s db.FocusSession) Timer {
	t := Timer{Planned: time.Duration(s.PlannedSeconds) * time.Second, Started: s.StartedAt, Paused: time.Duration(s.PausedSeconds) * time.Second}
	if s.PausedAt.Valid {
		t.PausedAt = s.PausedAt.Time
	}
	return t
}

// activeView is the running session as pages show it, at the calendar's
// instant.
func activeView(s db.FocusSession, cal calendar.Calendar) *views.Active {
	t := timerOf(s)
	left := t.Remaining(cal.Now)
	return &views.Active{
		ID: s.ID.String(), Kind: s.Kind, KindName: KindName(s.Kind), Remaining: left, Planned: t.Planned,
		Paused: s.PausedAt.Valid, Done: left == 0, EndsAt: cal.Local(cal.Now.Add(left)),
	}
}
