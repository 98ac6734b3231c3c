// Package web is the HTTP plumbing every domain shares: the echo server, its
// middleware, htmx-aware rendering and the error pages.
package web

import (
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"ignition/app/calendar"
)

// Viewer is the signed-in user of a request, as pages need them.
type Viewer struct {
	ID            uuid.UUID
	Email         string
	Name          string
	Theme         string
	Zone          calendar.Zone // the user's time zone
	WeekStart     time.Weekday
	Status        string // pending, approved or denied
	AgeVerified   bool
	TermsAccepted bool
	IsAdmin       bool
	// The market cosmetics they wear ("" for none).
	Skin, Accent, Badge, Title string
	Focusing                   bool // a focus session runs, on any device
}

const (
	viewerKey    = "web.viewer"
	requestIDKey = "web.request_id"
	csrfKey      = "web.csrf"
)

// SetViewer records the signed-in user of the request.
func SetViewer(c echo.Context, v *Viewer) { c.Set(viewerKey, v) }

// CurrentViewer returns the signed-in user of the request, or nil.
func CurrentViewer(c echo.Context) *Viewer {
	v, _ := c.Get(viewerKey).(*Viewer)
	return v
}

// RequestID returns the ID the request was given for logs and error pages.
func RequestID(c echo.Context) string {
	id, _ := c.Get(requestIDKey).(string)
	return id
}

// CSRFToken returns the token forms of this request must carry.
func CSRFToken(c echo.Context) string {
	t, _ := c.Get(csrfKey).(string)
	return t
}

// Zone returns the viewer's time zone (UTC for visitors).
func Zone(c echo.Context) calendar.Zone {
	if v := CurrentViewer(c); v != nil {
		return v.Zone
	}
	return calendar.Fixed(time.UTC)
}

// LocalTime returns t in the viewer's time zone.
func LocalTime(c echo.Context, t time.Time) time.Time { return Zone(c).Local(t) }

// Midnight returns the instant a local day (a date at midnight UTC, as
// Today returns) began for the viewer.
func Midnight(c echo.Context, day time.Time) time.Time { return Zone(c).Midnight(day) }

// Today returns the viewer's day at now (see calendar.Day: the date at
// midnight UTC).
func Today(c echo.Context, now time.Time) time.Time { return Zone(c).Day(now) }
