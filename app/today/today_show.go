package today

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"ignition/app/auth"
	"ignition/app/focus"
	"ignition/app/web"
	views "ignition/views/today"
)

// Handler serves the Today page.
type Handler struct {
	auth *auth.Handler
	now  func() time.Time
}

// NewHandler returns the Today handler.
func NewHandler(a *auth.Handler) *Handler { return &Handler{auth: a, now: time.Now} }

// Register adds the Today routes.
func (h *Handler) Register(e *echo.Echo) {
	e.GET("/today", h.show).Name = "today"
	e.POST("/today/dismiss", h.dismiss).Name = "today.dismiss"
}

func (h *Handler) show(c echo.Context) error {
	v := web.CurrentViewer(c)
	name := v.Name
	if name == "" {
		name = v.Email
	}
	sess, err := h.auth.Session(c)
	if err != nil {
		return err
	}
	// After a completed focus session: one calm next step, until dismissed
	// in this browser session.
	if sess.Values[focus.SoftLandingKey] != nil {
		return web.Render(c, http.StatusOK, "Today", views.SoftLanding(name, web.CSRFToken(c)))
	}
	return web.Render(c, http.StatusOK, "Today", views.Page(Greeting(web.LocalTime(c, h.now())), name))
}

// dismiss leaves the soft landing for the full page.
func (h *Handler) dismiss(c echo.Context) error {
	sess, err := h.auth.Session(c)
	if err != nil {
		return err
	}
	delete(sess.Values, focus.SoftLandingKey)
	if err := sess.Save(c.Request(), c.Response()); err != nil {
		return err
	}
	return web.Redirect(c, "/today")
}
