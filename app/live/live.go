// Package live tells a user's open tabs, on every device and through any
// app process, that something of theirs changed: a module announces a
// change in the transaction that makes it (live_events, NOTIFY at commit);
// each process LISTENs and sends it down the Server-Sent Events streams
// of that user's tabs, where a few lines of glue raise "live:<name>" on
// the page and htmx asks again for what it shows. The spec's polling stays
// as the fallback when a stream drops.
package live

import (
	"context"
	"fmt"

	"github.com/google/uuid"

	"ignition/app/store/db"
)

// The changes announced. A page's element that shows one listens for
// "live:<name> from:body".
const (
	Focus         = "focus"         // a focus session started, paused, resumed or ended
	Vault         = "vault"         // the vault locked
	Notifications = "notifications" // a notification was made
)

// Names lists the changes announced.
var Names = []string{Focus, Vault, Notifications}

// channel is the Postgres channel the announcements travel on.
const channel = "ignition_live"

// Announce tells the user's tabs, once q's transaction commits, that name
// changed.
func Announce(ctx context.Context, q *db.Queries, user uuid.UUID, name string) error {
	if err := q.AnnounceLive(ctx, db.AnnounceLiveParams{UserID: user, Name: name}); err != nil {
		return fmt.Errorf("live: unable to announce %s for %s: %w", name, user, err)
	}
	return nil
}
