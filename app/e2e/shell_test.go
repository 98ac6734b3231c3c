//go:build !fast

package e2e

import (
	"strings"
	"testing"
	"time"
)

func TestSignInNavigateAndSignOut(t *testing.T) {
	app := startApp(t)
	tab := app.NewTab(t)
	tab.Visit("/today")
	tab.WaitForPath("/signin")
	tab.ExpectText("h1", "Sign in")
	tab.ExpectText(".dev-notice", "Development sign-in")

	// A bad email is refused in place, keeping what was typed.
	const canary = "canary-5d1e-never-in-logs"
	tab.Fill("#signin-email", "not-an-email")
	tab.Fill("#signin-name", canary)
	tab.Click("#dev-signin button[type=submit]")
	tab.ExpectText("#signin-email-error", "Enter an email address")
	tab.ExpectAttr("#signin-name", "value", canary)
	tab.Audit()

	tab.Fill("#signin-email", "ada@example.com")
	tab.Fill("#signin-name", "Ada "+canary)
	tab.Click("#dev-signin button[type=submit]")
	tab.WaitForPath("/today")
	tab.ExpectText("main h1", "Ada "+canary)

	// The sidebar navigates; the current page is marked.
	tab.Click(`.sidebar a[href="/settings"]`)
	tab.WaitForPath("/settings")
	tab.ExpectText("main h1", "Settings")
	tab.ExpectAttr(`.sidebar a[href="/settings"]`, "aria-current", "page")
	tab.Click(`.sidebar a[href="/today"]`)
	tab.WaitForPath("/today")

	// An unknown address gets the styled 404 inside the shell.
	tab.AllowStatus("404")
	tab.Visit("/no-such-page")
	tab.ExpectText("main h1", "Page not found")

	tab.Click("#user-menu summary")
	tab.Click(`#user-menu button:has-text("Sign out")`)
	tab.WaitForPath("/signin")
	tab.Visit("/settings")
	tab.WaitForPath("/signin")

	if strings.Contains(app.Logs(), canary) {
		t.Fatalf("a submitted form value reached the server logs:\n%s", app.Logs())
	}
}

func TestThemePersistsAcrossReloadAndDevices(t *testing.T) {
	app := startApp(t)
	laptop := app.NewTab(t)
	laptop.SignIn("theme@example.com", "Theo")
	laptop.ExpectAttr("html", "data-theme", "system")

	laptop.Visit("/settings")
	laptop.Click(`label.choice:has-text("Dark")`)
	laptop.Click(`#theme-form button[type=submit]`)
	laptop.WaitForPath("/settings?saved=theme")
	laptop.ExpectText(`[role="status"]`, "Theme saved.")
	laptop.ExpectAttr("html", "data-theme", "dark")
	if _, err := laptop.Page.Reload(); err != nil {
		t.Fatal(err)
	}
	laptop.ExpectAttr("html", "data-theme", "dark")
	laptop.Audit()

	phone := app.NewPhoneTab(t)
	phone.SignIn("theme@example.com", "")
	phone.ExpectAttr("html", "data-theme", "dark")

	// The user menu switches theme in place and stays on the page.
	phone.Click("#user-menu summary")
	phone.Click(`#user-menu button:has-text("Light theme")`)
	phone.WaitForPath("/today")
	phone.ExpectAttr("html", "data-theme", "light")
	laptop.Visit("/today")
	laptop.ExpectAttr("html", "data-theme", "light")
}

func TestSignOutEverywhere(t *testing.T) {
	app := startApp(t)
	laptop := app.NewTab(t)
	phone := app.NewTab(t)
	laptop.SignIn("grace@example.com", "Grace")
	phone.SignIn("grace@example.com", "Grace")

	laptop.Visit("/settings/security")
	laptop.ExpectText("#sessions", "This device")
	laptop.Click(`button:has-text("Sign out everywhere")`)
	laptop.WaitForPath("/signin")

	phone.Visit("/today")
	phone.WaitForPath("/signin")
	phone.ExpectText("h1", "Sign in")
}

func TestKeyboardAndPhoneLayout(t *testing.T) {
	app := startApp(t)
	tab := app.NewPhoneTab(t)
	tab.SignIn("keys@example.com", "Kay")

	// The first Tab reaches the skip link, which moves focus to the content.
	if err := tab.Page.Keyboard().Press("Tab"); err != nil {
		t.Fatal(err)
	}
	focused, err := tab.Page.Evaluate(`() => document.activeElement.textContent`)
	if err != nil || focused != "Skip to content" {
		t.Fatalf("first focus is %v (%v), want the skip link", focused, err)
	}
	if err := tab.Page.Keyboard().Press("Enter"); err != nil {
		t.Fatal(err)
	}
	if err := expect.Locator(tab.Page.Locator("#main")).ToBeFocused(); err != nil {
		t.Fatal(err)
	}

	// At 360 px nothing overflows sideways and the navigation stays reachable.
	tab.ExpectFits(360)
	tab.Click(".tabbar summary")
	if err := expect.Locator(tab.Page.Locator(`#more-menu a[href="/settings"]`)).ToBeVisible(); err != nil {
		t.Fatal(err)
	}
	tab.Click(".tabbar summary")
	// Escape closes the user menu and returns focus to it.
	tab.Click("#user-menu summary")
	tab.Audit()
	if err := tab.Page.Keyboard().Press("Escape"); err != nil {
		t.Fatal(err)
	}
	if err := expect.Locator(tab.Page.Locator("#user-menu")).Not().ToHaveAttribute("open", ""); err != nil {
		t.Fatal(err)
	}
}

// TestEveryPageReadsAtBothWidths visits every page a signed-in user (and
// an administrator) can reach, with content on it, at 1280 and 390 px:
// axe finds nothing serious and nothing overflows sideways on the phone.
func TestEveryPageReadsAtBothWidths(t *testing.T) {
	app := startApp(t)
	today := time.Now().Format(time.DateOnly)
	for _, width := range []int{1280, 390} {
		tab := app.newTab(t, width)
		tab.SignIn("admin@example.com", "Ada")
		if width == 1280 {
			tab.AddHabit("Scales")
			tab.Visit("/goals")
			tab.Fill("#goal-title", "Release the EP")
			tab.Click(`#goal-form button[type=submit]`)
			tab.WaitForPath("/goals/**")
		}
		if width == 1280 {
			tab.Visit("/planner/events/new")
			tab.Fill("#event-title", "Studio day")
			tab.Click(`#event-form button[type=submit]`)
			tab.WaitForPath("/planner?done=saved")
		}
		tab.Visit("/habits")
		habit, _ := tab.Page.Locator("#habit-list a.habit-title").First().GetAttribute("href")
		tab.Visit("/goals")
		goal, _ := tab.Page.Locator("#goal-list a").First().GetAttribute("href")
		if habit == "" || goal == "" {
			t.Fatalf("no habit (%q) or goal (%q) to visit", habit, goal)
		}
		for _, path := range []string{"/today", "/focus", "/quests", "/habits", habit, "/habits/archived", "/goals", goal,
			"/ideas", "/infobase", "/learn/journal", "/planner", "/planner/week/" + today, "/planner/day/" + today, "/planner/events/new", "/planner/subscribe",
			"/exercise", "/exercise/library",
			"/progress", "/market", "/settings", "/settings/security", "/settings/vault", "/settings/privacy",
			"/admin/approvals", "/admin/flags", "/admin/ideas", "/admin/vaults"} {
			tab.Visit(path)
			if width < 1280 {
				tab.ExpectFits(width)
			}
		}
	}
}

// TestThePhoneShell: under 640 px, and under /m/ at any width, the sidebar
// gives way to a tab bar (Today, Focus, Habits, Ideas, More) that stays on
// screen, whose More reaches every entry of the sidebar; the top bar keeps
// to one line.
func TestThePhoneShell(t *testing.T) {
	t.Parallel()
	app := startApp(t)
	phone := app.newTab(t, 390)
	phone.SignIn("phone@example.com", "")
	desk := app.NewTab(t)
	desk.SignIn("desk@example.com", "")
	visible := func(tab *Tab, selector string) bool {
		t.Helper()
		ok, err := tab.Page.Locator(selector).First().IsVisible()
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	desk.Visit("/today")
	if visible(desk, ".tabbar") || !visible(desk, ".sidebar") {
		t.Error("the desktop shows the tab bar, or not the sidebar")
	}
	for _, tc := range []struct {
		tab  *Tab
		path string
		href string // where the Focus tab leads
	}{{phone, "/habits", "/focus"}, {desk, "/m/habits", "/m/focus"}} {
		tab := tc.tab
		tab.Visit(tc.path)
		if !visible(tab, ".tabbar") || visible(tab, ".sidebar") {
			t.Fatalf("%s: no tab bar, or the sidebar still shows", tc.path)
		}
		tabs, _ := tab.Page.Locator(".tabbar > .tab-link, .tabbar summary").AllTextContents()
		if strings.Join(tabs, ",") != "Today,Focus,Habits,Ideas,More" {
			t.Errorf("%s: tabs %q", tc.path, tabs)
		}
		tab.ExpectAttr(`.tabbar a[aria-current="page"]`, "href", strings.Replace(tc.href, "focus", "habits", 1))
		tab.ExpectAttr(`.tabbar a:has-text("Focus")`, "href", tc.href)
		box, err := tab.Page.Locator(".tabbar").BoundingBox()
		if err != nil || box.Y+box.Height > 800.5 || box.Y+box.Height < 799.5 {
			t.Errorf("%s: the tab bar is at %+v, not at the bottom of the screen (%v)", tc.path, box, err)
		}
		top, err := tab.Page.Locator(".topbar").BoundingBox()
		if err != nil || top.Height > 70 {
			t.Errorf("%s: the top bar is %+v high (it wraps?)", tc.path, top)
		}
		sidebar, _ := tab.Page.Locator(".sidebar a").AllTextContents()
		tab.Click(".tabbar summary")
		tab.Audit()
		more, _ := tab.Page.Locator("#more-menu .menu-panel a").AllTextContents()
		if strings.Join(more, ",") != strings.Join(sidebar, ",") || len(more) < 8 {
			t.Errorf("%s: More lists %q, the sidebar %q", tc.path, more, sidebar)
		}
	}
	desk.Click(`#more-menu a:has-text("Market")`)
	desk.WaitForPath("/m/market")
	if !visible(desk, ".tabbar") {
		t.Error("the mobile shell's More left the mobile shell")
	}

	// Installed (standalone), what only a browser tab needs is gone.
	desk.Visit("/settings")
	if !visible(desk, "#install-hint") {
		t.Error("no install hint in the browser")
	}
	// (Chromium cannot emulate display-mode: the page's own stylesheet is read.)
	hides, err := desk.Page.Evaluate(`() => [...document.styleSheets].flatMap(s => [...s.cssRules])
		.filter(r => r.conditionText === "(display-mode: standalone)")
		.some(r => [...r.cssRules].some(c => c.selectorText === ".browser-only" && c.style.display === "none"))
		&& document.getElementById("install-hint").classList.contains("browser-only")`)
	if err != nil || hides != true {
		t.Errorf("the installed app would show the install hint (%v)", err)
	}
}
