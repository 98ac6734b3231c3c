//go:build !fast

// Package e2e drives the real binary in headless Chromium. Every test starts
// the server on a free port against a fresh database; every page a test
// visits is checked for CSP violations, console errors and serious
// accessibility problems (axe-core).
package e2e

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/playwright-community/playwright-go"

	"ignition/app/objectstest"
	"ignition/app/oidctest"
	"ignition/app/pushtest"
	"ignition/app/testdb"
	"ignition/app/testutil"
)

var (
	root    string // module root
	binary  string // the ignition binary under test
	browser playwright.Browser
	// chromium launches the browser, with chromiumArgs, for a test that
	// needs one of its own.
	chromium     playwright.BrowserType
	chromiumArgs []string
	axeJS        string
	// Assertions wait up to 15 s: CI runs the race-instrumented server
	// beside other test packages on two cores.
	expect = playwright.NewPlaywrightAssertions(15000)
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	wd, _ := os.Getwd()
	root = filepath.Join(wd, "..", "..")
	tmp, err := os.MkdirTemp("", "ignition-e2e-")
	if err != nil {
		return fail(err)
	}
	defer os.RemoveAll(tmp)
	binary = filepath.Join(tmp, "ignition")
	args := []string{"build", "-o", binary}
	if raceDetector {
		args = append(args, "-race")
	}
	build := exec.Command("go", append(args, "./app/cmd/ignition")...)
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		return fail(fmt.Errorf("build: %v\n%s", err, out))
	}

	driverDir := os.Getenv("PLAYWRIGHT_DRIVER_PATH")
	if driverDir == "" {
		driverDir = filepath.Join(root, ".e2e", "driver")
	}
	axePath := os.Getenv("IGNITION_AXE_JS")
	if axePath == "" {
		axePath = filepath.Join(root, ".e2e", "npm", "node_modules", "axe-core", "axe.min.js")
	}
	axe, err := os.ReadFile(axePath)
	if err != nil {
		return fail(fmt.Errorf("axe-core is missing (run `make e2e-deps`): %v", err))
	}
	axeJS = string(axe)

	tone = filepath.Join(tmp, "tone.wav")
	if err := os.WriteFile(tone, toneWAV(440, 5), 0o644); err != nil {
		return fail(err)
	}
	pw, err := playwright.Run(&playwright.RunOptions{DriverDirectory: driverDir, SkipInstallBrowsers: true})
	if err != nil {
		return fail(fmt.Errorf("playwright driver (run `make e2e-deps`): %v", err))
	}
	defer pw.Stop()
	chromiumArgs = []string{"--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		// The microphone is a known tone, granted without asking.
		"--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", "--use-file-for-fake-audio-capture=" + tone}
	chromium = pw.Chromium
	browser, err = chromium.Launch(playwright.BrowserTypeLaunchOptions{
		ExecutablePath: playwright.String("/usr/bin/chromium"), Headless: playwright.Bool(true), Args: chromiumArgs,
	})
	if err != nil {
		return fail(fmt.Errorf("chromium: %v", err))
	}
	defer browser.Close()

	dbURL, drop, err := testdb.Create(true)
	if err != nil {
		return fail(err)
	}
	defer drop()
	port, err := pickPort()
	if err != nil {
		return fail(err)
	}
	if store, err = objectstest.Start(filepath.Join(tmp, "s3")); err != nil {
		return fail(err)
	}
	defer store.Stop()
	pushService = pushtest.New()
	defer pushService.Close()
	s3 := []string{"IGNITION_ADMIN_EMAILS=admin@example.com", "IGNITION_PUSH_SERVICES=" + pushService.URL}
	for k, v := range store.Env() {
		s3 = append(s3, k+"="+v)
	}
	app, stop, err := start(dbURL, port, s3...)
	if err != nil {
		return fail(err)
	}
	shared = app
	shared.Bucket = "ignition"
	code := m.Run()
	if err := stop(); err != nil {
		return fail(err) // a race the shared server found fails the package
	}
	return code
}

func fail(err error) int {
	fmt.Fprintln(os.Stderr, "e2e:", err)
	return 1
}

// App is one running server.
type App struct {
	URL    string
	DBURL  string
	Bucket string // its bucket in the shared object store, or ""
	logs   *testutil.SyncBuffer
}

// startApp starts the binary on a free port against a fresh database and
// stops it (with SIGTERM, as in production) when the test ends.
func startApp(t *testing.T) *App {
	t.Helper()
	if shared == nil {
		t.Fatal("the shared server is not running")
	}
	t.Cleanup(func() {
		if t.Failed() {
			saveLog(t, shared)
		}
	})
	return shared
}

// store is the shared server's object store, pushService the push service
// its devices subscribe to; tone is the WAV file the browser's fake
// microphone plays.
var (
	store       *objectstest.Server
	pushService *pushtest.Service
	tone        string
)

// shared is the package's server, started once in TestMain, with
// admin@example.com as its administrator: each test signs in as its own
// user. Tests that need other settings (a provider) start their own.
var shared *App

// startAppWithDex is startApp with a real OpenID Connect provider (Dex)
// configured as the provider "dex", and voice memos in a bucket of its own;
// administrators are admin@example.com.
func startAppWithDex(t *testing.T) (*App, *oidctest.Dex) {
	t.Helper()
	port := freePort(t)
	dex := oidctest.Start(t, fmt.Sprintf("http://localhost:%d/auth/callback/dex", port))
	bucket := fmt.Sprintf("dex-%d", port) // the shared store, a bucket of its own (and its own CORS rule)
	extra := []string{"IGNITION_ADMIN_EMAILS=admin@example.com", "IGNITION_S3_BUCKET=" + bucket}
	for k, v := range dex.Env() {
		extra = append(extra, k+"="+v)
	}
	for k, v := range store.Env() {
		extra = append(extra, k+"="+v)
	}
	app := launch(t, port, extra...)
	app.Bucket = bucket
	return app, dex
}

func freePort(t *testing.T) int {
	port, err := pickPort()
	if err != nil {
		t.Fatal(err)
	}
	return port
}

// pickPort returns a port free on loopback at the time of asking.
func pickPort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// launch starts a server of its own for t, on a database of its own.
func launch(t *testing.T, port int, extraEnv ...string) *App {
	t.Helper()
	return launchOn(t, testdb.NewURL(t), port, extraEnv...)
}

// launchOn starts a server of its own for t on dbURL (another app process
// beside the one already there, say), stopped when t ends.
func launchOn(t *testing.T, dbURL string, port int, extraEnv ...string) *App {
	t.Helper()
	app, stop, err := start(dbURL, port, extraEnv...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			saveLog(t, app)
		}
		if err := stop(); err != nil {
			t.Error(err)
		}
	})
	return app
}

// saveLog leaves the server's log beside t's other artifacts.
func saveLog(t *testing.T, app *App) {
	dir := artifactDir(t)
	if os.MkdirAll(dir, 0o755) == nil {
		os.WriteFile(filepath.Join(dir, "server.log"), []byte(app.logs.String()), 0o644)
	}
}

// start runs the server on dbURL and port until stop, which reports a
// server that failed (a race it found, say) or did not stop on SIGTERM.
func start(dbURL string, port int, extraEnv ...string) (*App, func() error, error) {
	app := &App{URL: fmt.Sprintf("http://localhost:%d", port), DBURL: dbURL, logs: &testutil.SyncBuffer{}}
	cmd := exec.Command(binary, "serve") // it migrates and seeds on start
	cmd.Env = append(os.Environ(),
		"DATABASE_URL="+app.DBURL,
		"IGNITION_ENV=development",
		fmt.Sprintf("IGNITION_ADDR=127.0.0.1:%d", port),
		"IGNITION_BASE_URL="+app.URL,
		"IGNITION_SIGNIN_RATE=1000",
	)
	cmd.Env = append(cmd.Env, extraEnv...)
	cmd.Stdout = app.logs
	cmd.Stderr = app.logs
	proc, err := testutil.StartProcess(cmd)
	if err != nil {
		return nil, nil, err
	}
	stop := func() error {
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-proc.Exited:
			if proc.Err != nil {
				return fmt.Errorf("server exited with %v\n%s", proc.Err, app.logs.String())
			}
			return nil
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-proc.Exited
			return errors.New("server did not stop on SIGTERM")
		}
	}
	// Its own socket, not an answer on the port: another test's server
	// may hold a port this one failed to bind. A generous wait: beside the
	// parallel browser tests on two cores, a start has taken over 30 s.
	if err := proc.WaitListening(port, 90*time.Second); err != nil {
		stop()
		return nil, nil, fmt.Errorf("server did not start: %v\n%s", err, app.logs.String())
	}
	if err := testutil.WaitHTTP(app.URL+"/readyz", 45*time.Second); err != nil {
		stop()
		return nil, nil, fmt.Errorf("server not ready: %v\n%s", err, app.logs.String())
	}
	return app, stop, nil
}

// Exec runs SQL against the app's database, to set up what a browser cannot
// (such as time passing).
func (a *App) Exec(t *testing.T, sql string, args ...any) {
	t.Helper()
	conn, err := pgx.Connect(t.Context(), a.DBURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(t.Context())
	if _, err := conn.Exec(t.Context(), sql, args...); err != nil {
		t.Fatal(err)
	}
}

// conn is a connection to the app's database, closed when t ends, for a
// test to read what the server stored.
func (a *App) conn(t *testing.T) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(t.Context(), a.DBURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// Logs returns what the server has printed.
func (a *App) Logs() string { return a.logs.String() }

// Tab is a page in its own browser context: its own cookies, like a
// separate device.
type Tab struct {
	t       *testing.T
	app     *App
	Page    playwright.Page
	ctx     playwright.BrowserContext
	mu      sync.Mutex
	errs    []string
	allowed map[string]bool // HTTP statuses whose console errors are expected
}

// statusError matches the console error the browser logs for every 4xx or
// 5xx answer. 422 (a form re-rendered with its errors) is expected; a test
// that provokes another status on purpose says so with AllowStatus.
var statusError = regexp.MustCompile(`^Failed to load resource: the server responded with a status of (\d+)`)

// newTab opens a page in a fresh browser context of the given width.
func (a *App) newTab(t *testing.T, width int) *Tab {
	t.Helper()
	ctx, err := browser.NewContext(playwright.BrowserNewContextOptions{
		BaseURL:  playwright.String(a.URL),
		Viewport: &playwright.Size{Width: width, Height: 800},
	})
	if err != nil {
		t.Fatal(err)
	}
	return a.tabIn(t, ctx)
}

// NewProfileTab opens a page in a Chromium of its own with a profile on
// disk, as a person's browser is (a fresh context is incognito, where an
// app cannot be installed).
func (a *App) NewProfileTab(t *testing.T) *Tab {
	t.Helper()
	ctx, err := chromium.LaunchPersistentContext(t.TempDir(), playwright.BrowserTypeLaunchPersistentContextOptions{
		ExecutablePath: playwright.String("/usr/bin/chromium"), Headless: playwright.Bool(true), Args: chromiumArgs,
		BaseURL: playwright.String(a.URL), Viewport: &playwright.Size{Width: 1280, Height: 800},
	})
	if err != nil {
		t.Fatal(err)
	}
	return a.tabIn(t, ctx)
}

// tabIn opens a page in ctx that fails the test on a console error, a page
// error or a CSP violation, and closes ctx when the test ends.
func (a *App) tabIn(t *testing.T, ctx playwright.BrowserContext) *Tab {
	t.Helper()
	// Report CSP violations as console errors, which fail the test.
	csp := `document.addEventListener("securitypolicyviolation", e => console.error("CSP violation: " + e.violatedDirective + " " + e.blockedURI));`
	for _, src := range []string{csp, axeJS} {
		if err := ctx.AddInitScript(playwright.Script{Content: playwright.String(src)}); err != nil {
			t.Fatal(err)
		}
	}
	page, err := ctx.NewPage()
	if err != nil {
		t.Fatal(err)
	}
	tab := &Tab{t: t, app: a, Page: page, ctx: ctx, allowed: map[string]bool{"422": true}}
	page.OnConsole(func(m playwright.ConsoleMessage) {
		if m.Type() != "error" {
			return
		}
		if st := statusError.FindStringSubmatch(m.Text()); st != nil && tab.isAllowed(st[1]) {
			return
		}
		if tab.isAllowed(m.Text()) {
			return
		}
		tab.record("console error: " + m.Text())
	})
	page.OnPageError(func(err error) {
		var pe *playwright.Error
		if errors.As(err, &pe) && pe.Stack != "" {
			tab.record("page error: " + pe.Stack)
			return
		}
		tab.record("page error: " + err.Error())
	})
	t.Cleanup(func() {
		if t.Failed() {
			tab.saveArtifacts()
		}
		ctx.Close()
	})
	t.Cleanup(func() {
		tab.mu.Lock()
		defer tab.mu.Unlock()
		for _, e := range tab.errs {
			t.Errorf("%s", e)
		}
	})
	return tab
}

// NewTab opens a desktop-sized page.
func (a *App) NewTab(t *testing.T) *Tab { return a.newTab(t, 1280) }

// NewPhoneTab opens a page as wide as a small phone.
func (a *App) NewPhoneTab(t *testing.T) *Tab { return a.newTab(t, 360) }

// AllowStatus expects the page to receive this HTTP error status from now
// on; AllowStatus of a whole console message expects that message.
func (tab *Tab) AllowStatus(status string) {
	tab.mu.Lock()
	defer tab.mu.Unlock()
	tab.allowed[status] = true
}

func (tab *Tab) isAllowed(status string) bool {
	tab.mu.Lock()
	defer tab.mu.Unlock()
	return tab.allowed[status]
}

func (tab *Tab) record(s string) {
	tab.mu.Lock()
	defer tab.mu.Unlock()
	tab.errs = append(tab.errs, s)
}

// Visit loads path and audits the page.
func (tab *Tab) Visit(path string) {
	tab.t.Helper()
	if _, err := tab.Page.Goto(path); err != nil {
		tab.t.Fatal(err)
	}
	tab.Audit()
}

// Click clicks the element and waits for the page to settle. A click that
// navigates is audited by the WaitForPath that follows it; one that changes
// the page in place calls Audit.
func (tab *Tab) Click(selector string) {
	tab.t.Helper()
	if err := tab.Page.Locator(selector).Click(); err != nil {
		tab.t.Fatalf("click %s: %v", selector, err)
	}
	tab.Settle()
}

// Settle waits until the page has loaded and htmx has no request in flight.
// (Not "network idle": the page's live stream keeps a request open.)
func (tab *Tab) Settle() {
	tab.t.Helper()
	if !strings.HasPrefix(tab.Page.URL(), tab.app.URL) { // the provider's page: its document is enough
		if err := tab.Page.WaitForLoadState(playwright.PageWaitForLoadStateOptions{State: playwright.LoadStateDomcontentloaded}); err != nil {
			tab.t.Fatal(err)
		}
		return
	}
	if err := tab.Page.WaitForLoadState(playwright.PageWaitForLoadStateOptions{State: playwright.LoadStateLoad}); err != nil {
		tab.t.Fatal(err)
	}
	if err := tab.WaitFor(`() => document.readyState === "complete" && !document.querySelector(".htmx-request")`, nil, 30*time.Second); err != nil {
		tab.t.Fatal(err)
	}
}

// WaitFor evaluates js (with arg) every 10 ms until it is true, for up to
// timeout. (Playwright's WaitForFunction compiles its text with eval, which
// the app's CSP forbids.)
func (tab *Tab) WaitFor(js string, arg any, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		v, err := tab.Page.Evaluate(js, arg)
		if err != nil && !strings.Contains(err.Error(), "Execution context was destroyed") {
			return err
		}
		if v == true {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s was not true within %s", js, timeout)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// Audit runs axe-core on the page and fails the test on any serious or
// critical violation.
func (tab *Tab) Audit() {
	tab.t.Helper()
	tab.Settle()
	const audit = `async () => {
		const r = await axe.run(document, { resultTypes: ["violations"] });
		return r.violations.filter(v => v.impact === "serious" || v.impact === "critical")
			.map(v => v.id + " (" + v.impact + "): " + v.help + " at " + v.nodes.map(n => n.target.join(" ")).join(", "));
	}`
	res, err := tab.Page.Evaluate(audit)
	if err != nil && strings.Contains(err.Error(), "Execution context was destroyed") {
		tab.Settle() // a navigation was still under way: audit where it landed
		res, err = tab.Page.Evaluate(audit)
	}
	if err != nil {
		tab.t.Fatalf("axe on %s: %v", tab.Page.URL(), err)
	}
	for _, v := range res.([]interface{}) {
		tab.t.Errorf("accessibility on %s: %v", tab.Page.URL(), v)
	}
}

// SignInWithDex signs in through the provider's own login page and returns
// on the first page the app shows.
func (tab *Tab) SignInWithDex(email string) {
	tab.t.Helper()
	tab.Visit("/signin")
	tab.Click(`a:has-text("Sign in with Dex")`)
	tab.LoginAtDex(email)
}

// LoginAtDex fills Dex's login form and waits to be back in the app. On
// a loaded machine a login has stalled at Dex's form, so one not back
// after 30 s is filled once more.
func (tab *Tab) LoginAtDex(email string) {
	tab.t.Helper()
	for attempt := 1; ; attempt++ {
		tab.Fill("#login", email)
		tab.Fill("#password", oidctest.Password)
		err := tab.Page.Locator("#submit-login").Click() // waits for the navigation it starts
		if err == nil {
			err = tab.Page.WaitForURL(tab.app.URL+"/**", playwright.PageWaitForURLOptions{Timeout: playwright.Float(30_000)})
		}
		if err == nil {
			break
		}
		if attempt == 2 {
			tab.t.Fatalf("not back from Dex, at %s: %v", tab.Page.URL(), err)
		}
		tab.t.Logf("still at Dex after 30 s (%s): logging in again", tab.Page.URL())
	}
	tab.Settle()
}

// SignIn signs in through the development sign-in form.
func (tab *Tab) SignIn(email, name string) {
	tab.t.Helper()
	tab.Visit("/signin")
	tab.Fill("#signin-email", email)
	tab.Fill("#signin-name", name)
	tab.Click("#dev-signin button[type=submit]")
	tab.WaitForPath("/today")
}

// AddHabit creates a daily habit through the habits page's form (opened
// by ?add).
func (tab *Tab) AddHabit(title string) {
	tab.t.Helper()
	tab.Visit("/habits?add=1")
	tab.Fill("#habit-title", title)
	tab.Click(`#habit-form button[type=submit]`)
	tab.WaitForPath("/habits")
}

// Fill types value into the field.
func (tab *Tab) Fill(selector, value string) {
	tab.t.Helper()
	if err := tab.Page.Locator(selector).Fill(value); err != nil {
		tab.t.Fatalf("fill %s: %v", selector, err)
	}
}

// WaitForPath waits until the page shows path, where * stands for one path
// segment and ** for anything. It polls the URL: waiting for a navigation
// event can miss htmx's pushState to it (the URL was right when a 30 s wait
// for the event gave up).
func (tab *Tab) WaitForPath(path string) {
	tab.t.Helper()
	pattern := strings.NewReplacer(`\*\*`, `.*`, `\*`, `[^/?]*`).Replace(regexp.QuoteMeta(tab.app.URL + path))
	if err := expect.Page(tab.Page).ToHaveURL(regexp.MustCompile("^" + pattern + "$")); err != nil {
		tab.t.Fatalf("waiting for %s, at %s: %v", path, tab.Page.URL(), err)
	}
	tab.Audit()
}

// ExpectFits fails the test when the page is wider than a screen of width
// px (it scrolls sideways).
func (tab *Tab) ExpectFits(width int) {
	tab.t.Helper()
	wide, err := tab.Page.Evaluate(`() => document.documentElement.scrollWidth`)
	if err != nil {
		tab.t.Fatal(err)
	}
	if w, _ := wide.(int); w > width {
		tab.t.Errorf("%s is %d px wide on a %d px screen", tab.Page.URL(), w, width)
	}
}

// ExpectText asserts the element's text contains want.
func (tab *Tab) ExpectText(selector, want string) {
	tab.t.Helper()
	if err := expect.Locator(tab.Page.Locator(selector).First()).ToContainText(want); err != nil {
		tab.t.Fatalf("%s on %s: %v", selector, tab.Page.URL(), err)
	}
}

// ExpectValue asserts the input's value is want.
func (tab *Tab) ExpectValue(selector, want string) {
	tab.t.Helper()
	if err := expect.Locator(tab.Page.Locator(selector).First()).ToHaveValue(want); err != nil {
		tab.t.Fatalf("%s on %s: %v", selector, tab.Page.URL(), err)
	}
}

// ExpectAttr asserts the element's attribute has the value want.
func (tab *Tab) ExpectAttr(selector, name, want string) {
	tab.t.Helper()
	if err := expect.Locator(tab.Page.Locator(selector).First()).ToHaveAttribute(name, want); err != nil {
		tab.t.Fatalf("%s[%s] on %s: %v", selector, name, tab.Page.URL(), err)
	}
}

// artifactDir is where a failed test leaves its screenshots, pages and
// server log.
func artifactDir(t testing.TB) string {
	return filepath.Join(root, ".e2e", "artifacts", strings.ReplaceAll(t.Name(), "/", "_"))
}

func (tab *Tab) saveArtifacts() {
	dir := artifactDir(tab.t)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return
	}
	stamp := time.Now().Format("150405.000")
	tab.Page.Screenshot(playwright.PageScreenshotOptions{Path: playwright.String(filepath.Join(dir, stamp+".png")), FullPage: playwright.Bool(true)})
	if html, err := tab.Page.Content(); err == nil {
		os.WriteFile(filepath.Join(dir, stamp+".html"), []byte(html), 0o644)
	}
	tab.t.Logf("artifacts saved in %s", dir)
}
