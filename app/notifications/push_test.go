package notifications_test

import (
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"testing"
	"time"

	"ignition/app/apptest"
	"ignition/app/notifications"
	"ignition/app/pushtest"
	"ignition/app/store/db"
)

// subscribe posts a device's subscription from the Settings section, as
// the page's glue does, and returns the answer.
func subscribe(c *apptest.Client, sub *pushtest.Subscription) *apptest.Response {
	return c.Post(notifications.DevicesURL).HTMX().Form("endpoint", sub.Endpoint, "p256dh", sub.P256dh, "auth", sub.Auth).Do()
}

func newPusher(env *apptest.Env) *notifications.Pusher {
	return notifications.NewPusher(db.New(env.Pool), env.Config.Push, slog.New(slog.DiscardHandler))
}

func count(t *testing.T, env *apptest.Env, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := env.Pool.QueryRow(t.Context(), sql, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestPushReachesEveryDeviceOnceAcrossProcesses: a notification reaches
// each device its user subscribed, once, though two app processes push at
// the same time; it arrives encrypted to the device's keys and signed with
// the key the Settings page subscribes with; another user's device gets
// nothing.
func TestPushReachesEveryDeviceOnceAcrossProcesses(t *testing.T) {
	t.Parallel()
	svc := pushtest.Start(t)
	env := apptest.New(t, apptest.With("IGNITION_PUSH_SERVICES", svc.URL))
	c := env.SignIn("push@example.com", "")
	page := c.Get("/settings").Do().AssertStatus(http.StatusOK)
	page.AssertText("#push-empty", "No device gets notifications yet.")
	key, _ := page.Attr("#push-subscribe", "data-push-key")
	if len(key) != 87 {
		t.Fatalf("the subscribe form's key is %q", key)
	}
	phone, laptop, elsewhere := svc.Subscribe(t), svc.Subscribe(t), svc.Subscribe(t)
	subscribe(c, phone).AssertStatus(http.StatusOK).AssertText("#push [role=status]", "This device will get notifications.")
	if n := subscribe(c, laptop).Doc().Find("#push-devices li").Length(); n != 2 {
		t.Fatalf("%d devices listed, want 2", n)
	}
	subscribe(env.SignIn("other@example.com", ""), elsewhere).AssertStatus(http.StatusOK)

	c.Post(notifications.DevicesURL+"/test").HTMX().Do().AssertStatus(http.StatusOK).
		AssertText("#push [role=status]", "Test notification sent: it arrives within a few seconds.")
	a, b := newPusher(env), newPusher(env)
	now := time.Now()
	var wg sync.WaitGroup
	delivered := make([]int, 4)
	for i := range delivered {
		p := a
		if i%2 == 1 {
			p = b
		}
		wg.Go(func() {
			n, err := p.Push(t.Context(), now)
			if err != nil {
				t.Error(err)
			}
			delivered[i] = n
		})
	}
	wg.Wait()
	if total := delivered[0] + delivered[1] + delivered[2] + delivered[3]; total != 2 {
		t.Fatalf("the pushers delivered %v, want 2 in all", delivered)
	}
	for _, sub := range []*pushtest.Subscription{phone, laptop} {
		got := svc.For(sub)
		if len(got) != 1 {
			t.Fatalf("%s got %d pushes, want 1", sub.ID, len(got))
		}
		var m notifications.Message
		if err := got[0].Decode(&m); err != nil {
			t.Fatal(err)
		}
		if m.Title != "Notifications work" || m.Href != notifications.URL || m.Tag == "" {
			t.Errorf("the push says %+v", m)
		}
		if got[0].VAPIDKey != key || got[0].Subject != "mailto:push@localhost" || got[0].Urgency != "normal" || got[0].TTL == "0" {
			t.Errorf("the push was signed with %q as %q, urgency %q, ttl %q", got[0].VAPIDKey, got[0].Subject, got[0].Urgency, got[0].TTL)
		}
	}
	if n := len(svc.For(elsewhere)); n != 0 {
		t.Errorf("another user's device got %d pushes", n)
	}
	if n := count(t, env, "SELECT count(*) FROM push_deliveries"); n != 0 {
		t.Errorf("%d deliveries left", n)
	}
	if _, err := a.Push(t.Context(), now.Add(time.Hour)); err != nil || len(svc.Pushes()) != 2 {
		t.Errorf("a later round pushed again: %d pushes (%v)", len(svc.Pushes()), err)
	}
	if n := c.Get("/settings").Do().Doc().Find("#push-devices li:contains('last notified')").Length(); n != 2 {
		t.Errorf("%d devices say when they were last notified, want 2", n)
	}
	// The panel has it too.
	c.Get(notifications.URL).Do().AssertText("#notification-list li strong", "Notifications work")
}

// TestPushFailures: a subscription the push service says is gone (404 or
// 410) is removed; one it refuses is given up at once; one whose service
// is in trouble is tried again later, with the wait doubling, until it
// arrives or five attempts have failed.
func TestPushFailures(t *testing.T) {
	t.Parallel()
	svc := pushtest.Start(t)
	env := apptest.New(t, apptest.With("IGNITION_PUSH_SERVICES", svc.URL))
	c := env.SignIn("failing@example.com", "")
	gone, missing, refused, flaky, broken := svc.Subscribe(t), svc.Subscribe(t), svc.Subscribe(t), svc.Subscribe(t), svc.Subscribe(t)
	for _, sub := range []*pushtest.Subscription{gone, missing, refused, flaky, broken} {
		subscribe(c, sub).AssertStatus(http.StatusOK)
	}
	svc.Answer(gone, http.StatusGone)
	svc.Answer(missing, http.StatusNotFound)
	svc.Answer(refused, http.StatusBadRequest)
	svc.Answer(flaky, http.StatusServiceUnavailable)
	svc.Answer(broken, http.StatusInternalServerError)
	c.Post(notifications.DevicesURL + "/test").HTMX().Do().AssertStatus(http.StatusOK)

	p := newPusher(env)
	now := time.Now()
	push := func(at time.Duration) {
		t.Helper()
		if _, err := p.Push(t.Context(), now.Add(at)); err != nil {
			t.Fatal(err)
		}
	}
	push(0)
	if n := count(t, env, "SELECT count(*) FROM push_subscriptions"); n != 3 {
		t.Fatalf("%d subscriptions left, want the 3 not gone", n)
	}
	if n := count(t, env, "SELECT count(*) FROM push_deliveries"); n != 2 {
		t.Fatalf("%d deliveries left, want the 2 to try again", n)
	}
	push(29 * time.Second) // not yet due
	if n := len(svc.For(flaky)); n != 1 {
		t.Fatalf("the flaky device was tried %d times before its wait was over", n)
	}
	push(30 * time.Second) // 2nd attempt; the next waits a minute
	push(89 * time.Second)
	if n := len(svc.For(flaky)); n != 2 {
		t.Fatalf("the flaky device was tried %d times, want 2", n)
	}
	svc.Answer(flaky, http.StatusCreated)
	push(90 * time.Second)
	if got := svc.For(flaky); len(got) != 3 || got[2].Message == nil {
		t.Fatalf("the flaky device's third try did not arrive: %+v", got)
	}
	for i := 1; i <= 6; i++ {
		push(time.Duration(i) * time.Hour)
	}
	if n := len(svc.For(broken)); n != 5 {
		t.Errorf("the broken device was tried %d times, want 5", n)
	}
	if n := len(svc.For(refused)); n != 1 {
		t.Errorf("the refusing service was tried %d times, want 1", n)
	}
	if n := count(t, env, "SELECT count(*) FROM push_deliveries"); n != 0 {
		t.Errorf("%d deliveries left after giving up", n)
	}
	if n := count(t, env, "SELECT count(*) FROM push_subscriptions"); n != 3 {
		t.Errorf("%d subscriptions left: giving up on a push must not remove its device", n)
	}
	// A notification a day old is not pushed any more.
	c.Post(notifications.DevicesURL + "/test").HTMX().Do().AssertStatus(http.StatusOK)
	before := len(svc.Pushes())
	push(25 * time.Hour)
	if len(svc.Pushes()) != before || count(t, env, "SELECT count(*) FROM push_deliveries") != 0 {
		t.Errorf("a day-old notification was pushed")
	}
}

// TestDevicesAreChecked: a subscription is kept only for an allowed push
// service with valid keys, up to the limit of devices; a browser that
// subscribes for another account moves to it; another user's device is
// not found.
func TestDevicesAreChecked(t *testing.T) {
	t.Parallel()
	svc := pushtest.Start(t)
	env := apptest.New(t, apptest.With("IGNITION_PUSH_SERVICES", svc.URL))
	c := env.SignIn("devices@example.com", "")
	sub := svc.Subscribe(t)
	refuse := func(want string, pairs ...string) {
		t.Helper()
		c.Post(notifications.DevicesURL).HTMX().Form(pairs...).Do().AssertStatus(http.StatusUnprocessableEntity).AssertText("#push [role=alert]", want)
	}
	refuse(notifications.ErrNoSubscription.Error())
	refuse(notifications.ErrPushService.Error(), "endpoint", "https://attacker.example/push/1", "p256dh", sub.P256dh, "auth", sub.Auth)
	refuse(notifications.ErrPushService.Error(), "endpoint", "http://127.0.0.1:1/push/1", "p256dh", sub.P256dh, "auth", sub.Auth)
	refuse(notifications.ErrPushKeys.Error(), "endpoint", sub.Endpoint, "p256dh", sub.Auth, "auth", sub.Auth)
	refuse(notifications.ErrPushKeys.Error(), "endpoint", sub.Endpoint, "p256dh", offCurve(sub.P256dh), "auth", sub.Auth)
	refuse(notifications.ErrPushKeys.Error(), "endpoint", sub.Endpoint, "p256dh", sub.P256dh, "auth", sub.P256dh)
	if n := count(t, env, "SELECT count(*) FROM push_subscriptions"); n != 0 {
		t.Fatalf("%d refused subscriptions were kept", n)
	}
	// Without htmx a success goes back to Settings.
	c.Post(notifications.DevicesURL).Form("endpoint", sub.Endpoint, "p256dh", sub.P256dh, "auth", sub.Auth).Do().AssertRedirect("/settings#push")

	other := env.SignIn("devices-other@example.com", "")
	id := c.Get("/settings").Do().Doc().Find("#push-devices form").AttrOr("action", "")
	other.Post(id).Do().AssertStatus(http.StatusNotFound)
	other.Post(notifications.DevicesURL + "/not-an-id/remove").Do().AssertStatus(http.StatusNotFound)
	// The same browser subscribing for the other account moves to it.
	subscribe(other, sub).AssertStatus(http.StatusOK)
	if n := c.Get("/settings").Do().Doc().Find("#push-devices li").Length(); n != 0 {
		t.Errorf("the browser is still listed for its first account")
	}
	other.Post(other.Get("/settings").Do().Doc().Find("#push-devices form").AttrOr("action", "")).HTMX().Do().
		AssertStatus(http.StatusOK).AssertText("#push-empty", "No device gets notifications yet.")

	// Twenty devices at most.
	for i := range 20 {
		s := svc.Subscribe(t)
		if i == 19 {
			subscribe(c, s).AssertStatus(http.StatusOK)
			continue
		}
		env.Pool.Exec(t.Context(), `INSERT INTO push_subscriptions (user_id, endpoint, p256dh, auth) SELECT id, $1, $2, $3 FROM users WHERE email = 'devices@example.com'`,
			s.Endpoint, s.P256dh, s.Auth)
	}
	page := c.Get("/settings").Do()
	if page.Doc().Find("#push-subscribe").Length() != 0 {
		t.Errorf("the subscribe button shows with 20 devices")
	}
	refuse(notifications.ErrTooManyDevices.Error(), "endpoint", svc.Subscribe(t).Endpoint, "p256dh", sub.P256dh, "auth", sub.Auth)
}

// offCurve changes one byte of a public key's X coordinate, which takes
// the point off the curve.
func offCurve(key string) string {
	c := "A"
	if key[40] == 'A' {
		c = "B"
	}
	return key[:40] + c + key[41:]
}

// TestAllowedEndpoint: only https on a listed push service, or a listed
// origin exactly.
func TestAllowedEndpoint(t *testing.T) {
	t.Parallel()
	services := []string{"fcm.googleapis.com", "*.notify.windows.com", "http://127.0.0.1:9000"}
	for endpoint, want := range map[string]bool{
		"https://fcm.googleapis.com/fcm/send/abc":           true,
		"https://wns2-par02p.notify.windows.com/w/?token=x": true,
		"http://127.0.0.1:9000/push/1":                      true,
		"https://FCM.googleapis.com/fcm/send/abc":           true,
		"http://fcm.googleapis.com/fcm/send/abc":            false,
		"https://fcm.googleapis.com:8443/fcm/send/abc":      false,
		"https://evilfcm.googleapis.com.example/x":          false,
		"https://notify.windows.com.evil.example/x":         false,
		"https://user@fcm.googleapis.com/fcm/send/abc":      false,
		"http://127.0.0.1:9001/push/1":                      false,
		"https://127.0.0.1:9000/push/1":                     false,
		"javascript:alert(1)":                               false,
		"":                                                  false,
		fmt.Sprintf("https://%s/x", "notify.windows.com"):   false,
	} {
		if got := notifications.AllowedEndpoint(endpoint, services); got != want {
			t.Errorf("AllowedEndpoint(%q) = %v, want %v", endpoint, got, want)
		}
	}
}
