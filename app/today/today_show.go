package today

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"ignition/app/web"
	views "ignition/views/today"
)

// Handler serves the Today page.
type Handler struct {
	now func() time.Time
}

// NewHandler returns the Today handler.
func NewHandler() *Handler { return &Handler{now: time.Now} }

// Register adds the Today routes.
func (h *Handler) Register(e *echo.Echo) {
	e.GET("/today", h.show).Name = "today"
}

func (h *Handler) show(c echo.Context) error {
	v := web.CurrentViewer(c)
	name := v.Name
	if name == "" {
		name = v.Email
	}
	return web.Render(c, http.StatusOK, "Today", views.Page(Greeting(web.LocalTime(c, h.now())), name))
}
