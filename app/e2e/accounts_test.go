//go:build !fast

package e2e

import (
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/playwright-community/playwright-go"
)

func TestProviderSignInOnboardingAndApproval(t *testing.T) {
	app, _ := startAppWithDex(t)
	newbie := app.NewTab(t)
	newbie.SignInWithDex("newbie@example.com")
	newbie.WaitForPath("/onboarding/age")
	newbie.ExpectText("h1", "Confirm your age")

	newbie.Fill("#birth-date", "2999-01-01")
	newbie.Click(`#age-form button[type=submit]`)
	newbie.ExpectText("#birth-date-error", "cannot be in the future")
	newbie.Audit()
	newbie.Fill("#birth-date", "1995-05-17")
	newbie.Click(`#age-form button[type=submit]`)
	newbie.WaitForPath("/onboarding/terms")
	newbie.Click(`#terms-form button[type=submit]`)
	newbie.ExpectText("#accept-error", "Accept the terms")
	newbie.Click(`label:has-text("I accept the terms of use")`)
	newbie.Click(`#terms-form button[type=submit]`)
	newbie.WaitForPath("/pending")
	newbie.ExpectText("h1", "Waiting for approval")

	admin := app.NewTab(t)
	admin.SignInWithDex("admin@example.com")
	admin.WaitForPath("/onboarding/age")
	admin.Fill("#birth-date", "1980-02-02")
	admin.Click(`#age-form button[type=submit]`)
	admin.WaitForPath("/onboarding/terms")
	admin.Click(`label:has-text("I accept the terms of use")`)
	admin.Click(`#terms-form button[type=submit]`)
	admin.WaitForPath("/today")
	admin.Click(`.sidebar a:has-text("Approvals")`)
	admin.WaitForPath("/admin/approvals")
	admin.ExpectText("#pending-users", "newbie@example.com")
	before, _ := admin.Page.Locator("#pending-count").TextContent()
	var waiting int
	fmt.Sscan(strings.TrimSpace(before), &waiting) // the shared server may hold other tests' accounts
	admin.Click(`button[aria-label="Approve newbie@example.com"]`)
	admin.ExpectText(`#pending-users .badge`, "Approved")
	admin.ExpectText(`#pending-users`, "newbie@example.com")
	if count, _ := admin.Page.Locator("#pending-count").TextContent(); strings.HasPrefix(strings.TrimSpace(count), strconv.Itoa(waiting)+" ") {
		t.Errorf("the waiting count still says %q", count)
	}
	admin.Audit()

	newbie.Visit("/")
	newbie.WaitForPath("/today")
	newbie.ExpectText("main h1", "newbie")
}

func TestProviderCallbackTamperingShowsAClearPage(t *testing.T) {
	app, _ := startAppWithDex(t)
	tab := app.NewTab(t)
	tab.AllowStatus("400")

	// Change the state in the provider's redirect back to the app.
	var original string
	err := tab.Page.Route("**/dex/auth/local/login**", func(r playwright.Route) {
		if r.Request().Method() != "POST" {
			r.Continue()
			return
		}
		resp, err := r.Fetch(playwright.RouteFetchOptions{MaxRedirects: playwright.Int(0)})
		if err != nil {
			r.Abort()
			return
		}
		headers := resp.Headers()
		loc, _ := url.Parse(resp.Headers()["location"])
		base, _ := url.Parse(r.Request().URL())
		loc = base.ResolveReference(loc)
		if strings.HasPrefix(loc.String(), app.URL+"/auth/callback/dex") {
			original = loc.String()
			q := loc.Query()
			q.Set("state", "tampered"+q.Get("state"))
			loc.RawQuery = q.Encode()
		}
		headers["location"] = loc.String()
		r.Fulfill(playwright.RouteFulfillOptions{Status: playwright.Int(resp.Status()), Headers: headers})
	})
	if err != nil {
		t.Fatal(err)
	}
	tab.SignInWithDex("ada@example.com")
	tab.ExpectText("h1", "Sign-in link expired")
	tab.Audit()
	if err := tab.Page.UnrouteAll(); err != nil {
		t.Fatal(err)
	}

	// The untampered callback, now replayed, is refused as well.
	if !strings.Contains(original, "code=") {
		t.Fatalf("no callback was intercepted: %q", original)
	}
	tab.Visit(strings.TrimPrefix(original, app.URL))
	tab.ExpectText("h1", "Sign-in link expired")
	tab.Visit("/today")
	tab.WaitForPath("/signin")

	// A normal sign-in still works afterwards.
	tab.SignInWithDex("ada@example.com")
	tab.WaitForPath("/onboarding/age")
}

func TestUnderAgeSignUpIsRefused(t *testing.T) {
	app, _ := startAppWithDex(t)
	tab := app.NewTab(t)
	tab.AllowStatus("403")
	tab.SignInWithDex("kid@example.com")
	tab.WaitForPath("/onboarding/age")
	tab.Fill("#birth-date", "2014-03-03")
	tab.Click(`#age-form button[type=submit]`)
	tab.ExpectText("h1", "16 or older")
	tab.Audit()
	tab.Visit("/today")
	tab.WaitForPath("/signin")

	tab.Click(`a:has-text("Sign in with Dex")`)
	tab.LoginAtDex("kid@example.com")
	tab.ExpectText("h1", "Sign-in blocked")
	tab.Audit()
}

func TestPreferencesSessionsAndExport(t *testing.T) {
	app := startApp(t)
	laptop := app.NewTab(t)
	laptop.SignIn("prefs@example.com", "Pia")
	phone := app.NewPhoneTab(t)
	phone.SignIn("prefs@example.com", "Pia")

	// Preferences save in place.
	laptop.Visit("/settings")
	if _, err := laptop.Page.Locator("#time-zone").SelectOption(selectValue("Europe/Paris")); err != nil {
		t.Fatal(err)
	}
	if _, err := laptop.Page.Locator("#daw").SelectOption(selectValue("fl")); err != nil {
		t.Fatal(err)
	}
	laptop.Click(`#preferences-form button[type=submit]`)
	laptop.ExpectText(`#preferences [role="status"]`, "Preferences saved.")
	laptop.Audit()
	laptop.Visit("/settings")
	laptop.ExpectAttr("#time-zone option[selected]", "value", "Europe/Paris")
	laptop.ExpectAttr("#daw option[selected]", "value", "fl")

	// The laptop sees both sessions and signs the phone out.
	laptop.Visit("/settings/security")
	laptop.ExpectText("#sessions", "This device")
	if n, _ := laptop.Page.Locator("#sessions li").Count(); n != 2 {
		t.Fatalf("sessions listed = %d, want 2", n)
	}
	laptop.Click(`#sessions button:has-text("Sign out")`)
	laptop.WaitForPath("/settings/security?done=revoked")
	phone.Visit("/today")
	phone.WaitForPath("/signin")

	// The export downloads as a file.
	laptop.Visit("/settings/account")
	download, err := laptop.Page.ExpectDownload(func() error {
		return laptop.Page.Locator(`a:has-text("Download my data")`).Click()
	})
	if err != nil {
		t.Fatal(err)
	}
	if name := download.SuggestedFilename(); !strings.HasPrefix(name, "ignition-export-") || !strings.HasSuffix(name, ".json") {
		t.Errorf("download named %q", name)
	}
	path, err := download.Path()
	if err != nil {
		t.Fatal(err)
	}
	body, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(body), "prefs@example.com") || !strings.Contains(string(body), "Europe/Paris") {
		t.Errorf("the export lacks the user's data:\n%.400s", body)
	}
}

func selectValue(v string) playwright.SelectOptionValues {
	return playwright.SelectOptionValues{Values: &[]string{v}}
}
