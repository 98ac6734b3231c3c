//go:build !fast

package e2e

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/playwright-community/playwright-go"
)

// bodies records every request body the tab sends, to prove what never
// leaves the browser.
type bodies struct {
	mu   sync.Mutex
	sent []string
}

func (tab *Tab) recordBodies() *bodies {
	b := &bodies{}
	tab.Page.OnRequest(func(r playwright.Request) {
		raw, _ := r.PostDataBuffer()
		body := string(raw)
		b.mu.Lock()
		defer b.mu.Unlock()
		b.sent = append(b.sent, r.URL()+"\n"+body)
	})
	return b
}

// mustNotContain fails when any body carries one of the secrets (as typed
// or as the island normalizes a code).
func (b *bodies) mustNotContain(t *testing.T, secrets ...string) {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.sent) == 0 {
		t.Fatal("no request bodies recorded")
	}
	for _, s := range secrets {
		for _, form := range []string{s, strings.ReplaceAll(s, "-", "")} {
			for _, body := range b.sent {
				if strings.Contains(body, form) {
					t.Errorf("a request carried the secret %q:\n%s", form, body)
				}
			}
		}
	}
}

// setUpVault sets up the tab's vault with passphrase, confirms a code and
// returns the recovery codes it showed.
func (tab *Tab) setUpVault(passphrase string) []string {
	tab.t.Helper()
	tab.Visit("/settings/vault")
	tab.Fill("#vault-passphrase", passphrase)
	tab.Fill("#vault-passphrase-again", passphrase)
	tab.Click("#vault-setup button[type=submit]")
	tab.ExpectText("#vault-code-list", "-")
	codes, err := tab.Page.Locator("#vault-code-list code").AllTextContents()
	if err != nil || len(codes) != 10 {
		tab.t.Fatalf("recovery codes %v: %v", codes, err)
	}
	for _, code := range codes {
		if !regexp.MustCompile(`^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){4}$`).MatchString(code) {
			tab.t.Errorf("recovery code %q is not five groups of five", code)
		}
	}
	tab.Audit()
	n, _ := tab.Page.Locator("#vault-confirm-n").TextContent()
	var i int
	fmt.Sscan(n, &i)
	wrong := codes[i%len(codes)] // another code
	tab.Fill("#vault-confirm-code", wrong)
	tab.Click("#vault-confirm button[type=submit]")
	tab.ExpectText("#vault-problem", "That is not code number "+n)
	tab.Fill("#vault-confirm-code", strings.ToLower(codes[i-1]))
	tab.Click("#vault-confirm button[type=submit]")
	tab.WaitForPath("/settings/vault?done=created")
	tab.ExpectText(".alert-ok", "Your vault is set up and unlocked.")
	tab.ExpectText("#vault-tab-state", "Unlocked")
	return codes
}

// unlockVault unlocks with passphrase and returns how long it took.
func (tab *Tab) unlockVault(passphrase string) time.Duration {
	tab.t.Helper()
	tab.Fill("#vault-unlock-passphrase", passphrase)
	start := time.Now()
	tab.Click("#vault-unlock button[type=submit]")
	tab.ExpectText("#vault-tab-state", "Unlocked")
	return time.Since(start)
}

func TestVaultSetUpLockUnlockAndRecover(t *testing.T) {
	app := startApp(t)
	tab := app.NewTab(t)
	sent := tab.recordBodies()
	tab.SignIn("vault@example.com", "")
	tab.Visit("/settings/vault")
	tab.Fill("#vault-passphrase", "too short")
	tab.ExpectText("#vault-strength", "at least 12 characters (9 so far)")
	tab.Fill("#vault-passphrase-again", "too short")
	tab.Click("#vault-setup button[type=submit]")
	tab.ExpectText("#vault-problem", "Use at least 12 characters")
	tab.Fill("#vault-passphrase", "canary-passphrase-8d1f violet")
	tab.Fill("#vault-passphrase-again", "canary-passphrase-8d1f violat")
	tab.Click("#vault-setup button[type=submit]")
	tab.ExpectText("#vault-problem", "The two passphrases differ.")

	passphrase := "canary-passphrase-8d1f violet"
	codes := tab.setUpVault(passphrase)
	tab.ExpectText("#vault-codes-left", "10 of 10")

	// Lock now, then a wrong and the right passphrase.
	tab.Click("#vault-lock button[type=submit]")
	tab.WaitForPath("/settings/vault?done=locked")
	tab.ExpectText(".alert-ok", "Locked on every device.")
	tab.ExpectText("#vault-tab-state", "Locked")
	tab.Fill("#vault-unlock-passphrase", "not the passphrase at all")
	tab.Click("#vault-unlock button[type=submit]")
	tab.ExpectText("#vault-problem", "That passphrase does not unlock this vault.")
	took := tab.unlockVault(passphrase)
	t.Logf("unlock with 600,000 PBKDF2 iterations took %v in Chromium", took.Round(time.Millisecond))

	// The key stays in this tab across pages, and a new page load starts locked.
	tab.Click(`.sidebar a:has-text("Today")`)
	tab.WaitForPath("/today")
	tab.Visit("/settings/vault")
	tab.ExpectText("#vault-tab-state", "Locked")

	// Forgot the passphrase: a code unlocks once and sets a new one.
	newPassphrase := "canary-renewed-3c9e amber tide"
	tab.Fill("#vault-recovery-code", " "+strings.ToLower(codes[4])+" ")
	tab.Fill("#vault-recover-passphrase", newPassphrase)
	tab.Fill("#vault-recover-passphrase-again", newPassphrase)
	tab.Click("#vault-recover button[type=submit]")
	tab.WaitForPath("/settings/vault?done=recovered")
	tab.ExpectText("#vault-tab-state", "Unlocked")
	tab.ExpectText("#vault-codes-left", "9 of 10")
	tab.Visit("/settings/vault")
	tab.Fill("#vault-recovery-code", codes[4])
	tab.Fill("#vault-recover-passphrase", newPassphrase)
	tab.Fill("#vault-recover-passphrase-again", newPassphrase)
	tab.AllowStatus("404")
	tab.Click("#vault-recover button[type=submit]")
	tab.ExpectText("#vault-problem", "it was used already")
	tab.Fill("#vault-unlock-passphrase", passphrase)
	tab.Click("#vault-unlock button[type=submit]")
	tab.ExpectText("#vault-problem", "That passphrase does not unlock this vault.")
	tab.unlockVault(newPassphrase)

	// Change the passphrase; new recovery codes replace the old.
	changed := "canary-changed-77ab quiet harbor"
	tab.Fill("#vault-new-passphrase", changed)
	tab.Fill("#vault-new-passphrase-again", changed)
	tab.Click("#vault-change button[type=submit]")
	tab.WaitForPath("/settings/vault?done=passphrase")
	tab.ExpectText("#vault-tab-state", "Unlocked")
	tab.Click("#vault-regenerate button[type=submit]")
	tab.ExpectText("#vault-code-list", "-")
	fresh, _ := tab.Page.Locator("#vault-code-list code").AllTextContents()
	n, _ := tab.Page.Locator("#vault-confirm-n").TextContent()
	var i int
	fmt.Sscan(n, &i)
	tab.Fill("#vault-confirm-code", fresh[i-1])
	tab.Click("#vault-confirm button[type=submit]")
	tab.WaitForPath("/settings/vault?done=codes")
	tab.ExpectText("#vault-codes-left", "10 of 10")
	tab.Visit("/settings/vault")
	tab.unlockVault(changed)

	sent.mustNotContain(t, append(append(codes, fresh...), passphrase, newPassphrase, changed, "canary")...)
	// The dump holds every test's rows (the server is shared), so it is
	// searched for this test's secrets only.
	dump := app.pgDump(t)
	for _, s := range append(append([]string{passphrase, newPassphrase, changed}, codes...), fresh...) {
		for _, form := range []string{s, strings.ReplaceAll(s, "-", "")} {
			if strings.Contains(app.Logs(), form) {
				t.Errorf("the server log carries %q", form)
			}
			if strings.Contains(dump, form) {
				t.Errorf("the database dump carries %q", form)
			}
		}
	}
}

// hide tells the page it went to the background, as switching away does;
// show brings it back.
func (tab *Tab) hide() { tab.setVisibility("hidden") }
func (tab *Tab) show() { tab.setVisibility("visible") }

func (tab *Tab) setVisibility(state string) {
	tab.t.Helper()
	if _, err := tab.Page.Evaluate(`(state) => {
		Object.defineProperty(document, "visibilityState", { value: state, configurable: true });
		document.dispatchEvent(new Event("visibilitychange"));
	}`, state); err != nil {
		tab.t.Fatal(err)
	}
}

func TestVaultLockFollowsEveryDevice(t *testing.T) {
	t.Parallel() // it mostly waits on polls and the server's clock, beside the other waiting tests
	app := startApp(t)
	laptop := app.NewTab(t)
	laptop.SignIn("devices@example.com", "")
	laptop.setUpVault("canary-devices-51 paper kite")
	phone := app.NewPhoneTab(t)
	phone.SignIn("devices@example.com", "")
	phone.Visit("/settings/vault")
	phone.unlockVault("canary-devices-51 paper kite")
	phone.Click(`.tabbar > a:has-text("Today")`)
	phone.WaitForPath("/today")

	laptop.Click("#vault-lock button[type=submit]")
	laptop.WaitForPath("/settings/vault?done=locked")
	start := time.Now()
	// The phone learns of it by its poll (every 30 s) on whichever page it is.
	if err := expect.Locator(phone.Page.Locator("body")).ToHaveAttribute("data-vault-tab", "locked", playwright.LocatorAssertionsToHaveAttributeOptions{Timeout: playwright.Float(35000)}); err != nil {
		t.Fatalf("the phone kept the key: %v", err)
	}
	t.Logf("the phone locked %v after the laptop", time.Since(start).Round(time.Second))
	phone.Visit("/settings/vault")
	phone.ExpectText("#vault-tab-state", "Locked")
}

func TestVaultLocksWhenIdle(t *testing.T) {
	app := launch(t, freePort(t), "IGNITION_VAULT_IDLE=4s")
	tab := app.NewTab(t)
	tab.SignIn("idle@example.com", "")
	tab.setUpVault("canary-idle-0b2 slow river")
	tab.ExpectAttr("body", "data-vault-idle", "4")
	for range 6 { // input keeps it unlocked past the limit
		tab.Page.Keyboard().Press("Shift")
		time.Sleep(time.Second)
	}
	tab.ExpectText("#vault-tab-state", "Unlocked")
	start := time.Now()
	tab.ExpectText("#vault-tab-state", "Locked")
	if d := time.Since(start); d < 2*time.Second {
		t.Errorf("locked %v after the last input, the limit is 4 s", d)
	}
}

func TestVaultLocksWhenHiddenButNotDuringFocus(t *testing.T) {
	app := startApp(t)
	tab := app.NewTab(t)
	tab.SignIn("hidden@example.com", "")
	if err := tab.Page.Clock().Install(); err != nil {
		t.Fatal(err)
	}
	passphrase := "canary-hidden-0b2 slow river"
	tab.setUpVault(passphrase)
	run := func(d time.Duration) {
		t.Helper()
		if err := tab.Page.Clock().RunFor(d.Milliseconds()); err != nil {
			t.Fatal(err)
		}
	}

	// A desktop tab hidden for two minutes locks.
	tab.hide()
	run(100 * time.Second)
	tab.ExpectText("#vault-tab-state", "Unlocked")
	run(25 * time.Second)
	tab.ExpectText("#vault-tab-state", "Locked")
	tab.show()

	// Back within two minutes, it stays unlocked.
	tab.unlockVault(passphrase)
	tab.hide()
	run(90 * time.Second)
	tab.show()
	run(60 * time.Second)
	tab.ExpectText("#vault-tab-state", "Unlocked")

	// The installed app on a phone locks the moment it is hidden.
	if _, err := tab.Page.Evaluate(`() => { window.matchMedia = (q) => ({ matches: q.includes("standalone") }); }`); err != nil {
		t.Fatal(err)
	}
	tab.hide()
	tab.ExpectText("#vault-tab-state", "Locked")
	tab.show()

	// Never while a focus session runs.
	tab.Visit("/focus")
	tab.Click(`#focus-panel button:has-text("Focus · 25 min")`)
	tab.WaitForPath("/focus")
	tab.Visit("/settings/vault")
	tab.unlockVault(passphrase)
	tab.hide()
	run(3 * time.Minute)
	tab.ExpectText("#vault-tab-state", "Unlocked")
	tab.show()

	// An administrator's force-lock reaches the tab at its next poll.
	admin := app.NewTab(t)
	admin.SignIn("admin@example.com", "")
	admin.Click(`.sidebar a:has-text("Vaults")`)
	admin.WaitForPath("/admin/vaults")
	admin.ExpectText("#vault-encrypted-banner", "Content encrypted; not accessible")
	admin.Click(`button[aria-label="Force-lock the vault of hidden@example.com"]`)
	admin.WaitForPath("/admin/vaults?done=locked")
	run(31 * time.Second)
	tab.ExpectText("#vault-tab-state", "Locked")

	// Signing out on another device locks this one at its next poll.
	tab.unlockVault(passphrase)
	other := app.NewTab(t)
	other.SignIn("hidden@example.com", "")
	other.Click(`#user-menu summary`)
	other.Click(`#user-menu button:has-text("Sign out")`)
	other.WaitForPath("/signin")
	run(31 * time.Second)
	tab.ExpectText("#vault-tab-state", "Locked")
}
