package settings

import (
	"fmt"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"ignition/app/calendar"
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
		views.Page(views.PageData{Theme: views.ThemeForm{Theme: s.Theme}, Prefs: preferencesForm(s, v.Zone, web.Calendar(c).Now), Record: record, Saved: c.QueryParam("saved"), Zones: TimeZones}))
}

// renderWithErrors re-renders the preferences page with a rejected form,
// the other form as stored.
func (h *Handler) renderWithErrors(c echo.Context, theme views.ThemeForm, prefs *views.PreferencesForm) error {
	if prefs == nil {
		s, err := h.q.GetUserSettings(c.Request().Context(), web.CurrentViewer(c).ID)
		if err != nil {
			return fmt.Errorf("settings: unable to load settings: %w", err)
		}
		f := preferencesForm(s, web.Calendar(c).Zone, web.Calendar(c).Now)
		prefs = &f
	}
	record, err := h.q.TelemetryEnabled(c.Request().Context(), web.CurrentViewer(c).ID)
	if err != nil {
		return fmt.Errorf("settings: unable to load suggestion recording: %w", err)
	}
	return web.Render(c, http.StatusUnprocessableEntity, "Settings", views.Page(views.PageData{Theme: theme, Prefs: *prefs, Record: record, Saved: "", Zones: TimeZones}))
}

// preferencesForm fills the form from the stored settings.
func preferencesForm(s db.GetUserSettingsRow, zone calendar.Zone, now time.Time) views.PreferencesForm {
	return views.PreferencesForm{
		TimeZone: s.TimeZone, WeekStart: fmt.Sprint(s.WeekStart), DAW: s.Daw, OS: s.Os, ZoneNote: zoneNote(zone, now),
		NotifyReminders: on(s.NotifyReminders), NotifyFocusEnd: on(s.NotifyFocusEnd), NotifyWeeklySummary: on(s.NotifyWeeklySummary),
	}
}

func on(b bool) string {
	if b {
		return "on"
	}
	return ""
}
