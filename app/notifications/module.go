// Package notifications keeps what the app told the user (a habit's
// reminder, a focus session's end), shows it in the in-app panel, with the
// unread count on every page, and pushes it (Web Push) to the devices the
// user subscribed in Settings.
package notifications

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"

	"ignition/app/calendar"
	"ignition/app/live"
	"ignition/app/module"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
	"ignition/views/layout"
	views "ignition/views/notifications"
)

// URL is the notifications panel.
const URL = "/notifications"

// shown is how many notifications the panel lists.
const shown = 50

// The kinds of notification.
const (
	HabitReminder = "habit_reminder"
	FocusEnd      = "focus_end"
	WeeklySummary = "weekly_summary"
	Test          = "test" // asked for in Settings
)

// Kinds lists the kinds of notification.
var Kinds = []string{HabitReminder, FocusEnd, WeeklySummary, Test}

// Notice is one notification to make.
type Notice struct {
	Kind  string
	Key   string // what it is about: the same key is made once
	Title string
	Body  string
	Href  string // where it leads ("" for nowhere)
}

// Add records n for the user through q (the transaction of what caused
// it), to be pushed to each device the user subscribed; a notice with the
// same key already made changes nothing.
func Add(ctx context.Context, q *db.Queries, user uuid.UUID, n Notice) error {
	err := q.AddNotification(ctx, db.AddNotificationParams{UserID: user, Kind: n.Kind, Key: n.Key, Title: n.Title, Body: n.Body, Href: n.Href})
	if err != nil {
		return fmt.Errorf("notifications: unable to add %s for %s: %w", n.Key, user, err)
	}
	return live.Announce(ctx, q, user, live.Notifications)
}

// Handler serves the panel and the devices.
type Handler struct {
	pool     store.DB
	q        *db.Queries
	pusher   *Pusher
	services []string // the push services a device may use
}

// pushEvery is how often each app process pushes what is due.
const pushEvery = 5 * time.Second

// Module is the notifications panel, the bell in the top bar, the devices
// section of Settings and the pusher.
func Module(d module.Deps) module.Module {
	h := &Handler{pool: d.Pool, q: d.Q, pusher: NewPusher(d.Q, d.Config.Push, d.Logger), services: d.Config.Push.Services}
	return module.Module{
		Name: "notifications",
		Privacy: []module.Privacy{{Kind: "Notifications", Readable: []string{
			"Each notification's title and text (a reminder names its habit)",
			"For each device that gets pushes: its push service address, its public encryption keys and its browser's name"}}},
		Routes: func(r module.Router) {
			r.Private.GET(URL, h.list)
			r.Private.GET(URL+"/bell", h.bell)
			r.Private.POST(URL+"/read", h.markRead)
			r.Private.POST(DevicesURL, h.deviceAdd)
			r.Private.POST(DevicesURL+"/test", h.devicePing)
			r.Private.POST(DevicesURL+"/:id/remove", h.deviceRemove)
		},
		Commands: []module.Command{{Label: "Notifications", Keywords: "reminders alerts bell", Href: URL}},
		Shell:    []web.ShellSource{bellSource},
		Settings: []module.Panel{{Order: 10, Queue: h.devicesPanel}},
		Jobs: []module.Job{{Name: "push", Every: pushEvery, Run: func(ctx context.Context, now time.Time) error {
			n, err := h.pusher.Push(ctx, now)
			if n > 0 {
				d.Logger.Info("pushed", "notifications", n)
			}
			return err
		}}},
	}
}

// bellSource puts the bell, with the unread count, in the top bar of every
// page, read with the session.
func bellSource(b *store.Batch, sessionHash []byte) web.ShellFill {
	var unread int32
	store.One(b, db.CountUnreadBySession, &unread, sessionHash)
	return func(shell *layout.Shell, _ calendar.Calendar) {
		shell.Topbar = append(shell.Topbar, views.Bell(int(unread)))
	}
}
