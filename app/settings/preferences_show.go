package settings

import (
	"fmt"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"ignition/app/calendar"
	"ignition/app/module"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/settings"
)

func (h *Handler) preferencesShow(c echo.Context) error {
	return h.renderPage(c, http.StatusOK, nil, nil, c.QueryParam("saved"))
}

// renderWithErrors re-renders the preferences page with a rejected form,
// the other form as stored.
func (h *Handler) renderWithErrors(c echo.Context, theme views.ThemeForm, prefs *views.PreferencesForm) error {
	return h.renderPage(c, http.StatusUnprocessableEntity, &theme, prefs, "")
}

// renderPage renders the preferences page in one round trip: the forms
// given (nil ones as stored), the suggestion setting and the modules'
// sections.
func (h *Handler) renderPage(c echo.Context, status int, theme *views.ThemeForm, prefs *views.PreferencesForm, saved string) error {
	v := web.CurrentViewer(c)
	cal := web.Calendar(c)
	var b store.Batch
	var s db.GetUserSettingsRow
	var record bool
	store.One(&b, db.GetUserSettings, &s, v.ID)
	store.One(&b, db.TelemetryEnabled, &record, v.ID)
	panels := module.QueuePanels(&b, h.panels(), v.ID, cal)
	if err := b.Send(c.Request().Context(), h.pool); err != nil {
		return fmt.Errorf("settings: unable to load the settings of %s: %w", v.ID, err)
	}
	sections, err := panels()
	if err != nil {
		return fmt.Errorf("settings: unable to read a section of %s: %w", v.ID, err)
	}
	if theme == nil {
		theme = &views.ThemeForm{Theme: s.Theme}
	}
	if prefs == nil {
		f := preferencesForm(s, cal.Zone, cal.Now)
		prefs = &f
	}
	return web.Render(c, status, "Settings",
		views.Page(views.PageData{Theme: *theme, Prefs: *prefs, Record: record, Saved: saved, Zones: TimeZones, Sections: sections}))
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
