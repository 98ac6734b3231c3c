//go:build !fast

package e2e

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"ignition/app/testdb"
)

// TestInstallableAndOffline: Chromium finds the app installable (manifest,
// icons, service worker); offline, a page opened before comes back from
// the service worker with the offline note, a form sent offline says so and
// keeps what was typed, and a page never opened says it has no copy;
// signing out forgets the copies.
func TestInstallableAndOffline(t *testing.T) {
	t.Parallel()
	// A server of its own, to take away: the browser's offline mode does
	// not reach the service worker's own requests.
	port, dbURL := freePort(t), testdb.NewURL(t)
	app, stop, err := start(dbURL, port)
	if err != nil {
		t.Fatal(err)
	}
	stopped := false
	t.Cleanup(func() {
		if !stopped {
			stop()
		}
	})
	tab := app.NewProfileTab(t)
	tab.SignIn("pwa@example.com", "")
	tab.AddHabit("Offline scales")
	tab.Visit("/today")
	if ok, err := tab.Page.Evaluate(`navigator.serviceWorker.ready.then(() => true)`); ok != true {
		t.Fatalf("no service worker: %v", err)
	}
	cdp, err := tab.ctx.NewCDPSession(tab.Page)
	if err != nil {
		t.Fatal(err)
	}
	res, err := cdp.Send("Page.getInstallabilityErrors", nil)
	if err != nil {
		t.Fatal(err)
	}
	if errs, _ := res.(map[string]any)["installabilityErrors"].([]any); len(errs) != 0 {
		t.Errorf("installability errors: %v", errs)
	}
	manifest, err := cdp.Send("Page.getAppManifest", nil)
	if err != nil {
		t.Fatal(err)
	}
	if m := manifest.(map[string]any); !strings.HasSuffix(fmt.Sprint(m["url"]), "/manifest.webmanifest") || len(m["errors"].([]any)) != 0 {
		t.Errorf("manifest %v: %v", m["url"], m["errors"])
	}

	// The pages opened while online (under the service worker's control).
	for _, path := range []string{"/today", "/habits?add=1"} {
		if _, err := tab.Page.Goto(path); err != nil {
			t.Fatal(err)
		}
	}
	// What the browser logs of the requests it cannot send offline.
	for _, msg := range []string{"Failed to load resource: net::ERR_INTERNET_DISCONNECTED", "htmx:afterRequest, [object HTMLBodyElement]",
		"htmx:sendError, [object HTMLBodyElement]"} {
		tab.AllowStatus(msg)
	}
	if err := tab.ctx.SetOffline(true); err != nil {
		t.Fatal(err)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	stopped = true
	if _, err := tab.Page.Goto("/today"); err != nil {
		t.Fatal(err)
	}
	tab.ExpectText("h1", "pwa@example.com") // the greeting's first word follows the clock
	tab.ExpectText("#offline-note:visible", "You are offline.")
	tab.Audit()

	if _, err := tab.Page.Goto("/habits?add=1"); err != nil {
		t.Fatal(err)
	}
	tab.Fill("#habit-title", "Typed offline")
	tab.Page.Locator(`#habit-form button[type=submit]`).Click()
	tab.ExpectText("#offline-note:visible", "nothing you send is saved")
	tab.ExpectValue("#habit-title", "Typed offline")
	tab.WaitForPath("/habits?add=1")

	tab.AllowStatus("503")
	if _, err := tab.Page.Goto("/goals"); err != nil {
		t.Fatal(err)
	}
	tab.ExpectText("h1", "You are offline")

	// Back online.
	_, stop, err = start(dbURL, port)
	if err != nil {
		t.Fatal(err)
	}
	stopped = false
	if err := tab.ctx.SetOffline(false); err != nil {
		t.Fatal(err)
	}
	tab.Visit("/today")
	tab.Click("#user-menu summary")
	tab.Click(`#user-menu button:has-text("Sign out")`)
	tab.WaitForPath("/signin")
	kept, err := tab.Page.Evaluate(`caches.open("pages").then(c => c.keys()).then(ks => ks.map(r => new URL(r.url).pathname))`)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range kept.([]any) {
		if slices.Contains([]string{"/today", "/habits"}, fmt.Sprint(k)) {
			t.Errorf("signing out kept the copy of %v", k)
		}
	}
}
