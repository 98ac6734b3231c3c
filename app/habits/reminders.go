package habits

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"ignition/app/calendar"
	"ignition/app/notifications"
	"ignition/app/store"
	"ignition/app/store/db"
)

// reminderWindow is how long after its time a reminder is still made (a
// server that was down reminds when it is back, not hours later).
const reminderWindow = 2 * time.Hour

// Remind makes the reminders whose time has come: each active habit with a
// reminder time that has passed in its user's zone today, is due and not
// done (a habit done N times a week: not done N times this week yet), gets
// one notification that day. Any number of app processes can
// run it at once: a reminder's key makes it once.
func Remind(ctx context.Context, pool *pgxpool.Pool, now time.Time) (int, error) {
	n := 0
	err := store.Tx(ctx, pool, func(q *db.Queries) error {
		rows, err := q.ListDueReminders(ctx, db.ListDueRemindersParams{At: now, WindowMinutes: int32(reminderWindow / time.Minute)})
		if err != nil {
			return err
		}
		for _, r := range rows {
			zone := calendar.Location(r.TimeZone)
			s := Schedule{Cadence: Cadence(r.Cadence), Weekdays: uint8(r.Weekdays), TimesPerWeek: int(r.TimesPerWeek), Start: calendar.Day(r.CreatedAt, zone)}
			if !s.Due(r.LocalDay) || s.Cadence == Weekly && int(r.WeekDone) >= s.TimesPerWeek {
				continue
			}
			err = notifications.Add(ctx, q, r.UserID, notifications.Notice{
				Kind: notifications.HabitReminder, Key: fmt.Sprintf("habit:%s:%s", r.ID, r.LocalDay.Format("2006-01-02")),
				Title: "Time for “" + r.Title + "”", Body: "Your reminder for today.", Href: URL(r.ID),
			})
			if err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}
