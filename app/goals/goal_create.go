package goals

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"ignition/app/store/db"
	"ignition/app/web"
)

func (h *Handler) create(c echo.Context) error {
	v := web.CurrentViewer(c)
	f, deadline, err := bindGoal(c)
	if err != nil {
		return err
	}
	// A goal starts with its deadline ahead (an edit may keep one passed).
	if deadline.Valid && deadline.Time.Before(web.Calendar(c).Today) && f.Errors["deadline"] == "" {
		f.Errors["deadline"] = "That day has passed: choose today or a later day."
	}
	if f.Errors.Any() {
		return h.renderList(c, http.StatusUnprocessableEntity, f)
	}
	g, err := h.q.CreateGoal(c.Request().Context(), db.CreateGoalParams{
		UserID: v.ID, Title: f.Title, Description: f.Description, Category: f.Category, Deadline: deadline,
	})
	if err != nil {
		return fmt.Errorf("goals: unable to create goal for %s: %w", v.ID, err)
	}
	return web.Redirect(c, URL(g.ID))
}
