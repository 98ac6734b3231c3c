// Package web is the HTTP plumbing every domain shares: the echo server, its
// middleware, htmx-aware rendering and the error pages.
package web

import (
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"
)

// Viewer is the signed-in user of a request, as pages need them.
type Viewer struct {
	ID            uuid.UUID
	Email         string
	Name          string
	Theme         string
	Location      *time.Location // the user's time zone
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

// LocalTime returns t in the viewer's time zone (UTC for visitors).
func LocalTime(c echo.Context, t time.Time) time.Time {
	if v := CurrentViewer(c); v != nil && v.Location != nil {
		return t.In(v.Location)
	}
	return t.UTC()
}

// Midnight returns the instant a local day (a date at midnight UTC, as
// Today returns) begins in the viewer's time zone.
func Midnight(c echo.Context, day time.Time) time.Time {
	loc := time.UTC
	if v := CurrentViewer(c); v != nil && v.Location != nil {
		loc = v.Location
	}
	return time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, loc)
}

// Today returns the viewer's current local day (see habits.LocalDay: the
// date at midnight UTC).
func Today(c echo.Context, now time.Time) time.Time {
	y, m, d := LocalTime(c, now).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
