//go:build !fast

package e2e

import (
	"testing"
	"time"

	"github.com/playwright-community/playwright-go"
)

func TestFocusSharedAcrossDevicesAndSoftLanding(t *testing.T) {
	app := startApp(t)
	laptop := app.NewTab(t)
	laptop.SignIn("flow@example.com", "Flo")
	phone := app.NewPhoneTab(t)
	phone.SignIn("flow@example.com", "")
	phone.Visit("/habits")

	laptop.Click(`nav a:has-text("Focus")`)
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

	// The laptop's panel refreshes itself (every 10 s) and shows the pause.
	if err := expect.Locator(laptop.Page.Locator("#focus-left")).ToContainText("Paused", playwright.LocatorAssertionsToContainTextOptions{Timeout: playwright.Float(15000)}); err != nil {
		t.Fatalf("the laptop never showed the pause: %v", err)
	}
	laptop.Click(`#focus-panel button:has-text("Resume")`)
	laptop.WaitForPath("/focus")

	// Twenty-five minutes later.
	app.Exec(t, `UPDATE focus_sessions SET started_at = started_at - interval '26 minutes' WHERE ended_at IS NULL AND user_id = (SELECT id FROM users WHERE email = 'flow@example.com')`)
	laptop.Visit("/focus")
	laptop.ExpectText("#focus-left", "Time's up")
	laptop.Click(`#focus-panel button:has-text("Complete")`)
	laptop.WaitForPath("/today")
	laptop.ExpectText("#landing-title", "Nice work")
	laptop.Click(`button:has-text("Show everything")`)
	laptop.WaitForPath("/today")
	laptop.ExpectText("main h1", "Flo")
	laptop.Visit("/progress")
	laptop.ExpectText("#activity", "Finished a focus session")
}
