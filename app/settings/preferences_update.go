package settings

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/labstack/echo/v4"

	"ignition/app/calendar"
	"ignition/app/form"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/settings"
)

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
	zone := v.Zone
	if !f.Errors.Any() {
		ctx := c.Request().Context()
		err := store.Tx(ctx, h.pool, func(q *db.Queries) error {
			var err error
			if zone, err = changeZone(ctx, q, v.ID, f.TimeZone, web.Calendar(c).Now); err != nil {
				return err
			}
			return q.SetPreferences(ctx, db.SetPreferencesParams{
				UserID: v.ID, TimeZone: f.TimeZone, PreviousTimeZone: previousName(zone), TimeZoneSwitch: pgtype.Timestamptz{Time: zone.Switch, Valid: !zone.Switch.IsZero()},
				WeekStart: int16(f.WeekStart[0] - '0'), Daw: f.DAW, Os: f.OS,
				NotifyReminders: f.NotifyReminders == "on", NotifyFocusEnd: f.NotifyFocusEnd == "on", NotifyWeeklySummary: f.NotifyWeeklySummary == "on",
			})
		})
		var settling calendar.ErrSettling
		switch {
		case errors.As(err, &settling):
			f.Errors["time_zone"] = "Your last change of time zone is still taking effect. You can change it again from " +
				settling.Until.In(zone.Current).Format("15:04 on Mon 2 Jan") + " (" + zone.Current.String() + " time)."
		case err != nil:
			return fmt.Errorf("settings: unable to save preferences of %s: %w", v.ID, err)
		}
	}
	f.ZoneNote = zoneNote(zone, web.Calendar(c).Now)
	if f.Errors.Any() {
		if web.IsFragmentRequest(c) {
			return web.Render(c, http.StatusUnprocessableEntity, "Settings", f.Render(false, TimeZones))
		}
		return h.renderWithErrors(c, views.ThemeForm{Theme: v.Theme}, &f)
	}
	if web.IsFragmentRequest(c) {
		return web.Render(c, http.StatusOK, "Settings", f.Render(true, TimeZones))
	}
	return web.Redirect(c, URL+"?saved=preferences")
}

// changeZone applies the calendar's rule for a change of time zone to the
// user's stored zone, locked for the transaction: a user who has never
// earned anything changes at once.
func changeZone(ctx context.Context, q *db.Queries, userID uuid.UUID, name string, now time.Time) (calendar.Zone, error) {
	if err := q.EnsureSettings(ctx, userID); err != nil {
		return calendar.Zone{}, err
	}
	row, err := q.LockZone(ctx, userID)
	if err != nil {
		return calendar.Zone{}, err
	}
	stored := calendar.Fixed(calendar.Location(row.TimeZone))
	if row.PreviousTimeZone.Valid && row.TimeZoneSwitch.Valid {
		stored.Previous, stored.Switch = calendar.Location(row.PreviousTimeZone.String), row.TimeZoneSwitch.Time
	}
	return stored.Change(calendar.Location(name), now, !row.HasEarned)
}

// previousName is the stored name of the zone in force before the switch.
func previousName(z calendar.Zone) pgtype.Text {
	if z.Previous == nil || z.Switch.IsZero() {
		return pgtype.Text{}
	}
	return pgtype.Text{String: z.Previous.String(), Valid: true}
}

// zoneNote tells the user how a change of time zone still takes effect.
func zoneNote(z calendar.Zone, now time.Time) string {
	const when = "15:04 on Mon 2 Jan"
	switch {
	case z.Pending(now):
		return fmt.Sprintf("Your days follow %s until midnight there (%s %s time); from then on, %s.",
			z.Previous, z.Switch.In(z.Current).Format(when), z.Current, z.Current)
	case now.Before(z.Settled()):
		return fmt.Sprintf("Your day goes on until %s reaches it at midnight (%s %s time).", z.Current, z.Settled().In(z.Current).Format(when), z.Current)
	}
	return ""
}
