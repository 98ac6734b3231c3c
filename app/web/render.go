package web

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"ignition/app/calendar"
	"ignition/app/store"
	"ignition/views/components"
	"ignition/views/layout"
)

// IsFragmentRequest reports whether the request wants only the changed part
// of a page: an htmx request that is neither a boosted navigation nor a
// history restore (those need the whole page).
func IsFragmentRequest(c echo.Context) bool {
	h := c.Request().Header
	return h.Get("HX-Request") == "true" && h.Get("HX-Boosted") != "true" && h.Get("HX-History-Restore-Request") != "true"
}

// Shell builds the page shell of the request.
func Shell(c echo.Context, title string) layout.Shell {
	mobile, _ := c.Get(mobileKey).(bool)
	s := layout.Shell{Title: title, Path: c.Request().URL.Path, DevNotice: devNotice(c), Mobile: mobile}
	if nav, ok := c.Get(navKey).(Navigation); ok {
		s.Nav, s.AdminNav, s.Tabs = nav.Items, nav.Admin, nav.Tabs
	}
	if v := CurrentViewer(c); v != nil {
		s.Celebrate, _ = celebration(c)
		if s.Celebrate.Level == 0 {
			s.Celebrate.Level = takeCelebration(c)
		}
		s.User = &layout.User{Name: v.Name, Email: v.Email}
		s.Theme = v.Theme
		s.Admin = v.IsAdmin
		fills, _ := c.Get(shellKey).([]ShellFill)
		for _, fill := range fills {
			fill(&s, Calendar(c))
		}
	}
	return s
}

// ShellSource is how a module shows something around every page for the
// signed-in user (an indicator in the bottom bar, what they wear): it
// queues its read, keyed by the session token's hash, in the round trip
// that loads the session, and returns what fills the shell once it is sent.
type ShellSource func(b *store.Batch, sessionHash []byte) ShellFill

// ShellFill adds a module's part to a page's shell, as of the request's
// calendar.
type ShellFill func(*layout.Shell, calendar.Calendar)

const shellKey = "web.shell"

// SetShell records what the modules read for the request's shell.
func SetShell(c echo.Context, fills []ShellFill) { c.Set(shellKey, fills) }

// Navigation is the app's sidebar: every module's entries, in order.
type Navigation struct {
	Items []layout.NavItem
	Admin []layout.NavItem // shown to administrators below the others
	Tabs  []layout.NavItem // the phone's tab bar
}

const navKey = "web.nav"

// WithNavigation is middleware that gives every page the app's navigation.
func WithNavigation(nav Navigation) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			c.Set(navKey, nav)
			return next(c)
		}
	}
}

// Render answers with content: alone for a fragment request, inside the
// application shell otherwise.
func Render(c echo.Context, status int, title string, content templ.Component) error {
	// A level reached shows with a success, never on an error's page.
	if IsFragmentRequest(c) {
		if cel, ok := celebration(c); ok && status < http.StatusBadRequest {
			content = templ.Join(content, layout.CelebrationOOB(cel))
		}
		return write(c, status, content)
	}
	s := Shell(c, title)
	if status >= http.StatusBadRequest {
		s.Celebrate = layout.Celebration{}
	}
	return write(c, status, layout.Page(s, content))
}

// RenderBare is Render for pages without navigation (sign-in, errors for
// visitors).
func RenderBare(c echo.Context, status int, title string, content templ.Component) error {
	if IsFragmentRequest(c) {
		return write(c, status, content)
	}
	return write(c, status, layout.Bare(Shell(c, title), content))
}

// Redirect sends the browser to url (with a level a reward reached, for
// the page there to show): htmx follows HX-Redirect, a plain
// request gets 303 See Other. A boosted request also gets HX-Redirect when
// url has a fragment: the fetch behind boosting would follow a 303 and
// drop the fragment, so the page would not land where url points.
func Redirect(c echo.Context, url string) error {
	if err := keepCelebration(c); err != nil {
		return err
	}
	h := c.Request().Header
	if h.Get("HX-Request") == "true" && (h.Get("HX-Boosted") != "true" || strings.Contains(url, "#")) {
		c.Response().Header().Set("HX-Redirect", url)
		return c.NoContent(http.StatusNoContent)
	}
	return c.Redirect(http.StatusSeeOther, url)
}

// buffers holds render buffers for reuse across requests.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// write renders the whole component before sending it, so a render error
// still gets a proper error page and the response goes out in one write.
func write(c echo.Context, status int, component templ.Component) error {
	buf := buffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer buffers.Put(buf)
	if err := component.Render(components.WithCSRF(c.Request().Context(), CSRFToken(c)), buf); err != nil {
		return fmt.Errorf("web: unable to render: %w", err)
	}
	h := c.Response().Header()
	h.Add(echo.HeaderVary, "HX-Request")
	h.Add(echo.HeaderVary, "HX-Boosted")
	h.Add(echo.HeaderVary, "HX-History-Restore-Request")
	h.Set("Cache-Control", "no-store")
	return c.HTMLBlob(status, buf.Bytes())
}

const devNoticeKey = "web.dev_notice"

func devNotice(c echo.Context) bool {
	on, _ := c.Get(devNoticeKey).(bool)
	return on
}

// LocalPath returns p when it is a path on this site, or fallback: a
// return address taken from a form must never lead off-site.
func LocalPath(p, fallback string) string {
	if len(p) == 0 || p[0] != '/' || len(p) > 1 && (p[1] == '/' || p[1] == '\\') {
		return fallback
	}
	for _, r := range p {
		if r < 0x20 || r == 0x7f {
			return fallback
		}
	}
	if u, err := url.Parse(p); err != nil || u.Scheme != "" || u.Host != "" {
		return fallback
	}
	return p
}

// MobilePrefix serves any page in the mobile shell (the phone's tab bar at
// any width): /m/today is /today's handler with that shell.
const MobilePrefix = "/m"

const mobileKey = "web.mobile"

// mobileShell routes /m/<path> to <path>, noting that the page wants the
// mobile shell.
func mobileShell(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if rest, ok := strings.CutPrefix(r.URL.Path, MobilePrefix+"/"); ok || r.URL.Path == MobilePrefix {
			r.URL.Path, r.URL.RawPath = "/"+rest, ""
			c.Set(mobileKey, true)
		}
		return next(c)
	}
}
