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
	s := layout.Shell{Title: title, CSRF: CSRFToken(c), Path: c.Request().URL.Path, DevNotice: devNotice(c)}
	if v := CurrentViewer(c); v != nil {
		s.User = &layout.User{Name: v.Name, Email: v.Email}
		s.Theme = v.Theme
		s.Admin = v.IsAdmin
		s.Skin, s.Accent = v.Skin, v.Accent
		s.User.Badge, s.User.Title = v.Badge, v.Title
	}
	return s
}

// bottomBarKey is where BottomBar leaves what renders the bar's indicators.
const bottomBarKey = "web.bottom_bar"

// BottomBar is middleware through which a domain renders the bottom bar's
// indicators (a running focus session) with every full page, instead of
// the page asking for them once it has loaded. indicators returns nil when
// there is nothing to show.
func BottomBar(indicators func(echo.Context) (templ.Component, error)) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			c.Set(bottomBarKey, indicators)
			return next(c)
		}
	}
}

// Render answers with content: alone for a fragment request, inside the
// application shell otherwise.
func Render(c echo.Context, status int, title string, content templ.Component) error {
	if IsFragmentRequest(c) {
		return write(c, status, content)
	}
	s := Shell(c, title)
	if indicators, ok := c.Get(bottomBarKey).(func(echo.Context) (templ.Component, error)); ok && s.User != nil {
		// Without its indicators the page is still what was asked for:
		// the bar fills itself on its next poll.
		if bar, err := indicators(c); err == nil {
			s.BottomBar = bar
		}
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

// Redirect sends the browser to url: htmx follows HX-Redirect, a plain
// request gets 303 See Other. A boosted request also gets HX-Redirect when
// url has a fragment: the fetch behind boosting would follow a 303 and
// drop the fragment, so the page would not land where url points.
func Redirect(c echo.Context, url string) error {
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
	if err := component.Render(c.Request().Context(), buf); err != nil {
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
