package live

import (
	"context"
	"strconv"
	"time"

	"ignition/app/calendar"
	"ignition/app/module"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
	"ignition/views/layout"
)

// Handler serves the streams.
type Handler struct {
	q     *db.Queries
	hub   *hub
	names func() []string // the changes the modules announce beyond Names
}

// Module is the live streams: the route, the stream's address on every
// page (after the user's latest change, read with the session), the
// listener and the pruning of old changes.
func Module(d module.Deps) module.Module {
	h := &Handler{q: d.Q, hub: newHub(d.Pool.Config().ConnConfig.Copy(), d.Logger), names: d.Registry.LiveNames}
	return module.Module{
		Name:    "live",
		Privacy: []module.Privacy{{Kind: "Live updates", Readable: []string{"Which kind of thing changed (focus, vault, notifications, planner) and when, kept ten minutes"}}},
		Routes:  func(r module.Router) { r.Private.GET(web.LiveURL, h.stream) },
		Shell:   []web.ShellSource{streamSource},
		Jobs: []module.Job{{Name: "live prune", Every: time.Minute, Run: func(ctx context.Context, now time.Time) error {
			_, err := d.Q.PruneLiveEvents(ctx, now.Add(-keep))
			return err
		}}},
		Close: h.hub.close,
	}
}

// streamSource names the page's stream, to start after the latest change
// the page was rendered with.
func streamSource(b *store.Batch, sessionHash []byte) web.ShellFill {
	var latest int64
	store.One(b, db.LatestLiveEventBySession, &latest, sessionHash)
	return func(shell *layout.Shell, _ calendar.Calendar) {
		shell.SetData("live", web.LiveURL+"?after="+strconv.FormatInt(latest, 10))
	}
}
