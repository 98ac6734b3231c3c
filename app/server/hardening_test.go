package server_test

import (
	"context"
	"crypto/sha512"
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"

	"ignition/app/apptest"
)

// TestInvalidTextIsRefusedWhereverItArrives: bytes no browser sends and
// Postgres cannot store as text are a 400 in a multipart body and in the
// query string of a POST too, not only in a url-encoded body; nothing is
// stored. A User-Agent with them is stored cleaned.
func TestInvalidTextIsRefusedWhereverItArrives(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("bytes@example.com", "")
	c.Post("/goals").Form("title", "Album", "category", "creative").Do().AssertStatus(http.StatusSeeOther)
	var goal string
	if err := env.Pool.QueryRow(t.Context(), "SELECT id::text FROM goals").Scan(&goal); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"x\xff", "x\x00"} {
		c.Post("/habits").Multipart().Form("title", bad, "cadence", "daily", "skill", "knowledge").Do().
			AssertStatus(http.StatusBadRequest).AssertText("h1", "Bad request")
		c.Post("/goals/"+goal+"/milestones").Multipart().Form("title", bad).Do().AssertStatus(http.StatusBadRequest)
		c.Post("/settings/passkeys/00000000-0000-4000-8000-000000000001/rename").Multipart().Form("name", bad).Do().
			AssertStatus(http.StatusBadRequest)
		c.Post("/habits").Multipart().Form("title", "Fine", "cadence", "daily", "skill", "knowledge", "x"+bad, "name").Do().
			AssertStatus(http.StatusBadRequest) // a field's name counts too
	}
	for _, query := range []string{"category=health&title=x%00", "category=health&title=x%FF", "a=%zz"} {
		c.Post("/goals?" + query).Do().AssertStatus(http.StatusBadRequest)
		c.Get("/habits?" + query).Do().AssertStatus(http.StatusBadRequest)
	}
	var n int
	if err := env.Pool.QueryRow(t.Context(), "SELECT (SELECT count(*) FROM habits) + (SELECT count(*) FROM goal_milestones) + (SELECT count(*) FROM goals)").Scan(&n); err != nil || n != 1 {
		t.Errorf("malformed forms stored rows: %d besides the goal (%v)", n-1, err)
	}

	// Valid text in a multipart body works like a url-encoded one.
	c.Post("/habits").Multipart().Form("title", "Stretch ✓", "cadence", "daily", "skill", "proficiency").Do().AssertStatus(http.StatusSeeOther)
	c.Get("/habits").Do().AssertText("#habit-list", "Stretch ✓")

	// A device whose User-Agent no browser would send still signs in.
	odd := env.Client()
	odd.Post("/signin/dev").Form("email", "odd@example.com").Header("User-Agent", "Mozilla/5.0 \xff\xfe(X11)").Do().AssertStatus(http.StatusSeeOther)
	odd.Get("/settings/security").Do().AssertStatus(http.StatusOK)
}

// TestMetricsSeriesStayFixed sends requests with random methods to random
// paths, without signing in: every label comes from a closed set, so the
// number of series stops growing.
func TestMetricsSeriesStayFixed(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.Client()
	rng := rand.New(rand.NewPCG(3, 4))
	// Every method on every kind of path, then as many at random again.
	methods := []string{"GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH", "BREW"}
	paths := []string{"/", "/today", "/habits/1", "/1", "/assets/1", "/signin/dev"}
	for _, m := range methods {
		for _, p := range paths {
			c.Method(m, p).Do()
		}
	}
	send := func(n int) {
		for range n {
			method := []string{"GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH", fmt.Sprintf("X%08d", rng.Int32())}[rng.IntN(8)]
			path := []string{"/", "/today", "/habits/" + fmt.Sprint(rng.Int64()), "/" + fmt.Sprint(rng.Int64()), "/assets/" + fmt.Sprint(rng.Int64()), "/signin/dev"}[rng.IntN(6)]
			c.Method(method, path).Do()
		}
	}
	series := func() []string {
		body := string(c.Get("/metrics").Do().AssertStatus(http.StatusOK).Body)
		var out []string
		for line := range strings.Lines(body) {
			if strings.HasPrefix(line, "ignition_http_requests_total{") {
				out = append(out, line[:strings.LastIndex(line, "}")+1])
			}
		}
		return out
	}
	series() // the scrape itself is a series
	before := series()
	send(400)
	after := series()
	if len(after) != len(before) {
		t.Errorf("series grew from %d to %d: %v", len(before), len(after), slices.DeleteFunc(after, func(s string) bool { return slices.Contains(before, s) }))
	}
	routes := []string{"unmatched"}
	for _, r := range env.App.Echo.Routes() {
		routes = append(routes, r.Path)
	}
	label := regexp.MustCompile(`method="([^"]*)",route="([^"]*)",status="([^"]*)"`)
	for _, s := range after {
		m := label.FindStringSubmatch(s)
		if m == nil || !slices.Contains([]string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "other"}, m[1]) ||
			!slices.Contains(routes, m[2]) || !regexp.MustCompile(`^[1-5]xx$`).MatchString(m[3]) {
			t.Errorf("series outside the closed sets: %s", s)
		}
	}
}

// TestHEADAnswersLikeGET: HEAD on a page answers as GET would, without the
// body.
func TestHEADAnswersLikeGET(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("head@example.com", "")
	get := c.Get("/today").Do().AssertStatus(http.StatusOK)
	head := c.Method(http.MethodHead, "/today").Do().AssertStatus(http.StatusOK)
	if len(head.Body) != 0 {
		t.Errorf("HEAD sent a body of %d bytes", len(head.Body))
	}
	if head.Header.Get("Content-Type") != get.Header.Get("Content-Type") || head.Header.Get("Content-Security-Policy") == "" {
		t.Errorf("HEAD headers %v differ from GET's", head.Header)
	}
	env.Client().Method(http.MethodHead, "/signin").Do().AssertStatus(http.StatusOK)
	env.Client().Method(http.MethodHead, "/today").Do().AssertStatus(http.StatusSeeOther)
	c.Method(http.MethodHead, "/habits/archive").Do().AssertStatus(http.StatusNotFound)
	c.Method(http.MethodHead, "/signout").Do().AssertStatus(http.StatusMethodNotAllowed) // POST only
	if !strings.Contains(env.Logs(), `"method":"HEAD","route":"/today","status":200`) {
		t.Error("the access log does not name HEAD")
	}
}

// TestAbortedRequestIsLogged499: a request the client gave up on is logged
// with 499 and how long it really ran, not as a 200 with no bytes.
func TestAbortedRequestIsLogged499(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	entered := make(chan struct{})
	env.App.Echo.GET("/slow", func(c echo.Context) error {
		close(entered)
		<-c.Request().Context().Done()
		return c.Request().Context().Err()
	})
	c := env.SignIn("gone@example.com", "")
	ctx, cancel := context.WithCancel(t.Context())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, env.URL()+"/slow", nil)
	go func() { <-entered; time.Sleep(300 * time.Millisecond); cancel() }()
	if _, err := c.HTTP().Do(req); err == nil {
		t.Fatal("the request was not cut off")
	}
	var line string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline) && line == ""; time.Sleep(20 * time.Millisecond) {
		for l := range strings.Lines(env.Logs()) {
			if strings.Contains(l, `"route":"/slow"`) {
				line = l
			}
		}
	}
	if !strings.Contains(line, `"status":499`) {
		t.Fatalf("access log: %q, want status 499", line)
	}
	var ms float64
	if _, err := fmt.Sscanf(line[strings.Index(line, `"duration_ms":`):], `"duration_ms":%g`, &ms); err != nil || ms < 300 {
		t.Errorf("logged duration %v ms (%v), want the 300 ms it ran", ms, err)
	}
	if strings.Contains(env.Logs(), `"level":"ERROR"`) {
		t.Error("a client going away was logged as an error")
	}
}

// TestDatabaseGoneIs503: while Postgres refuses the app, requests that need
// it get the styled 503 page with Retry-After, not a 500.
func TestDatabaseGoneIs503(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("down@example.com", "")
	c.Get("/today").Do().AssertStatus(http.StatusOK)
	admin, err := pgx.Connect(t.Context(), os.Getenv("TEST_DATABASE_URL"))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(context.Background())
	name := env.Pool.Config().ConnConfig.Database
	if _, err := admin.Exec(t.Context(), "ALTER DATABASE "+pgx.Identifier{name}.Sanitize()+" ALLOW_CONNECTIONS false"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_, _ = admin.Exec(context.Background(), "ALTER DATABASE "+pgx.Identifier{name}.Sanitize()+" ALLOW_CONNECTIONS true")
	})
	// Postgres ends the app's connection (as a restart would); new ones are refused.
	if _, err := admin.Exec(t.Context(), "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", name); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/today", "/habits", "/today"} {
		resp := c.Get(path).Do()
		if resp.StatusCode != http.StatusServiceUnavailable {
			t.Fatalf("GET %s while the database refuses connections: status %d, want 503\n%s", path, resp.StatusCode, env.Logs())
		}
		resp.AssertText("h1", "Unavailable right now")
		if resp.Header.Get("Retry-After") == "" {
			t.Errorf("GET %s: 503 without Retry-After", path)
		}
	}
	c.Get("/readyz").Do().AssertStatus(http.StatusServiceUnavailable)
	c.Get("/healthz").Do().AssertStatus(http.StatusOK)
	if strings.Contains(env.Logs(), `"level":"ERROR"`) {
		t.Error("an unavailable database was logged as a fault of the app's")
	}
}

// TestLockWaitEndsWith503: a request that waits on a row another holds
// ends at the lock timeout with the 503 page, and the app goes on.
func TestLockWaitEndsWith503(t *testing.T) {
	t.Parallel()
	env := apptest.New(t, apptest.With("IGNITION_DB_LOCK_TIMEOUT", "300ms"))
	c := env.SignIn("stuck@example.com", "")
	c.Post("/focus/start").Form("kind", "focus").Do().AssertStatus(http.StatusSeeOther)
	other, err := pgx.Connect(t.Context(), env.DatabaseURL())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close(context.Background())
	tx, err := other.Begin(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(t.Context(), "SELECT 1 FROM focus_sessions FOR UPDATE"); err != nil {
		t.Fatal(err)
	}
	resp := c.Post("/focus/pause").Do().AssertStatus(http.StatusServiceUnavailable)
	resp.AssertText("h1", "Unavailable right now")
	if err := tx.Rollback(t.Context()); err != nil {
		t.Fatal(err)
	}
	c.Post("/focus/pause").Do().AssertStatus(http.StatusSeeOther)
}

// TestRequestDeadline: a request that works past IGNITION_REQUEST_TIMEOUT
// is cut off with the 503 page; its database calls are cancelled.
func TestRequestDeadline(t *testing.T) {
	t.Parallel()
	env := apptest.New(t, apptest.With("IGNITION_REQUEST_TIMEOUT", "300ms"))
	env.App.Echo.GET("/sleepy", func(c echo.Context) error {
		_, err := env.Pool.Exec(c.Request().Context(), "SELECT pg_sleep(3)")
		return err
	})
	c := env.SignIn("sleepy@example.com", "")
	start := time.Now()
	c.Get("/sleepy").Do().AssertStatus(http.StatusServiceUnavailable).AssertText("h1", "Unavailable right now")
	if d := time.Since(start); d > 2500*time.Millisecond {
		t.Errorf("the request ran %s past a 300 ms deadline", d)
	}
	// The app answers again (the cancelled call's connection is replaced;
	// on a loaded machine the first page may itself meet the short deadline).
	for i := 0; ; i++ {
		r := c.Get("/today").Do()
		if r.StatusCode == http.StatusOK {
			break
		}
		if i == 10 {
			r.AssertStatus(http.StatusOK)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestCSRFTokenRotatesAndNeverComesFromTheQuery: signing in and out gives
// the browser a new token (one seen before is worthless after), and a token
// in the query string is not accepted.
func TestCSRFTokenRotatesAndNeverComesFromTheQuery(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.Client()
	before := c.CSRF()
	c.Post("/signin/dev").Form("email", "rot@example.com").Do().AssertStatus(http.StatusSeeOther)
	during := c.CSRF()
	if during == before {
		t.Fatal("signing in kept the CSRF token")
	}
	c.Post("/settings/theme").NoCSRF().Form("theme", "dark", "_csrf", before).Do().AssertStatus(http.StatusForbidden)
	c.Post("/settings/theme").NoCSRF().Form("theme", "dark").Header("X-CSRF-Token", during).Do().AssertStatus(http.StatusSeeOther)
	c.Post("/settings/theme?_csrf="+during).NoCSRF().Form("theme", "light").Do().AssertStatus(http.StatusForbidden)
	c.Post("/settings/theme?_csrf=" + during).NoCSRF().Do().AssertStatus(http.StatusForbidden)
	c.Post("/settings/theme?_csrf="+during).NoCSRF().Multipart().Form("theme", "light").Do().AssertStatus(http.StatusForbidden)
	c.Post("/settings/theme").NoCSRF().Multipart().Form("theme", "light", "_csrf", during).Do().AssertStatus(http.StatusSeeOther)
	// The page's forms carry the current token.
	if v, _ := c.Get("/settings").Do().Attr(`#preferences-form input[name="_csrf"]`, "value"); v != during {
		t.Errorf("forms carry %q, want the cookie's token", v)
	}
	c.Post("/signout").Do().AssertRedirect("/signin")
	if after := c.CSRF(); after == during {
		t.Error("signing out kept the CSRF token")
	}
	c.Post("/signin/dev").NoCSRF().Form("email", "rot@example.com", "_csrf", during).Do().AssertStatus(http.StatusForbidden)
}

// TestTrustedProxies: behind a trusted proxy each client has its own
// sign-in bucket; X-Forwarded-For from anyone else is ignored.
func TestTrustedProxies(t *testing.T) {
	t.Parallel()
	attempts := func(env *apptest.Env, xff string) int {
		c := env.Client()
		for i := 1; i <= 4; i++ {
			if c.Post("/signin/dev").Form("email", "x").Header("X-Forwarded-For", xff).Do().StatusCode == http.StatusTooManyRequests {
				return i - 1
			}
		}
		return 4
	}
	proxied := apptest.New(t, apptest.With("IGNITION_SIGNIN_RATE", "2", "IGNITION_TRUSTED_PROXIES", "127.0.0.1/32,::1"))
	if n := attempts(proxied, "203.0.113.7"); n != 2 {
		t.Errorf("first client behind the proxy got %d attempts, want 2", n)
	}
	if n := attempts(proxied, "203.0.113.8"); n != 2 {
		t.Errorf("second client behind the proxy got %d attempts, want its own 2", n)
	}
	if n := attempts(proxied, "203.0.113.9, 203.0.113.7"); n != 0 {
		t.Errorf("a client naming another before it got %d attempts: the nearest untrusted entry counts, want 0", n)
	}
	direct := apptest.New(t, apptest.With("IGNITION_SIGNIN_RATE", "2"))
	attempts(direct, "203.0.113.7")
	if n := attempts(direct, "203.0.113.8"); n != 0 {
		t.Errorf("without trusted proxies a forged X-Forwarded-For bought %d more attempts", n)
	}
}

// TestScriptsCarrySubresourceIntegrity: every script and style sheet a page
// loads names the hash of the bytes the server sends, so a browser runs only
// those exact bytes.
func TestScriptsCarrySubresourceIntegrity(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("sri@example.com", "")
	page := c.Get("/today").Do().AssertStatus(http.StatusOK)
	checked := 0
	for _, sel := range []string{"script[src]", `link[rel="stylesheet"]`} {
		page.Doc().Find(sel).Each(func(_ int, s *goquery.Selection) {
			src := s.AttrOr("src", s.AttrOr("href", ""))
			want := s.AttrOr("integrity", "")
			body := c.Get(src).Do().AssertStatus(http.StatusOK).Body
			sum := sha512.Sum384(body)
			if got := "sha384-" + base64.StdEncoding.EncodeToString(sum[:]); got != want {
				t.Errorf("%s: integrity %q, the body hashes to %q", src, want, got)
			}
			checked++
		})
	}
	if checked < 4 {
		t.Fatalf("checked %d assets", checked)
	}
}
