package settings_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/jackc/pgx/v5"

	"ignition/app/apptest"
	"ignition/app/settings"
)

func TestPreferencesSaveAndReject(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("prefs@example.com", "")
	page := c.Get("/settings").Do().AssertStatus(http.StatusOK)
	if v, _ := page.Attr("#time-zone option[selected]", "value"); v != "UTC" {
		t.Errorf("default time zone = %q, want UTC", v)
	}
	if _, on := page.Attr(`input[name="notify_reminders"]`, "checked"); !on {
		t.Error("reminders are off by default")
	}

	c.Post("/settings/preferences").Form("time_zone", "Europe/Berlin", "week_start", "0", "daw", "ableton", "os", "macos",
		"notify_weekly_summary", "on").Do().AssertRedirect("/settings?saved=preferences")
	page = c.Get("/settings?saved=preferences").Do()
	page.AssertText(`#preferences [role="status"]`, "Preferences saved.")
	for sel, want := range map[string]string{"#time-zone": "Europe/Berlin", "#week-start": "0", "#daw": "ableton", "#os": "macos"} {
		if v, _ := page.Attr(sel+" option[selected]", "value"); v != want {
			t.Errorf("%s = %q, want %q", sel, v, want)
		}
	}
	if _, on := page.Attr(`input[name="notify_reminders"]`, "checked"); on {
		t.Error("an unticked box was saved as on")
	}
	if _, on := page.Attr(`input[name="notify_weekly_summary"]`, "checked"); !on {
		t.Error("a ticked box was saved as off")
	}

	bad := c.Post("/settings/preferences").HTMX().Form("time_zone", "Mars/Olympus", "week_start", "3", "daw", "ableton", "os", "beos").Do()
	bad.AssertStatus(http.StatusUnprocessableEntity)
	bad.AssertText("#time-zone-error", "Choose a time zone")
	bad.AssertText("#week-start-error", "Choose one of the offered options")
	bad.AssertText("#os-error", "Choose one of the offered options")
	if v, _ := bad.Attr("#daw option[selected]", "value"); v != "ableton" {
		t.Error("the rejected form lost a valid choice")
	}
	if page := c.Get("/settings").Do(); page.Doc().Find(`#time-zone option[selected][value="Europe/Berlin"]`).Length() != 1 {
		t.Error("a rejected form changed the stored preferences")
	}
}

func TestSessionsListAndRevoke(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	laptop := env.SignIn("devices@example.com", "")
	phone := env.SignIn("devices@example.com", "")
	stranger := env.SignIn("stranger@example.com", "")

	page := laptop.Get("/settings/security").Do().AssertStatus(http.StatusOK)
	rows := page.Doc().Find("#sessions li")
	if rows.Length() != 2 {
		t.Fatalf("sessions listed = %d, want 2", rows.Length())
	}
	if page.Doc().Find("#sessions .badge").Length() != 1 {
		t.Fatal("the current session is not marked exactly once")
	}
	other := rows.FilterFunction(func(_ int, s *goquery.Selection) bool { return s.Find(".badge").Length() == 0 })
	id := strings.TrimPrefix(other.AttrOr("id", ""), "session-")
	if id == "" {
		t.Fatal("no other session listed")
	}
	strangerID := strings.TrimPrefix(stranger.Get("/settings/security").Do().Doc().Find("#sessions li").AttrOr("id", ""), "session-")

	// Another user's session is not ours to end.
	laptop.Post("/settings/sessions/" + strangerID + "/revoke").Do().AssertStatus(http.StatusNotFound)
	laptop.Post("/settings/sessions/not-a-uuid/revoke").Do().AssertStatus(http.StatusNotFound)
	stranger.Get("/today").Do().AssertStatus(http.StatusOK)

	laptop.Post("/settings/sessions/" + id + "/revoke").Do().AssertRedirect("/settings/security?done=revoked")
	phone.Get("/today").Do().AssertRedirect("/signin")
	laptop.Get("/today").Do().AssertStatus(http.StatusOK)
	laptop.Get("/settings/security?done=revoked").Do().AssertText(`[role="status"]`, "Session signed out.")
}

func TestExportHoldsEverythingButSecrets(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("export@example.com", "Exporter")
	c.Post("/settings/preferences").Form("time_zone", "Asia/Tokyo", "week_start", "1").Do()
	env.SignIn("other@example.com", "Other")
	resp := c.Get("/settings/account/export").Do().AssertStatus(http.StatusOK)
	if !strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") {
		t.Error("the export is not a download")
	}
	var export struct {
		Format string                      `json:"format"`
		User   map[string]any              `json:"user"`
		Tables map[string][]map[string]any `json:"tables"`
	}
	if err := json.Unmarshal(resp.Body, &export); err != nil {
		t.Fatal(err)
	}
	if export.Format != "ignition-export/1" || export.User["email"] != "export@example.com" {
		t.Fatalf("export = %+v", export)
	}
	if tz := export.Tables["user_settings"]; len(tz) != 1 || tz[0]["time_zone"] != "Asia/Tokyo" {
		t.Errorf("settings not exported: %v", tz)
	}
	sessions := export.Tables["sessions"]
	if len(sessions) != 1 {
		t.Fatalf("exported %d sessions, want this user's 1", len(sessions))
	}
	if _, leaked := sessions[0]["id_hash"]; leaked {
		t.Error("the export holds session keys")
	}
	if strings.Contains(string(resp.Body), "other@example.com") {
		t.Error("the export holds another user's data")
	}
}

// ownedRows counts the rows of userID in every table that has a user_id
// column, and the user row itself.
func ownedRows(t *testing.T, env *apptest.Env, userID string) int {
	t.Helper()
	rows, err := env.Pool.Query(t.Context(), `SELECT table_name FROM information_schema.columns
		WHERE table_schema = 'public' AND column_name = 'user_id'`)
	if err != nil {
		t.Fatal(err)
	}
	tables, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil || len(tables) < 3 {
		t.Fatalf("tables with user_id: %v (%v)", tables, err)
	}
	total := 0
	for _, table := range tables {
		var n int
		if err := env.Pool.QueryRow(t.Context(), "SELECT count(*) FROM "+pgx.Identifier{table}.Sanitize()+" WHERE user_id = $1", userID).Scan(&n); err != nil {
			t.Fatal(err)
		}
		total += n
	}
	var users int
	if err := env.Pool.QueryRow(t.Context(), "SELECT count(*) FROM users WHERE id = $1", userID).Scan(&users); err != nil {
		t.Fatal(err)
	}
	return total + users
}

func TestDeleteAccountNeedsStepUpAndConfirmation(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("leaver@example.com", "Leaver")
	c.Post("/settings/preferences").Form("time_zone", "UTC", "week_start", "1").Do()
	keeper := env.SignIn("keeper@example.com", "Keeper")
	var userID string
	if err := env.Pool.QueryRow(t.Context(), "SELECT id::text FROM users WHERE email = 'leaver@example.com'").Scan(&userID); err != nil {
		t.Fatal(err)
	}

	// A sign-in older than five minutes must be confirmed again.
	if _, err := env.Pool.Exec(t.Context(), `UPDATE sessions SET data = convert_to(jsonb_set(convert_from(data, 'UTF8')::jsonb,
		'{authenticated_at}', '"1000"')::text, 'UTF8') WHERE user_id = $1`, userID); err != nil {
		t.Fatal(err)
	}
	stale := c.Get("/settings/account").Do().AssertStatus(http.StatusOK)
	stale.AssertText("#delete-account .alert", "confirm it's you")
	if href, _ := stale.Attr(`#delete-account a.btn`, "href"); href != "/signin?next=%2Fsettings%2Faccount" {
		t.Errorf("re-authentication link = %q", href)
	}
	c.Post("/settings/account/delete").Form("confirm", "leaver@example.com").Do().AssertStatus(http.StatusForbidden)
	if ownedRows(t, env, userID) == 0 {
		t.Fatal("deleted without a fresh sign-in")
	}

	// Signing in again (here, the development sign-in) makes it fresh.
	c.Post("/signin/dev").Form("email", "leaver@example.com", "next", "/settings/account").Do().AssertRedirect("/settings/account")
	if err := env.Pool.QueryRow(t.Context(), "SELECT id::text FROM users WHERE email = 'leaver@example.com'").Scan(&userID); err != nil {
		t.Fatal(err)
	}
	wrong := c.Post("/settings/account/delete").Form("confirm", "someone@example.com").Do().AssertStatus(http.StatusUnprocessableEntity)
	wrong.AssertText("#delete-confirm-error", "Nothing was deleted")
	if v, _ := wrong.Attr("#delete-confirm", "value"); v != "someone@example.com" {
		t.Error("the typed confirmation was lost")
	}
	before := ownedRows(t, env, userID)
	if before < 3 {
		t.Fatalf("expected the user to own rows before deletion, found %d", before)
	}

	c.Post("/settings/account/delete").Form("confirm", "LEAVER@example.com").Do().AssertRedirect("/signin?deleted=1")
	if n := ownedRows(t, env, userID); n != 0 {
		t.Fatalf("%d rows of the deleted user remain", n)
	}
	c.Get("/today").Do().AssertRedirect("/signin")
	c.Get("/signin?deleted=1").Do().AssertText(`[role="status"]`, "deleted")
	keeper.Get("/today").Do().AssertStatus(http.StatusOK)
}

func TestTimesShowInTheUsersTimeZone(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("tz@example.com", "")
	c.Post("/settings/preferences").Form("time_zone", "Asia/Kolkata", "week_start", "1").Do().AssertRedirect("/settings?saved=preferences")
	c.Get("/settings/security").Do().AssertText("#sessions .muted", "IST")
}

// TestZoneChangeAcrossTheDateLinePaysOnce: a user in Kiritimati (UTC+14)
// who has done today's habit and claimed today's quest moves to Pago Pago
// (UTC-11), where it is still yesterday. The change waits for Kiritimati's
// midnight, so neither pays again in the same real day; the settings page
// says so; changing back cancels it.
func TestZoneChangeAcrossTheDateLinePaysOnce(t *testing.T) {
	t.Parallel()
	kiritimati, _ := time.LoadLocation("Pacific/Kiritimati")
	now := time.Now().In(kiritimati)
	if untilMidnight := time.Date(now.Year(), now.Month(), now.Day()+1, 0, 0, 0, 0, kiritimati).Sub(now); untilMidnight < 20*time.Second {
		time.Sleep(untilMidnight + time.Second) // do not straddle the midnight the change waits for
	}
	env := apptest.New(t)
	c := env.SignIn("traveller@example.com", "")
	prefs := func(zone string) *apptest.Response {
		return c.Post("/settings/preferences").Form("time_zone", zone, "week_start", "1").Do()
	}
	prefs("Pacific/Kiritimati").AssertRedirect("/settings?saved=preferences") // nothing earned yet: at once
	c.Post("/habits").Form("title", "Practice", "cadence", "daily", "skill", "proficiency").Do().AssertStatus(http.StatusSeeOther)
	var habit string
	if err := env.Pool.QueryRow(t.Context(), "SELECT id::text FROM habits").Scan(&habit); err != nil {
		t.Fatal(err)
	}
	c.Post("/habits/" + habit + "/complete").Do().AssertRedirect("/habits")
	c.Post("/quests/daily-intention/advance").Do()
	c.Post("/quests/daily-intention/claim").Do().AssertStatus(http.StatusSeeOther)
	paid := func() int {
		var n int
		if err := env.Pool.QueryRow(t.Context(), "SELECT count(*) FROM ledger_entries").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := paid()

	prefs("Pacific/Pago_Pago").AssertRedirect("/settings?saved=preferences")
	page := c.Get("/settings").Do()
	page.AssertText("#time-zone-note", "Your days follow Pacific/Kiritimati until midnight there")
	if v, _ := page.Attr("#time-zone option[selected]", "value"); v != "Pacific/Pago_Pago" {
		t.Errorf("the chosen zone shows as %q", v)
	}
	c.Get("/habits").Do().AssertText("#habit-"+habit+" .badge", "Done today")
	c.Post("/habits/" + habit + "/complete").Do()
	c.Post("/quests/daily-intention/advance").Do()
	c.Post("/quests/daily-intention/claim").Do()
	if got := paid(); got != before {
		t.Errorf("after moving to Pago Pago the same day paid %d more times", got-before)
	}

	prefs("Pacific/Kiritimati").AssertRedirect("/settings?saved=preferences")
	if c.Get("/settings").Do().Doc().Find("#time-zone-note").Length() != 0 {
		t.Error("changing back left a pending change")
	}
}

// TestNoPasskeyButtonWherePasskeysCannotWork: served at an IP address the
// security page explains, and offers no button that cannot work.
func TestNoPasskeyButtonWherePasskeysCannotWork(t *testing.T) {
	t.Parallel()
	env := apptest.New(t, apptest.With("IGNITION_BASE_URL", "http://127.0.0.1:8080"))
	page := env.SignIn("ip@example.com", "").Get(settings.SecurityURL).Do().AssertStatus(http.StatusOK)
	page.AssertText(".alert-warn", "domain name")
	if page.Doc().Find(`[data-passkey="register"]`).Length() != 0 {
		t.Error("the page offers to add a passkey it cannot register")
	}
	served := apptest.New(t) // at localhost
	if served.SignIn("domain@example.com", "").Get(settings.SecurityURL).Do().Doc().Find(`[data-passkey="register"]`).Length() != 1 {
		t.Error("at a domain name the page offers no passkey")
	}
}
