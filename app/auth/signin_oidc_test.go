//go:build !fast

package auth_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"ignition/app/apptest"
	"ignition/app/oidctest"
	"ignition/app/session"
)

// providerLogin starts a sign-in with Dex, logs in on Dex's own form and
// returns the callback URL Dex sends the browser back to, unvisited.
func providerLogin(t *testing.T, env *apptest.Env, c *apptest.Client, email string) string {
	t.Helper()
	resp := c.Get("/signin/dex").Do().AssertStatus(http.StatusSeeOther)
	next := resp.Header.Get("Location")
	for range 10 {
		if strings.HasPrefix(next, env.URL()) {
			return next
		}
		r, err := c.HTTP().Get(next)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(r.Body)
		r.Body.Close()
		base, _ := url.Parse(next)
		switch {
		case r.StatusCode >= 300 && r.StatusCode < 400:
			loc, _ := base.Parse(r.Header.Get("Location"))
			next = loc.String()
		case r.StatusCode == http.StatusOK:
			doc, err := goquery.NewDocumentFromReader(strings.NewReader(string(body)))
			if err != nil {
				t.Fatal(err)
			}
			action, ok := doc.Find("form").Attr("action")
			if !ok {
				t.Fatalf("no login form at %s:\n%s", next, body)
			}
			target, _ := base.Parse(action)
			r, err := c.HTTP().PostForm(target.String(), url.Values{"login": {email}, "password": {oidctest.Password}})
			if err != nil {
				t.Fatal(err)
			}
			r.Body.Close()
			if r.StatusCode < 300 || r.StatusCode >= 400 {
				t.Fatalf("Dex login answered %d", r.StatusCode)
			}
			loc, _ := target.Parse(r.Header.Get("Location"))
			next = loc.String()
		default:
			t.Fatalf("Dex answered %d at %s:\n%s", r.StatusCode, next, body)
		}
	}
	t.Fatal("no callback after 10 steps")
	return ""
}

// callback visits the callback URL and returns the response.
func callback(c *apptest.Client, env *apptest.Env, callbackURL string) *apptest.Response {
	return c.Get(strings.TrimPrefix(callbackURL, env.URL())).Do()
}

func admins(emails string) func(string) string {
	return func(name string) string {
		if name == "IGNITION_ADMIN_EMAILS" {
			return emails
		}
		return ""
	}
}

func TestProviderSignInOnboardingAndApproval(t *testing.T) {
	t.Parallel()
	env, _ := apptest.NewWithDex(t, admins("admin@example.com"))
	page := env.Client().Get("/signin").Do().AssertStatus(http.StatusOK)
	if href, _ := page.Attr(`a[href="/signin/dex"]`, "href"); href == "" {
		t.Fatal("the sign-in page has no Dex button")
	}

	newbie := env.Client()
	before := newbie.Cookie(session.CookieName)
	callback(newbie, env, providerLogin(t, env, newbie, "newbie@example.com")).AssertRedirect("/")
	if after := newbie.Cookie(session.CookieName); after == "" || after == before {
		t.Fatal("sign-in did not issue a fresh session")
	}
	newbie.Get("/").Do().AssertRedirect("/onboarding/age")
	newbie.Get("/today").Do().AssertRedirect("/onboarding/age")
	newbie.Get("/settings").Do().AssertRedirect("/onboarding/age")

	bad := newbie.Post("/onboarding/age").Form("birth_date", "2999-01-01").Do().AssertStatus(http.StatusUnprocessableEntity)
	bad.AssertText("#birth-date-error", "cannot be in the future")
	if v, _ := bad.Attr("#birth-date", "value"); v != "2999-01-01" {
		t.Errorf("typed date lost: %q", v)
	}
	newbie.Post("/onboarding/age").Form("birth_date", "nonsense").Do().AssertStatus(http.StatusUnprocessableEntity)
	newbie.Post("/onboarding/age").Form("birth_date", "").Do().AssertStatus(http.StatusUnprocessableEntity).AssertText("#birth-date-error", "required")

	sessionBefore := newbie.Cookie(session.CookieName)
	newbie.Post("/onboarding/age").Form("birth_date", "1990-04-30").Do().AssertRedirect("/onboarding/terms")
	if newbie.Cookie(session.CookieName) == sessionBefore {
		t.Error("age verification did not rotate the session")
	}
	newbie.Get("/onboarding/age").Do().AssertRedirect("/onboarding/terms")
	newbie.Post("/onboarding/terms").Do().AssertStatus(http.StatusUnprocessableEntity).AssertText("#accept-error", "Accept the terms")
	newbie.Post("/onboarding/terms").Form("accept", "yes").Do().AssertRedirect("/")
	newbie.Get("/today").Do().AssertRedirect("/pending")
	newbie.Get("/pending").Do().AssertStatus(http.StatusOK).AssertText("h1", "Waiting for approval")
	newbie.Get("/admin/approvals").Do().AssertRedirect("/pending")

	// The administrator is approved at once and sees the queue.
	admin := env.Client()
	callback(admin, env, providerLogin(t, env, admin, "admin@example.com")).AssertRedirect("/")
	admin.Post("/onboarding/age").Form("birth_date", "1980-01-01").Do().AssertRedirect("/onboarding/terms")
	admin.Post("/onboarding/terms").Form("accept", "yes").Do().AssertRedirect("/")
	admin.Get("/").Do().AssertRedirect("/today")
	list := admin.Get("/admin/approvals").Do().AssertStatus(http.StatusOK)
	list.AssertText("#pending-users", "newbie@example.com")
	id := strings.TrimPrefix(list.Doc().Find("#pending-users li").First().AttrOr("id", ""), "pending-")

	// Nobody else can review.
	other := env.SignIn("someone@example.com", "")
	other.Get("/admin/approvals").Do().AssertStatus(http.StatusNotFound)
	other.Post("/admin/approvals/" + id + "/approve").Do().AssertStatus(http.StatusNotFound)

	list.AssertText("#pending-count", "1 waiting")
	reviewed := admin.Post("/admin/approvals/" + id + "/approve").HTMX().Do().AssertStatus(http.StatusOK)
	reviewed.AssertText(".list-main", "newbie@example.com").AssertText(".list-main .badge", "Approved")
	reviewed.AssertText(`#pending-count[hx-swap-oob]`, "No one else is waiting.")
	admin.Post("/admin/approvals/" + id + "/approve").Do().AssertStatus(http.StatusNotFound)
	newbie.Get("/today").Do().AssertStatus(http.StatusOK)
}

func TestDeniedAccountStaysOut(t *testing.T) {
	t.Parallel()
	env, _ := apptest.NewWithDex(t, admins("admin@example.com"))
	pat := env.Client()
	callback(pat, env, providerLogin(t, env, pat, "pat@example.com")).AssertRedirect("/")
	pat.Post("/onboarding/age").Form("birth_date", "1999-09-09").Do()
	pat.Post("/onboarding/terms").Form("accept", "yes").Do()

	admin := env.Client()
	callback(admin, env, providerLogin(t, env, admin, "admin@example.com")).AssertRedirect("/")
	admin.Post("/onboarding/age").Form("birth_date", "1980-01-01").Do()
	admin.Post("/onboarding/terms").Form("accept", "yes").Do()
	id := strings.TrimPrefix(admin.Get("/admin/approvals").Do().Doc().Find("#pending-users li").First().AttrOr("id", ""), "pending-")
	admin.Post("/admin/approvals/" + id + "/deny").Do().AssertRedirect("/admin/approvals")

	pat.Get("/today").Do().AssertRedirect("/pending")
	pat.Get("/pending").Do().AssertText("h1", "Account not approved")
}

func TestUnderAgeSignUpIsRefusedAndBlocked(t *testing.T) {
	t.Parallel()
	env, _ := apptest.NewWithDex(t)
	kid := env.Client()
	callback(kid, env, providerLogin(t, env, kid, "kid@example.com")).AssertRedirect("/")
	resp := kid.Post("/onboarding/age").Form("birth_date", "2015-06-01").Do().AssertStatus(http.StatusForbidden)
	resp.AssertText("h1", "16 or older")
	kid.Get("/today").Do().AssertRedirect("/signin")

	var users, identities, blocks int
	err := env.Pool.QueryRow(t.Context(), `SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM identities), (SELECT count(*) FROM signup_blocks)`).Scan(&users, &identities, &blocks)
	if err != nil {
		t.Fatal(err)
	}
	if users != 0 || identities != 0 || blocks != 1 {
		t.Fatalf("after refusal: %d users, %d identities, %d blocks; want 0, 0, 1", users, identities, blocks)
	}
	var leaked int
	if err := env.Pool.QueryRow(t.Context(), `SELECT count(*) FROM signup_blocks WHERE encode(identity_hash, 'escape') LIKE '%kid%'`).Scan(&leaked); err != nil || leaked != 0 {
		t.Fatalf("the block record holds the identity in clear (%d, %v)", leaked, err)
	}

	again := env.Client()
	callback(again, env, providerLogin(t, env, again, "kid@example.com")).AssertStatus(http.StatusForbidden).AssertText("h1", "Sign-in blocked")
	again.Get("/today").Do().AssertRedirect("/signin")
}

func TestCallbackRejectsTamperedStateAndReplayedCode(t *testing.T) {
	t.Parallel()
	env, _ := apptest.NewWithDex(t)
	c := env.Client()
	cb := providerLogin(t, env, c, "ada@example.com")
	u, _ := url.Parse(cb)
	q := u.Query()
	q.Set("state", q.Get("state")+"x")
	u.RawQuery = q.Encode()
	callback(c, env, u.String()).AssertStatus(http.StatusBadRequest).AssertText("h1", "Sign-in link expired")
	callback(c, env, cb).AssertStatus(http.StatusBadRequest) // the flow was consumed by the failed attempt
	c.Get("/today").Do().AssertRedirect("/signin")

	// A callback from a sign-in another browser started is refused.
	other := env.Client()
	callback(other, env, providerLogin(t, env, c, "ada@example.com")).AssertStatus(http.StatusBadRequest)

	// A used code does not work twice, even with a fresh state.
	first := providerLogin(t, env, c, "ada@example.com")
	callback(c, env, first).AssertRedirect("/")
	fresh := c.Get("/signin/dex").Do().AssertStatus(http.StatusSeeOther)
	authURL, _ := url.Parse(fresh.Header.Get("Location"))
	replay, _ := url.Parse(first)
	rq := replay.Query()
	rq.Set("state", authURL.Query().Get("state"))
	replay.RawQuery = rq.Encode()
	callback(c, env, replay.String()).AssertStatus(http.StatusBadRequest).AssertText("h1", "Sign-in not confirmed")

	// The provider cancelling the sign-in gets a clear page.
	c.Get("/auth/callback/dex?error=access_denied&state=x").Do().AssertStatus(http.StatusBadRequest).AssertText("h1", "Sign-in cancelled")
	c.Get("/signin/nope").Do().AssertStatus(http.StatusNotFound)
}

func TestProviderSignInLinksByVerifiedEmail(t *testing.T) {
	t.Parallel()
	env, _ := apptest.NewWithDex(t)
	dev := env.SignIn("ada@example.com", "Ada Lovelace")
	dev.Get("/today").Do().AssertText("h1", "Ada Lovelace")
	c := env.Client()
	callback(c, env, providerLogin(t, env, c, "ada@example.com")).AssertRedirect("/")
	c.Get("/").Do().AssertRedirect("/today")
	c.Get("/today").Do().AssertStatus(http.StatusOK).AssertText("h1", "Ada Lovelace")
	var n int
	if err := env.Pool.QueryRow(t.Context(), "SELECT count(*) FROM users").Scan(&n); err != nil || n != 1 {
		t.Fatalf("users = %d (%v), want the one account", n, err)
	}
}
