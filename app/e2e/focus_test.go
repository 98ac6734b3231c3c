//go:build !fast

package e2e

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/playwright-community/playwright-go"
)

func TestFocusSharedAcrossDevicesAndSoftLanding(t *testing.T) {
	t.Parallel() // it mostly waits on polls and the server's clock, beside the other waiting tests
	app := startApp(t)
	laptop := app.NewTab(t)
	laptop.SignIn("flow@example.com", "Flo")
	phone := app.NewPhoneTab(t)
	phone.SignIn("flow@example.com", "")
	phone.Visit("/habits")

	laptop.Click(`.sidebar a:has-text("Focus")`)
	laptop.WaitForPath("/focus")
	laptop.Click(`#focus-panel button:has-text("Focus · 25 min")`)
	laptop.WaitForPath("/focus")
	laptop.ExpectText("#focus-left", "left · ends")
	if n, _ := laptop.Page.Locator(".ring-progress animate").Count(); n != 1 {
		t.Error("the ring does not run")
	}

	// The phone, on another page, learns of it through the bottom bar's poll (every 30 s).
	if err := expect.Locator(phone.Page.Locator("#bottombar .focus-indicator")).ToContainText("Focus ·", playwright.LocatorAssertionsToContainTextOptions{Timeout: playwright.Float(float64(35 * time.Second / time.Millisecond))}); err != nil {
		t.Fatalf("the phone never showed the session: %v", err)
	}
	phone.Click("#bottombar .focus-indicator")
	phone.WaitForPath("/focus")
	phone.Click(`#focus-panel button:has-text("Pause")`)
	phone.WaitForPath("/focus")
	phone.ExpectText("#focus-left", "Paused")

	// The laptop's panel refreshes itself (every 30 s) and shows the pause.
	if err := expect.Locator(laptop.Page.Locator("#focus-left")).ToContainText("Paused", playwright.LocatorAssertionsToContainTextOptions{Timeout: playwright.Float(35000)}); err != nil {
		t.Fatalf("the laptop never showed the pause: %v", err)
	}
	laptop.Click(`#focus-panel button:has-text("Resume")`)
	laptop.WaitForPath("/focus")

	// Twenty-five minutes later the first page to look ends it (the server
	// is the clock) and lands softly on Today.
	phone.Page.Close()
	app.Exec(t, `UPDATE focus_sessions SET started_at = started_at - interval '26 minutes' WHERE ended_at IS NULL AND user_id = (SELECT id FROM users WHERE email = 'flow@example.com')`)
	laptop.Visit("/focus")
	laptop.ExpectText("#focus-history", "completed")
	laptop.Visit("/today")
	laptop.ExpectText("#landing-title", "Nice work")
	laptop.Click(`button:has-text("Show everything")`)
	laptop.WaitForPath("/today")
	laptop.ExpectText("main h1", "Flo")
	laptop.Visit("/progress")
	laptop.ExpectText("#activity", "Finished a focus session")
}

// countdownShown reads the digits the focus page's countdown shows: in each
// place, the label across the middle of the clock's line (the one its
// window shows).
func countdownShown(t *testing.T, tab *Tab) string {
	t.Helper()
	v, err := tab.Page.Evaluate(`() => {
		const clock = document.querySelector("#focus-left svg.countdown");
		if (!clock) return "no countdown";
		const r = clock.getBoundingClientRect(), mid = (r.top + r.bottom) / 2;
		return [...clock.querySelectorAll(":scope > svg")].map(w => {
			const t = [...w.querySelectorAll("text")].find(t => { const b = t.getBoundingClientRect(); return b.top < mid && b.bottom > mid; });
			return t ? t.textContent : "?";
		}).join(" ");
	}`)
	if err != nil {
		t.Fatal(err)
	}
	return v.(string)
}

// seconds turns "m s s" as countdownShown reads it into seconds.
func secondsOf(t *testing.T, shown string) int {
	t.Helper()
	var m, tens, ones int
	if _, err := fmt.Sscanf(shown, "%d %d %d", &m, &tens, &ones); err != nil {
		t.Fatalf("countdown shows %q: %v", shown, err)
	}
	return m*60 + tens*10 + ones
}

// TestTheTimerTicksAndEndsByItself: the countdown moves every second with
// no script deciding anything, and when the time runs out the server ends
// the session on its own; the page says so, plays the chime and shows the
// notification the device allows.
func TestTheTimerTicksAndEndsByItself(t *testing.T) {
	t.Parallel() // it mostly waits on polls and the server's clock, beside the other waiting tests
	app := startApp(t)
	tab := app.NewTab(t)
	tab.SignIn("ticks@example.com", "")
	if err := tab.Page.AddInitScript(playwright.Script{Content: playwright.String(`window.__notes = [];
		window.Notification = class { constructor(title) { window.__notes.push(title); }
			static get permission() { return "granted"; } static requestPermission() { return Promise.resolve("granted"); } };`)}); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	chimes := 0
	tab.Page.OnRequest(func(r playwright.Request) {
		if strings.Contains(r.URL(), "/assets/audio/chime.") {
			mu.Lock()
			chimes++
			mu.Unlock()
		}
	})
	tab.Visit("/focus")
	tab.Click(`#focus-panel button:has-text("Focus · 25 min")`)
	tab.WaitForPath("/focus")
	// Each read is held against what the server says is left at that
	// moment. The page's clock starts when the browser draws it, so on a
	// loaded machine a read may trail by a second or two; a frozen or
	// wrongly started countdown is off by more.
	conn := app.conn(t)
	read := func() int {
		t.Helper()
		shown := secondsOf(t, countdownShown(t, tab))
		var left float64
		if err := conn.QueryRow(t.Context(), `SELECT planned_seconds - extract(epoch FROM clock_timestamp() - started_at)::float8 FROM focus_sessions
			WHERE ended_at IS NULL AND user_id = (SELECT id FROM users WHERE email = 'ticks@example.com')`).Scan(&left); err != nil {
			t.Fatal(err)
		}
		if d := float64(shown) - left; d < -1.5 || d > 3.5 {
			t.Errorf("the countdown shows %d s while %.1f s are left", shown, left)
		}
		return shown
	}
	first := read()
	time.Sleep(2100 * time.Millisecond)
	if second := read(); second >= first {
		t.Errorf("the countdown did not move: %d s, then %d s", first, second)
	}
	tab.Audit()

	// Fifteen seconds before the end, counted from now rather than from
	// the start: on a loaded machine the audit above can take many seconds.
	app.Exec(t, `UPDATE focus_sessions SET started_at = now() - interval '1485 seconds' WHERE ended_at IS NULL AND user_id = (SELECT id FROM users WHERE email = 'ticks@example.com')`)
	if _, err := tab.Page.Goto("/focus"); err != nil {
		t.Fatal(err)
	}
	if left := secondsOf(t, countdownShown(t, tab)); left > 16 {
		t.Errorf("fifteen seconds before the end the countdown shows %d s", left)
	}
	if err := expect.Locator(tab.Page.Locator("#focus-ended")).ToContainText("Focus complete. +25 XP · +5 coins.", playwright.LocatorAssertionsToContainTextOptions{Timeout: playwright.Float(40000)}); err != nil {
		t.Fatalf("the page never said the session ended: %v", err)
	}
	tab.Settle()
	notes, err := tab.Page.Evaluate(`() => window.__notes`)
	if err != nil {
		t.Fatal(err)
	}
	if list, _ := notes.([]interface{}); len(list) != 1 || list[0] != "Focus complete" {
		t.Errorf("notifications shown: %v, want one saying Focus complete", notes)
	}
	mu.Lock()
	if chimes == 0 {
		t.Error("the chime was not played")
	}
	mu.Unlock()
	tab.Visit("/progress")
	tab.ExpectText("#activity", "Finished a focus session")
	tab.ExpectText("#focus-stat-today", "1 session · 25 min")
	tab.ExpectText("#focus-stat-streak", "1 day")
	tab.Audit()

	// The in-app panel keeps it, and the bell counts it until read.
	tab.ExpectAttr("#bell", "aria-label", "Notifications: 1 unread")
	tab.Click("#bell")
	tab.WaitForPath("/notifications")
	tab.ExpectText("#notification-list", "Focus session complete")
	tab.Click(`button:has-text("Mark all read")`)
	tab.WaitForPath("/notifications")
	tab.ExpectAttr("#bell", "aria-label", "Notifications")
}
