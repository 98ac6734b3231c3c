package progress

import (
	"context"
	"time"

	"ignition/app/module"
	"ignition/app/store"
)

// URL is the progress page.
const URL = "/progress"

// Handler serves the progress page.
type Handler struct {
	db     store.DB
	panels func() []module.Panel // the modules' sections of the page
}

// Module is progress: levels, skills, the activity feed and the sections
// other modules add (their statistics).
func Module(d module.Deps) module.Module {
	h := &Handler{db: d.Pool, panels: d.Registry.ProgressPanels}
	return module.Module{
		Name:     "progress",
		Privacy:  []module.Privacy{{Kind: "Progress", Readable: []string{"XP, coins and the activity feed (its lines name what paid, such as a habit's title)", "Each skill's XP"}}},
		Routes:   func(r module.Router) { r.Private.GET(URL, h.show) },
		Nav:      []module.Nav{{Label: "Progress", Href: URL, Order: 60}},
		Commands: []module.Command{{Label: "Progress", Keywords: "level xp skills coins activity", Href: URL}},
		Jobs: []module.Job{{Name: "weekly summaries", Every: time.Minute, Run: func(ctx context.Context, now time.Time) error {
			n, err := SummarizeWeeks(ctx, d.Pool, now)
			if n > 0 {
				d.Logger.Info("weekly summaries", "made", n)
			}
			return err
		}}},
	}
}
