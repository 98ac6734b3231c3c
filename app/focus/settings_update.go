package focus

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"ignition/app/form"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/focus"
)

func (h *Handler) settingsUpdate(c echo.Context) error {
	v := web.CurrentViewer(c)
	var f views.SettingsForm
	if err := form.Bind(c, &f); err != nil {
		return err
	}
	f.Errors = form.Validate(f)
	if f.EndAction == "" {
		f.EndAction = "nothing" // a form from before the choice existed
	}
	num := func(field, value string, lo, hi int) int16 {
		n, err := strconv.Atoi(value)
		if err != nil || n < lo || n > hi {
			if f.Errors[field] == "" {
				f.Errors[field] = fmt.Sprintf("Enter a whole number from %d to %d.", lo, hi)
			}
		}
		return int16(n)
	}
	params := db.SetFocusSettingsParams{
		UserID: v.ID, FocusMinutes: num("focus_minutes", f.Focus, 1, 180), ShortBreakMinutes: num("short_break_minutes", f.Short, 1, 60),
		LongBreakMinutes: num("long_break_minutes", f.Long, 1, 120), LongBreakEvery: num("long_break_every", f.LongEvery, 2, 12),
		EndAction: f.EndAction, Chime: f.Chime == "on",
	}
	if f.Errors.Any() {
		return h.renderPage(c, http.StatusUnprocessableEntity, &f, false)
	}
	if err := h.q.SetFocusSettings(c.Request().Context(), params); err != nil {
		return fmt.Errorf("focus: unable to save the focus settings of %s: %w", v.ID, err)
	}
	return web.Redirect(c, URL+"?saved=1")
}
