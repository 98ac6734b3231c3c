package server_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"ignition/app/apptest"
	"ignition/app/static"
)

func TestVisitorIsSentToSignIn(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.Client()
	c.Get("/today").Do().AssertStatus(http.StatusSeeOther).AssertRedirect("/signin")
	c.Get("/settings").HTMX().Do().AssertStatus(http.StatusNoContent).AssertRedirect("/signin")
	c.Get("/").Do().AssertRedirect("/signin")
	c.Get("/signin").Do().AssertStatus(http.StatusOK).AssertText("h1", "Sign in")
}

func TestDevSignInRejectsBadInputAndKeepsIt(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.Client()
	resp := c.Post("/signin/dev").Form("email", "not-an-email", "name", "Ada").Do().AssertStatus(http.StatusUnprocessableEntity)
	resp.AssertText("#signin-email-error", "Enter an email address")
	if v, _ := resp.Attr("#signin-email", "value"); v != "not-an-email" {
		t.Errorf("email field lost what was typed: %q", v)
	}
	if v, _ := resp.Attr("#signin-name", "value"); v != "Ada" {
		t.Errorf("name field lost what was typed: %q", v)
	}
	if v, _ := resp.Attr("#signin-email", "aria-invalid"); v != "true" {
		t.Errorf("email field not marked invalid")
	}

	// An htmx submission gets only the form back.
	frag := c.Post("/signin/dev").HTMX().Form("email", "", "name", strings.Repeat("x", 101)).Do().AssertStatus(http.StatusUnprocessableEntity)
	if frag.Doc().Find("html").Length() != 0 && frag.Doc().Find("nav").Length() != 0 {
		t.Error("htmx answer carried the whole page")
	}
	frag.AssertText("#signin-email-error", "Email is required.")
	frag.AssertText("#signin-name-error", "Name must be at most 100 characters.")
}

func TestSignInShowsTheUserAndSignOutEnds(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("ada@example.com", "Ada Lovelace")
	page := c.Get("/today").Do().AssertStatus(http.StatusOK)
	page.AssertText("h1", "Ada Lovelace")
	page.AssertText("#user-menu .menu-head", "ada@example.com")
	if cur, _ := page.Attr(`nav a[aria-current="page"]`, "href"); cur != "/today" {
		t.Errorf("current nav item = %q, want /today", cur)
	}
	// The same email signs in to the same account, whatever its case.
	again := env.SignIn("ADA@example.com", "")
	again.Get("/today").Do().AssertText("h1", "Ada Lovelace")

	c.Post("/signout").Do().AssertRedirect("/signin")
	c.Get("/today").Do().AssertRedirect("/signin")
	again.Get("/today").Do().AssertStatus(http.StatusOK)
}

func TestSignInRotatesTheSession(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.Client()
	c.Post("/signin/dev").Form("email", "rot@example.com").Do().AssertStatus(http.StatusSeeOther)
	var n int
	if err := env.Pool.QueryRow(t.Context(), "SELECT count(*) FROM sessions").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Fatalf("sessions after sign-in = %d, want 1", n)
	}
	c.Post("/signin/dev").Form("email", "rot@example.com").Do().AssertStatus(http.StatusSeeOther)
	if err := env.Pool.QueryRow(t.Context(), "SELECT count(*) FROM sessions").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Fatalf("signing in again left %d sessions, want the old one replaced", n)
	}
}

func TestSignOutEverywhere(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	laptop := env.SignIn("grace@example.com", "Grace")
	phone := env.SignIn("grace@example.com", "Grace")
	other := env.SignIn("linus@example.com", "Linus")
	laptop.Post("/signout/everywhere").Do().AssertRedirect("/signin")
	laptop.Get("/today").Do().AssertRedirect("/signin")
	phone.Get("/today").Do().AssertRedirect("/signin")
	other.Get("/today").Do().AssertStatus(http.StatusOK)
}

func TestThemePersistsAndRendersOnHTML(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("theme@example.com", "")
	if th, _ := c.Get("/today").Do().Attr("html", "data-theme"); th != "system" {
		t.Fatalf("default theme = %q, want system", th)
	}
	c.Post("/settings/theme").Form("theme", "dark").Do().AssertRedirect("/settings?saved=theme")
	page := c.Get("/settings?saved=theme").Do().AssertStatus(http.StatusOK)
	if th, _ := page.Attr("html", "data-theme"); th != "dark" {
		t.Errorf("theme after save = %q, want dark", th)
	}
	if _, checked := page.Attr(`input[name="theme"][value="dark"]`, "checked"); !checked {
		t.Error("dark is not the checked choice")
	}
	page.AssertText(`[role="status"]`, "Theme saved.")

	// The user menu's quick switch returns to where it was used.
	c.Post("/settings/theme").Form("theme", "light", "return_to", "/today").Do().AssertRedirect("/today")
	// Never to another site.
	c.Post("/settings/theme").Form("theme", "light", "return_to", "//evil.example/").Do().AssertRedirect("/settings?saved=theme")

	bad := c.Post("/settings/theme").Form("theme", "neon").Do().AssertStatus(http.StatusUnprocessableEntity)
	bad.AssertText(".field-error", "Choose one of the offered options")
	if th, _ := c.Get("/today").Do().Attr("html", "data-theme"); th != "light" {
		t.Errorf("a rejected theme changed the stored one to %q", th)
	}
}

func TestCSRFIsRequired(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("csrf@example.com", "")
	c.Post("/settings/theme").NoCSRF().Form("theme", "dark").Do().AssertStatus(http.StatusForbidden).AssertText("h1", "Not allowed")
	c.Post("/settings/theme").NoCSRF().Form("theme", "dark", "_csrf", "forged").Do().AssertStatus(http.StatusForbidden)
	c.Post("/signout").NoCSRF().Header("Sec-Fetch-Site", "cross-site").Do().AssertStatus(http.StatusForbidden)
	c.Get("/today").Do().AssertStatus(http.StatusOK) // still signed in
	if th, _ := c.Get("/today").Do().Attr("html", "data-theme"); th != "system" {
		t.Errorf("a forged request changed the theme to %q", th)
	}
}

func TestBadInputGetsClearErrors(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("bad@example.com", "")
	c.Get("/no/such/page").Do().AssertStatus(http.StatusNotFound).AssertText("h1", "Page not found")
	env.Client().Get("/nope").Do().AssertStatus(http.StatusNotFound).AssertText("h1", "Page not found")
	c.Post("/today").Do().AssertStatus(http.StatusMethodNotAllowed)

	big := "theme=dark&_csrf=" + c.CSRF() + "&pad=" + strings.Repeat("a", 2<<20)
	c.Post("/settings/theme").RawBody(big).Do().AssertStatus(http.StatusRequestEntityTooLarge).AssertText("h1", "Too large")

	c.Post("/settings/theme").RawBody("_csrf=" + c.CSRF() + "&theme=%zz").Do().AssertStatus(http.StatusBadRequest)

	// Bytes no browser sends and Postgres cannot store as text.
	for _, title := range []string{"ab%FF%FEcd", "ab%00cd"} {
		for _, path := range []string{"/habits", "/goals"} {
			body := "_csrf=" + c.CSRF() + "&cadence=daily&skill=guts&category=personal&title=" + title
			c.Post(path).RawBody(body).Do().AssertStatus(http.StatusBadRequest).AssertText("h1", "Bad request")
		}
	}
	for _, path := range []string{"/quests/ab%00cd/claim", "/quests/ab%FFcd/advance", "/market/ab%00cd/buy", "/market/ab%FF/equip", "/market/x%00/unequip"} {
		c.Post(path).Do().AssertStatus(http.StatusNotFound).AssertText("h1", "Page not found")
	}
	var n int
	if err := env.Pool.QueryRow(t.Context(), "SELECT (SELECT count(*) FROM habits) + (SELECT count(*) FROM goals)").Scan(&n); err != nil || n != 0 {
		t.Errorf("malformed forms stored %d rows (%v)", n, err)
	}
}

func TestPanicsRenderA500WithRequestID(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	env.App.Echo.GET("/boom", func(echo.Context) error { panic("kaboom") })
	resp := env.SignIn("panic@example.com", "").Get("/boom").Do().AssertStatus(http.StatusInternalServerError)
	id := resp.Header.Get("X-Request-Id")
	if id == "" || resp.Text("code") != id {
		t.Errorf("error page reference %q, want the request ID %q", resp.Text("code"), id)
	}
	if strings.Contains(string(resp.Body), "goroutine") || strings.Contains(string(resp.Body), "kaboom") {
		t.Error("the 500 page shows internals")
	}
	if !strings.Contains(env.Logs(), `"msg":"panic"`) || !strings.Contains(env.Logs(), id) {
		t.Error("the panic was not logged with its request ID")
	}
}

func TestSecurityHeaders(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	resp := env.Client().Get("/signin").Do()
	want := map[string]string{
		"Content-Security-Policy": "script-src 'self';",
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "same-origin",
		"X-Frame-Options":         "DENY",
	}
	for name, part := range want {
		if !strings.Contains(resp.Header.Get(name), part) {
			t.Errorf("%s = %q, want it to contain %q", name, resp.Header.Get(name), part)
		}
	}
	csp := resp.Header.Get("Content-Security-Policy")
	for _, bad := range []string{"unsafe-inline", "unsafe-eval"} {
		if strings.Contains(csp, bad) {
			t.Errorf("CSP allows %s", bad)
		}
	}
	if !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Error("CSP lets other sites frame the app")
	}
	if resp.Header.Get("Strict-Transport-Security") != "" {
		t.Error("HSTS sent over plain http")
	}
	if !strings.Contains(strings.Join(resp.Header.Values("Vary"), ","), "HX-Request") {
		t.Error("page does not vary by HX-Request")
	}
	for _, ck := range resp.Cookies() {
		if !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode {
			t.Errorf("cookie %s: HttpOnly=%v SameSite=%v", ck.Name, ck.HttpOnly, ck.SameSite)
		}
	}

	tls := apptest.New(t, func(name string) string {
		if name == "IGNITION_BASE_URL" {
			return "https://ignition.example"
		}
		return ""
	})
	// Behind TLS termination the app itself still speaks plain http.
	raw, err := http.Get(tls.Server.URL + "/signin")
	if err != nil {
		t.Fatal(err)
	}
	raw.Body.Close()
	if raw.Header.Get("Strict-Transport-Security") == "" {
		t.Error("no HSTS when served over https")
	}
	for _, ck := range raw.Cookies() {
		if !ck.Secure {
			t.Errorf("cookie %s is not Secure over https", ck.Name)
		}
	}
}

func TestSignInIsRateLimited(t *testing.T) {
	t.Parallel()
	env := apptest.New(t, func(name string) string {
		if name == "IGNITION_SIGNIN_RATE" {
			return "3"
		}
		return ""
	})
	c := env.Client()
	for i := 0; i < 3; i++ {
		c.Post("/signin/dev").Form("email", "x").Do().AssertStatus(http.StatusUnprocessableEntity)
	}
	resp := c.Post("/signin/dev").Form("email", "ok@example.com").Do().AssertStatus(http.StatusTooManyRequests)
	if resp.Header.Get("Retry-After") == "" {
		t.Error("429 without Retry-After")
	}
	resp.AssertText("h1", "Too many attempts")
}

func TestDevSignInOnlyInDevelopmentOnLoopback(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ env, addr string }{{"production", "127.0.0.1:8080"}, {"development", "0.0.0.0:8080"}} {
		env := apptest.New(t, func(name string) string {
			switch name {
			case "IGNITION_ENV":
				return tc.env
			case "IGNITION_ADDR":
				return tc.addr
			}
			return ""
		})
		c := env.Client()
		// The path belongs to the provider routes, which take no POST.
		c.Post("/signin/dev").Form("email", "dev@example.com").Do().AssertStatus(http.StatusMethodNotAllowed)
		c.Get("/today").Do().AssertRedirect("/signin")
		page := c.Get("/signin").Do().AssertStatus(http.StatusOK)
		if page.Doc().Find("#dev-signin").Length() != 0 {
			t.Errorf("%s on %s shows the development sign-in", tc.env, tc.addr)
		}
	}
}

func TestHealthReadinessAndMetrics(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.Client()
	c.Get("/healthz").Do().AssertStatus(http.StatusOK)
	c.Get("/readyz").Do().AssertStatus(http.StatusOK)
	c.Get("/signin").Do()
	m := c.Get("/metrics").Do().AssertStatus(http.StatusOK)
	if !strings.Contains(string(m.Body), `ignition_http_requests_total{method="GET",route="/signin",status="2xx"} 1`) {
		t.Errorf("metrics lack the sign-in request:\n%s", m.Body)
	}
	if !strings.Contains(string(m.Body), `ignition_http_request_duration_seconds_bucket{method="GET",route="/signin"`) {
		t.Error("metrics lack the latency histogram")
	}
	env.Pool.Close()
	c.Get("/readyz").Do().AssertStatus(http.StatusServiceUnavailable)
}

// Plumbing serves a signed-in browser without reading its session: each
// asset request carries the cookie, and none should cost a database query.
func TestPlumbingSkipsTheSessionLookup(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("ada@example.com", "Ada")
	css := static.URL("css/app.css")
	c.Get(css).Do().AssertStatus(http.StatusOK)
	env.Pool.Close() // from here on, any session lookup fails
	c.Get("/healthz").Do().AssertStatus(http.StatusOK)
	c.Get(css).Do().AssertStatus(http.StatusOK)
	c.Get("/metrics").Do().AssertStatus(http.StatusOK)
	c.Get("/today").Do().AssertStatus(http.StatusInternalServerError)
}

func TestLogsNeverCarryFormValues(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	const canary = "canary-7f3a9c2e-never-log-me"
	c := env.Client()
	c.Post("/signin/dev").Form("email", canary, "name", canary).Do().AssertStatus(http.StatusUnprocessableEntity)
	c.Post("/signin/dev").Form("email", canary+"@example.com", "name", canary).Do().AssertStatus(http.StatusSeeOther)
	c.Post("/settings/theme").Form("theme", canary).Do().AssertStatus(http.StatusUnprocessableEntity)
	c.Post("/settings/theme").NoCSRF().Form("theme", canary, "_csrf", canary).Do().AssertStatus(http.StatusForbidden)
	c.Get("/today?q="+canary).Header("X-Request-Id", canary).Header("User-Agent", canary).Do().AssertStatus(http.StatusOK)
	c.Get("/" + canary).Do().AssertStatus(http.StatusNotFound)
	logs := env.Logs()
	if !strings.Contains(logs, `"route":"/signin/dev"`) {
		t.Fatalf("expected request logs, got:\n%s", logs)
	}
	if strings.Contains(logs, canary) {
		t.Fatalf("a submitted value reached the logs:\n%s", logs)
	}
	if !strings.Contains(logs, `"user_id":"`) {
		t.Error("signed-in requests are logged without the user ID")
	}
}

func TestSweepDeletesTelemetryPastRetention(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	env.SignIn("kept@example.com", "")
	// More old exposures than one delete takes, one of them acted on, and
	// one recent exposure.
	_, err := env.Pool.Exec(t.Context(), `
		INSERT INTO decision_exposures (id, user_id, context, candidates, created_at)
		SELECT gen_random_uuid(), u.id, '{}', '[]', now() - interval '91 days' - i * interval '1 second'
		FROM users u, generate_series(1, 5003) AS i;
		INSERT INTO decision_outcomes (exposure_id, user_id, decision_id, action, time_to_action_ms)
		SELECT id, user_id, 'focus:start', 'started', 1000 FROM decision_exposures LIMIT 1;
		INSERT INTO decision_exposures (id, user_id, context, candidates, created_at)
		SELECT gen_random_uuid(), id, '{}', '[]', now() - interval '89 days' FROM users`)
	if err != nil {
		t.Fatal(err)
	}
	env.App.Sweep(t.Context(), time.Now())
	var exposures, outcomes int
	err = env.Pool.QueryRow(t.Context(), "SELECT (SELECT count(*) FROM decision_exposures), (SELECT count(*) FROM decision_outcomes)").Scan(&exposures, &outcomes)
	if err != nil {
		t.Fatal(err)
	}
	if exposures != 1 || outcomes != 0 {
		t.Errorf("after the sweep: %d exposures, %d outcomes; want the recent exposure only", exposures, outcomes)
	}
	if !strings.Contains(env.Logs(), `"expired_exposures":5003`) {
		t.Errorf("the sweep did not log what it deleted:\n%s", env.Logs())
	}
}
