// Package web is the HTTP plumbing every domain shares: the echo server, its
// middleware, htmx-aware rendering and the error pages.
package web

import (
	"errors"
	"time"

	"github.com/google/uuid"
	"github.com/gorilla/sessions"
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
}

// DisplayName is how pages address the viewer: their name, or their email
// without one.
func (v *Viewer) DisplayName() string {
	if v.Name != "" {
		return v.Name
	}
	return v.Email
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

const calendarKey = "web.calendar"

// Calendar returns the viewer's calendar for this request (UTC and Monday
// weeks for visitors), built once from their preferences and the clock.
func Calendar(c echo.Context) calendar.Calendar {
	if cal, ok := c.Get(calendarKey).(calendar.Calendar); ok {
		return cal
	}
	cal := calendar.New(time.Now(), calendar.Fixed(time.UTC), time.Monday)
	if v := CurrentViewer(c); v != nil {
		cal = calendar.New(cal.Now, v.Zone, v.WeekStart)
	}
	c.Set(calendarKey, cal)
	return cal
}

// LocalTime returns t in the viewer's time zone.
func LocalTime(c echo.Context, t time.Time) time.Time { return Calendar(c).Local(t) }

const sessionKey = "web.session"

// SetSession records the request's session, loaded once at its start.
func SetSession(c echo.Context, s *sessions.Session) { c.Set(sessionKey, s) }

// Session returns the request's session; routes that read none (assets,
// health) have none.
func Session(c echo.Context) (*sessions.Session, error) {
	s, ok := c.Get(sessionKey).(*sessions.Session)
	if !ok {
		return nil, errNoSession
	}
	return s, nil
}

var errNoSession = errors.New("web: this route reads no session")

// RequireAdmin answers 404 to anyone but an administrator, as if the route
// did not exist.
func RequireAdmin(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if v := CurrentViewer(c); v == nil || !v.IsAdmin {
			return echo.ErrNotFound
		}
		return next(c)
	}
}
