//go:build !fast

package e2e

import (
	"testing"
)

// addAuthenticator gives the tab a virtual platform authenticator with user
// verification and the PRF extension, like a laptop's fingerprint reader.
func (tab *Tab) addAuthenticator() { tab.t.Helper(); tab.addVirtualAuthenticator(true) }

// addSignInOnlyAuthenticator gives the tab one without the PRF extension,
// like many security keys: it signs in, and cannot unlock the vault.
func (tab *Tab) addSignInOnlyAuthenticator() { tab.t.Helper(); tab.addVirtualAuthenticator(false) }

func (tab *Tab) addVirtualAuthenticator(prf bool) {
	tab.t.Helper()
	cdp, err := tab.ctx.NewCDPSession(tab.Page)
	if err != nil {
		tab.t.Fatal(err)
	}
	if _, err := cdp.Send("WebAuthn.enable", map[string]interface{}{"enableUI": false}); err != nil {
		tab.t.Fatal(err)
	}
	_, err = cdp.Send("WebAuthn.addVirtualAuthenticator", map[string]interface{}{"options": map[string]interface{}{
		"protocol": "ctap2", "transport": "internal", "hasResidentKey": true, "hasUserVerification": true,
		"isUserVerified": true, "automaticPresenceSimulation": true, "hasPrf": prf,
	}})
	if err != nil {
		tab.t.Fatal(err)
	}
}

func TestPasskeyRegisterRenameSignInAndRevoke(t *testing.T) {
	app := startApp(t)
	tab := app.NewTab(t)
	tab.addAuthenticator()
	tab.SignIn("keys@example.com", "Kim")

	tab.Visit("/settings/security")
	tab.ExpectText("#passkeys-title + p + p", "no passkeys")
	tab.Click(`button:has-text("Add a passkey")`)
	tab.WaitForPath("/settings/security?done=added")
	tab.ExpectText(`[role="status"]`, "Passkey added.")
	tab.ExpectText("#passkeys", "Can unlock vault")

	// Rename, once refused for an empty name, then for real.
	tab.Fill("#passkeys input[name=name]", "")
	tab.Click(`#passkeys button:has-text("Rename")`)
	tab.ExpectText("#passkeys .field-error", "Name is required.")
	tab.Audit()
	tab.Fill("#passkeys input[name=name]", "Work laptop")
	tab.Click(`#passkeys button:has-text("Rename")`)
	tab.WaitForPath("/settings/security?done=renamed")
	tab.ExpectText("#passkeys strong", "Work laptop")

	// Sign out, then back in with the passkey alone.
	tab.Click("#user-menu summary")
	tab.Click(`#user-menu button:has-text("Sign out")`)
	tab.WaitForPath("/signin")
	tab.Click(`button:has-text("Sign in with a passkey")`)
	tab.WaitForPath("/today")
	tab.ExpectText("main h1", "Kim")
	tab.Visit("/settings/security")
	tab.ExpectText("#passkeys", "last used")

	// A removed passkey no longer signs in, and the page says so.
	tab.Click(`button[aria-label="Remove passkey Work laptop"]`)
	tab.WaitForPath("/settings/security?done=removed")
	tab.Click("#user-menu summary")
	tab.Click(`#user-menu button:has-text("Sign out")`)
	tab.WaitForPath("/signin")
	tab.AllowStatus("401")
	tab.Click(`button:has-text("Sign in with a passkey")`)
	tab.ExpectText("#passkey-status", "not registered here")
	tab.Visit("/today")
	tab.WaitForPath("/signin")
}

func TestPasskeyStepUpBeforeDeletingTheAccount(t *testing.T) {
	app := startApp(t)
	tab := app.NewTab(t)
	tab.addAuthenticator()
	tab.SignIn("stepup@example.com", "Sam")
	tab.Visit("/settings/security")
	tab.Click(`button:has-text("Add a passkey")`)
	tab.WaitForPath("/settings/security?done=added")

	// Ten minutes later the sign-in is no longer fresh: deleting needs the
	// user to confirm it's them, here with the passkey.
	app.Exec(t, `UPDATE sessions SET data = convert_to(jsonb_set(convert_from(data, 'UTF8')::jsonb,
		'{authenticated_at}', to_jsonb((extract(epoch FROM now())::bigint - 600)::text))::text, 'UTF8')
		WHERE user_id = (SELECT id FROM users WHERE email = 'stepup@example.com')`)
	tab.Visit("/settings/account")
	tab.ExpectText("#delete-account .alert", "confirm it's you")
	tab.Click(`button:has-text("Confirm with a passkey")`)
	// The page it lands on has the same address: wait for what it shows.
	tab.ExpectText("#delete-account", "Type your email")
	tab.WaitForPath("/settings/account")
	tab.Fill("#delete-confirm", "stepup@example.com")
	tab.Click(`button:has-text("Delete my account")`)
	tab.WaitForPath("/signin?deleted=1")
	tab.ExpectText(`[role="status"]`, "deleted")
}
