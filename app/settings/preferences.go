package settings

import (
	"fmt"
	"net/http"
	"slices"

	"github.com/labstack/echo/v4"

	"ignition/app/form"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/settings"
)

func (h *Handler) preferencesShow(c echo.Context) error {
	v := web.CurrentViewer(c)
	s, err := h.q.GetUserSettings(c.Request().Context(), v.ID)
	if err != nil {
		return fmt.Errorf("settings: unable to load settings of %s: %w", v.ID, err)
	}
	record, err := h.q.TelemetryEnabled(c.Request().Context(), v.ID)
	if err != nil {
		return fmt.Errorf("settings: unable to load suggestion recording of %s: %w", v.ID, err)
	}
	return web.Render(c, http.StatusOK, "Settings",
		views.Page(views.ThemeForm{Theme: s.Theme}, preferencesForm(s), record, c.QueryParam("saved"), TimeZones, web.CSRFToken(c)))
}

// suggestionsUpdate turns the recording of what Today suggests, and what
// the user picks, on or off.
func (h *Handler) suggestionsUpdate(c echo.Context) error {
	v := web.CurrentViewer(c)
	on := c.FormValue("record") == "on"
	if err := h.q.SetDecisionTelemetry(c.Request().Context(), db.SetDecisionTelemetryParams{UserID: v.ID, DecisionTelemetry: on}); err != nil {
		return fmt.Errorf("settings: unable to save suggestion recording of %s: %w", v.ID, err)
	}
	return web.Redirect(c, "/settings?saved=suggestions")
}

func (h *Handler) themeUpdate(c echo.Context) error {
	v := web.CurrentViewer(c)
	var f views.ThemeForm
	if err := form.Bind(c, &f); err != nil {
		return err
	}
	if f.Errors = form.Validate(f); f.Errors.Any() {
		return h.renderWithErrors(c, f, nil)
	}
	if err := h.q.SetTheme(c.Request().Context(), db.SetThemeParams{UserID: v.ID, Theme: f.Theme}); err != nil {
		return fmt.Errorf("settings: unable to set theme of %s: %w", v.ID, err)
	}
	return web.Redirect(c, web.LocalPath(f.ReturnTo, "/settings?saved=theme"))
}

func (h *Handler) preferencesUpdate(c echo.Context) error {
	v := web.CurrentViewer(c)
	var f views.PreferencesForm
	if err := form.Bind(c, &f); err != nil {
		return err
	}
	f.Errors = form.Validate(f)
	if f.TimeZone != "" && !slices.Contains(TimeZones, f.TimeZone) {
		f.Errors["time_zone"] = "Choose a time zone from the list."
	}
	if f.Errors.Any() {
		if web.IsFragmentRequest(c) {
			return web.Render(c, http.StatusUnprocessableEntity, "Settings", f.Render(false, TimeZones, web.CSRFToken(c)))
		}
		return h.renderWithErrors(c, views.ThemeForm{Theme: v.Theme}, &f)
	}
	err := h.q.SetPreferences(c.Request().Context(), db.SetPreferencesParams{
		UserID: v.ID, TimeZone: f.TimeZone, WeekStart: int16(f.WeekStart[0] - '0'), Daw: f.DAW, Os: f.OS,
		NotifyReminders: f.NotifyReminders == "on", NotifyFocusEnd: f.NotifyFocusEnd == "on", NotifyWeeklySummary: f.NotifyWeeklySummary == "on",
	})
	if err != nil {
		return fmt.Errorf("settings: unable to save preferences of %s: %w", v.ID, err)
	}
	if web.IsFragmentRequest(c) {
		return web.Render(c, http.StatusOK, "Settings", f.Render(true, TimeZones, web.CSRFToken(c)))
	}
	return web.Redirect(c, "/settings?saved=preferences")
}

// renderWithErrors re-renders the preferences page with a rejected form,
// the other form as stored.
func (h *Handler) renderWithErrors(c echo.Context, theme views.ThemeForm, prefs *views.PreferencesForm) error {
	if prefs == nil {
		s, err := h.q.GetUserSettings(c.Request().Context(), web.CurrentViewer(c).ID)
		if err != nil {
			return fmt.Errorf("settings: unable to load settings: %w", err)
		}
		f := preferencesForm(s)
		prefs = &f
	}
	record, err := h.q.TelemetryEnabled(c.Request().Context(), web.CurrentViewer(c).ID)
	if err != nil {
		return fmt.Errorf("settings: unable to load suggestion recording: %w", err)
	}
	return web.Render(c, http.StatusUnprocessableEntity, "Settings", views.Page(theme, *prefs, record, "", TimeZones, web.CSRFToken(c)))
}

// preferencesForm fills the form from the stored settings.
func preferencesForm(s db.GetUserSettingsRow) views.PreferencesForm {
	return views.PreferencesForm{
		TimeZone: s.TimeZone, WeekStart: fmt.Sprint(s.WeekStart), DAW: s.Daw, OS: s.Os,
		NotifyReminders: on(s.NotifyReminders), NotifyFocusEnd: on(s.NotifyFocusEnd), NotifyWeeklySummary: on(s.NotifyWeeklySummary),
	}
}

func on(b bool) string {
	if b {
		return "on"
	}
	return ""
}
