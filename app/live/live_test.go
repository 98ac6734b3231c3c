package live_test

import (
	"bufio"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"ignition/app/apptest"
	"ignition/app/server"
	"ignition/app/web"
)

// event is one event a stream sent.
type event struct{ id, data string }

// open reads the stream at url with c's session until the test ends.
func open(t *testing.T, c *apptest.Client, url, lastID string) <-chan event {
	t.Helper()
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, url, nil)
	req.Header.Set("Accept", "text/event-stream")
	if !strings.HasPrefix(url, "http://localhost") {
		req.Header.Set("Cookie", c.CookieHeader())
	}
	if lastID != "" {
		req.Header.Set("Last-Event-ID", lastID)
	}
	res, err := c.HTTP().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("GET %s: %d %s", url, res.StatusCode, res.Header.Get("Content-Type"))
	}
	out := make(chan event, 64)
	go func() {
		defer res.Body.Close()
		defer close(out)
		var ev event
		for sc := bufio.NewScanner(res.Body); sc.Scan(); {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "id: "):
				ev.id = line[4:]
			case strings.HasPrefix(line, "data: "):
				ev.data = line[6:]
			case line == "" && ev.data != "":
				out <- ev
				ev = event{}
			}
		}
	}()
	t.Cleanup(func() { res.Body.Close() })
	return out
}

// id is the event's id as a number.
func id(t *testing.T, ev event) int64 {
	t.Helper()
	n, err := strconv.ParseInt(ev.id, 10, 64)
	if err != nil {
		t.Fatalf("event id %q: %v", ev.id, err)
	}
	return n
}

// next waits for the stream's next event.
func next(t *testing.T, events <-chan event) event {
	t.Helper()
	select {
	case ev, ok := <-events:
		if !ok {
			t.Fatal("the stream ended")
		}
		return ev
	case <-time.After(10 * time.Second):
		t.Fatal("no event within 10 s")
	}
	return event{}
}

// TestChangesReachTheStreamsOfEveryProcess: a focus session started
// through one app process reaches the user's stream on another process
// (one database, each process LISTENing), past the request deadline and a
// server's write timeout; a notification and a vault lock too; another
// user's stream hears nothing; a stream that reconnects with
// Last-Event-ID hears what it missed.
func TestChangesReachTheStreamsOfEveryProcess(t *testing.T) {
	t.Parallel()
	env := apptest.New(t, apptest.With("IGNITION_REQUEST_TIMEOUT", "1s", "IGNITION_DB_POOL_SIZE", "4"))
	second, err := server.New(env.Config, env.Pool, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	other := httptest.NewUnstartedServer(second.Handler)
	other.Config.WriteTimeout = time.Second
	other.Start()
	t.Cleanup(second.Close)
	t.Cleanup(other.Close)

	c := env.SignIn("live@example.com", "")
	stranger := env.SignIn("live-other@example.com", "")
	page := c.Get("/today").Do()
	src, _ := page.Attr("body", "data-live")
	if !strings.HasPrefix(src, web.LiveURL+"?after=") {
		t.Fatalf("the page names the stream %q", src)
	}
	// The same session on the other process (its cookie sent by hand: the
	// jar keeps it for localhost).
	mine := open(t, c, other.URL+src, "")
	theirs := open(t, stranger, other.URL+web.LiveURL, "")
	time.Sleep(1500 * time.Millisecond) // past the request deadline and the write timeout

	c.Post("/focus/start").Form("kind", "focus").Do().AssertRedirect("/focus")
	first := next(t, mine)
	if first.data != "focus" || first.id == "" {
		t.Fatalf("the stream sent %+v", first)
	}
	c.Post("/focus/pause").Do()
	if ev := next(t, mine); ev.data != "focus" || id(t, ev) <= id(t, first) {
		t.Errorf("after pausing: %+v, after %+v", ev, first)
	}
	c.Post("/notifications/devices/test").Do()
	if ev := next(t, mine); ev.data != "notifications" {
		t.Errorf("after a notification: %+v", ev)
	}
	select {
	case ev := <-theirs:
		t.Errorf("another user's stream heard %+v", ev)
	case <-time.After(300 * time.Millisecond):
	}

	// Reconnecting after the first event, the stream hears the two since.
	again := open(t, c, env.URL()+web.LiveURL, first.id)
	if a, b := next(t, again), next(t, again); a.data != "focus" || b.data != "notifications" {
		t.Errorf("a reconnected stream caught up with %+v, %+v", a, b)
	}
}

// TestStreamsPerUserAreCapped: beyond ten streams of one user on one
// process the answer is 429; a visitor is sent to sign in.
func TestStreamsPerUserAreCapped(t *testing.T) {
	t.Parallel()
	env := apptest.New(t, apptest.With("IGNITION_DB_POOL_SIZE", "4"))
	c := env.SignIn("tabs@example.com", "")
	for range 10 {
		open(t, c, env.URL()+web.LiveURL, "")
	}
	c.Get(web.LiveURL).Do().AssertStatus(http.StatusTooManyRequests)
	env.Client().Get(web.LiveURL).Do().AssertRedirect("/signin")
}
