//go:build !fast

package e2e

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/playwright-community/playwright-go"

	"ignition/app/notifications"
	"ignition/app/pushtest"
)

// stubPushManager makes the tab's PushManager hand over a subscription of
// the loopback push service: the browser's own service cannot be reached
// here. The rest (permission, service worker, form, server) is the real
// thing.
func (tab *Tab) stubPushManager(sub *pushtest.Subscription) {
	tab.t.Helper()
	s, _ := json.Marshal(map[string]any{"endpoint": sub.Endpoint, "keys": map[string]string{"p256dh": sub.P256dh, "auth": sub.Auth}})
	script := fmt.Sprintf(`PushManager.prototype.subscribe = function (options) {
		window.pushKey = options.applicationServerKey;
		return Promise.resolve({ toJSON: function () { return %s; } });
	};`, s)
	if err := tab.ctx.AddInitScript(playwright.Script{Content: playwright.String(script)}); err != nil {
		tab.t.Fatal(err)
	}
}

// TestPushNotificationsFromSettings: a user turns on notifications for
// this device in Settings (permission, service worker, subscription), sends
// a test notification, which the push service receives encrypted to the
// device's keys, and the service worker shows it; then removes the device.
// Where notifications are blocked the section says so.
func TestPushNotificationsFromSettings(t *testing.T) {
	t.Parallel()
	app := startApp(t)
	tab := app.NewTab(t)
	sub := pushService.Subscribe(t)
	tab.stubPushManager(sub)
	if err := tab.ctx.GrantPermissions([]string{"notifications"}); err != nil {
		t.Fatal(err)
	}
	tab.SignIn("push-e2e@example.com", "")
	tab.Visit("/settings")
	tab.ExpectText("#push-empty", "No device gets notifications yet.")
	key, _ := tab.Page.Locator("#push-subscribe").GetAttribute("data-push-key")
	tab.Click(`button:has-text("Get notifications on this device")`)
	tab.ExpectText("#push [role=status]", "This device will get notifications.")
	tab.ExpectText("#push-devices", "Chrome on Linux")
	if got, _ := tab.Page.Evaluate(`window.pushKey`); got != key {
		t.Errorf("the browser subscribed with %v, not the server's key %q", got, key)
	}
	script, err := tab.Page.Evaluate(`navigator.serviceWorker.ready.then(r => new URL(r.active.scriptURL).pathname)`)
	if err != nil || script != "/sw.js" {
		t.Fatalf("service worker %v (%v)", script, err)
	}

	tab.Click(`button:has-text("Send a test notification")`)
	tab.ExpectText("#push [role=status]", "Test notification sent")
	pushes := pushService.WaitFor(t, sub, 1, 30*time.Second)
	var m notifications.Message
	if err := pushes[0].Decode(&m); err != nil {
		t.Fatal(err)
	}
	if m.Title != "Notifications work" || pushes[0].VAPIDKey != key {
		t.Fatalf("the push service got %+v signed by %q", m, pushes[0].VAPIDKey)
	}

	// What the push service would hand the browser, the service worker shows.
	cdp, err := tab.ctx.NewCDPSession(tab.Page)
	if err != nil {
		t.Fatal(err)
	}
	registration := make(chan string, 8)
	cdp.On("ServiceWorker.workerRegistrationUpdated", func(ev map[string]any) {
		regs, _ := ev["registrations"].([]any)
		for _, r := range regs {
			if r, ok := r.(map[string]any); ok && strings.HasPrefix(fmt.Sprint(r["scopeURL"]), app.URL) {
				registration <- fmt.Sprint(r["registrationId"])
			}
		}
	})
	if _, err := cdp.Send("ServiceWorker.enable", nil); err != nil {
		t.Fatal(err)
	}
	var id string
	select {
	case id = <-registration:
	case <-time.After(10 * time.Second):
		t.Fatal("no service worker registration reported")
	}
	// Pushed once the worker is active: installing, it still fetches the
	// shell it keeps, which a loaded machine makes slow.
	if _, err := tab.Page.Evaluate(`navigator.serviceWorker.ready.then(r => !!r.active)`); err != nil {
		t.Fatal(err)
	}
	if _, err := cdp.Send("ServiceWorker.deliverPushMessage", map[string]any{"origin": app.URL, "registrationId": id, "data": string(pushes[0].Message)}); err != nil {
		t.Fatal(err)
	}
	want := "Notifications work|This device will show your reminders.|" + m.Tag
	var shown []string
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline) && !slices.Contains(shown, want); time.Sleep(100 * time.Millisecond) {
		got, err := tab.Page.Evaluate(`navigator.serviceWorker.ready.then(r => r.getNotifications()).then(ns => ns.map(n => n.title + "|" + n.body + "|" + n.tag))`)
		if err != nil {
			t.Fatal(err)
		}
		shown = shown[:0]
		for _, s := range got.([]any) {
			shown = append(shown, fmt.Sprint(s))
		}
	}
	if !slices.Contains(shown, want) {
		t.Fatalf("the service worker shows %q, want %q", shown, want)
	}

	tab.Click(`#push-devices button:has-text("Remove")`)
	tab.ExpectText("#push [role=status]", "That device will get no more notifications.")
	tab.ExpectText("#push-empty", "No device gets notifications yet.")

	// Where the user blocked notifications, nothing is subscribed and the
	// section says what to do.
	blocked := app.NewTab(t)
	blocked.stubPushManager(pushService.Subscribe(t))
	blocked.SignIn("push-blocked@example.com", "")
	blocked.Visit("/settings")
	blocked.Click(`button:has-text("Get notifications on this device")`)
	blocked.ExpectText("[data-push-status]", "Notifications are blocked for this site.")
	blocked.ExpectText("#push-empty", "No device gets notifications yet.")
}
