//go:build !fast

package e2e

import "testing"

// TestVaultUnlockedByPasskey: a PRF passkey turned on in Settings → Vault
// unlocks the vault alone, in a tab that was locked; a browser whose
// passkey has no PRF cannot.
func TestVaultUnlockedByPasskey(t *testing.T) {
	t.Parallel()
	app := startApp(t)
	tab := app.NewTab(t)
	sent := tab.recordBodies()
	tab.addAuthenticator()
	tab.SignIn("prf-e2e@example.com", "")
	tab.Visit("/settings/security")
	tab.Click(`button:has-text("Add a passkey")`)
	tab.WaitForPath("/settings/security?done=added")
	tab.ExpectText("#passkeys", "Can unlock vault")
	passphrase := "canary-prf-pass-31 meadow"
	tab.setUpVault(passphrase)

	tab.ExpectText("#vault-passkeys li", "Can unlock the vault once you turn it on")
	tab.Click("#vault-passkeys [data-vault-passkey-enable]")
	tab.WaitForPath("/settings/vault?done=passkey-on")
	tab.ExpectText(".alert-ok", "That passkey now unlocks your vault.")
	tab.ExpectText("#vault-passkeys li", "Unlocks the vault")

	// A full load locks the tab: the passkey alone unlocks it.
	tab.Visit("/settings/vault")
	tab.ExpectText("#vault-tab-state", "Locked")
	tab.ExpectText("#vault-unlock [data-vault-passkey-unlock]:visible", "Unlock with a passkey")
	tab.Click("#vault-unlock [data-vault-passkey-unlock]")
	tab.ExpectText("#vault-tab-state", "Unlocked")
	tab.Audit()

	// Another browser with a sign-in-only passkey: it cannot unlock.
	other := app.NewTab(t)
	other.addSignInOnlyAuthenticator()
	other.SignIn("prf-e2e@example.com", "")
	other.Visit("/settings/security")
	other.Click(`button:has-text("Add a passkey")`)
	other.WaitForPath("/settings/security?done=added")
	if n, _ := other.Page.Locator(`#passkeys li:has-text("Can unlock vault")`).Count(); n != 1 {
		t.Errorf("%d passkeys say they can unlock, want only the first", n)
	}
	other.Visit("/settings/vault")
	other.Click("#vault-unlock [data-vault-passkey-unlock]")
	other.ExpectText("#vault-problem", "No passkey on this device unlocks the vault")
	other.ExpectText("#vault-tab-state", "Locked")
	other.unlockVault(passphrase)
	other.ExpectText(`#vault-passkeys li:has-text("passkey 2")`, "Sign-in only")

	// Removing the passkey removes its way to unlock.
	tab.Visit("/settings/security")
	tab.Click(`#passkeys li:first-child button:has-text("Remove")`)
	tab.WaitForPath("/settings/security?done=removed")
	tab.Visit("/settings/vault")
	if n, _ := tab.Page.Locator("#vault-unlock [data-vault-passkey-unlock]:visible").Count(); n != 0 {
		t.Error("a removed passkey is still offered to unlock")
	}
	sent.mustNotContain(t, passphrase)
}
