package server_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"ignition/app/apptest"
)

// publicRoutes may be reached without a session. Everything else must send
// a visitor to sign in.
var publicRoutes = []string{
	"/", "/signin", "/signin/dev", "/signin/:provider", "/auth/callback/:provider",
	"/signin/passkey/begin", "/signin/passkey/finish",
	"/healthz", "/readyz", "/metrics", "/assets/*", "/sw.js", "/manifest.webmanifest",
	"/planner/feed/:token", // a calendar app's: the secret in the link is the key (planner tests prove an unknown one is 404)
}

// concrete fills a route's parameters with plausible values.
func concrete(path string) string {
	parts := strings.Split(path, "/")
	for i, p := range parts {
		switch {
		case strings.HasPrefix(p, ":"):
			parts[i] = "00000000-0000-4000-8000-000000000001"
		case p == "*":
			parts[i] = "x"
		}
	}
	return strings.Join(parts, "/")
}

// TestRouteTableIsPrivateByDefault walks every registered route as a
// visitor, and as a user still waiting for approval.
func TestRouteTableIsPrivateByDefault(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	visitor := env.Client()
	pending := env.Client()
	pending.Post("/signin/dev").Form("email", "waiting@example.com").Do().AssertStatus(http.StatusSeeOther)
	if _, err := env.Pool.Exec(t.Context(), "UPDATE users SET status = 'pending' WHERE email = 'waiting@example.com'"); err != nil {
		t.Fatal(err)
	}
	pendingAllowed := []string{"/pending", "/signout"}

	walked := 0
	for _, r := range env.App.Echo.Routes() {
		if r.Method != http.MethodGet && r.Method != http.MethodPost || slices.Contains(publicRoutes, r.Path) {
			continue
		}
		walked++
		path := concrete(r.Path)
		send := func(c *apptest.Client) *apptest.Response {
			if r.Method == http.MethodGet {
				return c.Get(path).Do()
			}
			return c.Post(path).Do()
		}
		if resp := send(visitor); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/signin" {
			t.Errorf("%s %s is reachable without a session (status %d)", r.Method, r.Path, resp.StatusCode)
		}
		if slices.Contains(pendingAllowed, r.Path) {
			continue
		}
		if resp := send(pending); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/pending" {
			t.Errorf("%s %s is reachable while waiting for approval (status %d, to %q)", r.Method, r.Path, resp.StatusCode, resp.Header.Get("Location"))
		}
	}
	if walked < 15 {
		t.Fatalf("walked only %d routes", walked)
	}
}
