// Package vault keeps the user's vault as E2EE.md draws it: the server
// stores the KEK wrapped under a passphrase and under one-time recovery
// codes, the hash of the unlock proof, and when the vault last locked on
// any device. It never sees the passphrase, a code, the KEK or plaintext:
// the island in the browser derives, wraps and unwraps.
package vault

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"

	"ignition/app/auth"
	"ignition/app/calendar"
	"ignition/app/module"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
	"ignition/views/layout"
)

// The vault's pages and the island's routes.
const (
	URL      = "/settings/vault"
	APIURL   = "/vault"
	AdminURL = "/admin/vaults"
)

// Key kinds: the KEK wrapped under a passphrase, or a recovery code.
const (
	Passphrase = "passphrase"
	Recovery   = "recovery"
	Passkey    = "passkey"
)

// KeyKinds lists the kinds of wrapped KEK.
var KeyKinds = []string{Passphrase, Recovery, Passkey}

// RecoveryCodes is how many one-time recovery codes a vault has; Settings
// warns at LowCodes left.
const (
	RecoveryCodes = 10
	LowCodes      = 3
)

// Handler serves the vault routes.
type Handler struct {
	pool   *pgxpool.Pool
	q      *db.Queries
	idle   time.Duration // a tab, and a session, lock after this long without input
	auth   *auth.Handler
	sealed func() []module.Sealed // every module's kinds of encrypted record
}

// Module is the vault: setting it up, unlocking, locking on every device,
// changing the passphrase and the recovery codes.
func Module(d module.Deps) module.Module {
	h := &Handler{pool: d.Pool, q: d.Q, idle: d.Config.VaultIdle, auth: auth.NewHandler(d), sealed: d.Registry.Sealed}
	return module.Module{
		Name: "vault",
		Privacy: []module.Privacy{{Kind: "Vault", Encrypted: []string{"The vault's key, wrapped under your passphrase, under each recovery code and under each passkey that unlocks it"},
			Readable: []string{"The salts and key-derivation settings", "A hash of the unlock proof (never your passphrase or a code)", "When the vault was last locked",
				"Which key each encrypted field is under, and whether a key rotation is under way"},
			IfLost: "Lose your passphrase and every recovery code, and the vault cannot be opened by anyone: what it encrypts cannot be recovered, only deleted."}},
		Routes: func(r module.Router) {
			r.Private.GET(URL, h.show)
			r.Private.GET(ResetURL, h.resetShow)
			r.Private.GET(RotateURL, h.rotatePage)
			r.Private.GET(APIURL+"/rotation", h.rotationShow)
			r.Private.POST(APIURL+"/rotation", h.rotationStart)
			r.Private.GET(APIURL+"/rotation/records", h.rotationRecords)
			r.Private.POST(APIURL+"/rotation/records", h.rotationRewrap)
			r.Private.POST(APIURL+"/rotation/finish", h.rotationFinish)
			r.Private.POST(ResetURL, h.reset)
			r.Private.POST(APIURL, h.setup)
			r.Private.POST(APIURL+"/state", h.state)
			r.Private.GET(APIURL+"/keys/passphrase", h.passphraseKey)
			r.Private.POST(APIURL+"/unlock", h.unlock)
			r.Private.POST(APIURL+"/lock", h.lock)
			r.Private.POST(APIURL+"/passphrase", h.changePassphrase)
			r.Private.POST(APIURL+"/recovery", h.replaceRecovery)
			r.Private.POST(APIURL+"/recovery/find", h.findRecovery)
			r.Private.POST(APIURL+"/recover", h.recover)
			r.Private.GET(APIURL+"/keys/passkey/:credential", h.passkeyKey)
			r.Private.POST(APIURL+"/keys/passkey", h.passkeyOn)
			r.Private.POST(APIURL+"/keys/passkey/:id/delete", h.passkeyOff)
			r.Admin.GET(AdminURL, h.adminList)
			r.Admin.POST(AdminURL+"/:id/lock", h.adminLock)
		},
		Nav: []module.Nav{{Label: "Vaults", Href: AdminURL, Order: 120, Admin: true}},
		Commands: []module.Command{{Label: "Vault", Keywords: "vault lock unlock encryption passphrase recovery", Href: URL},
			{Label: "Lock the vault", Keywords: "lock encryption key everywhere", Action: APIURL + "/lock"}},
		SignOut: h.lockOnSignOut,
		Shell:   []web.ShellSource{h.shellSource},
	}
}

// shellSource tells the island on every page how long a tab may keep the
// key without input, and which passkeys can unlock the vault. It is set on a full page load (a boosted page keeps
// the body's attributes), so it does not depend on the vault existing.
func (h *Handler) shellSource(b *store.Batch, session []byte) web.ShellFill {
	idle := strconv.Itoa(int(h.idle.Seconds()))
	var passkeys []string
	store.Many(b, db.ListUnlockCredentialsBySession, &passkeys, session)
	return func(s *layout.Shell, _ calendar.Calendar) {
		s.SetData("vault-idle", idle)
		if len(passkeys) > 0 { // the unlock prompts offer the passkeys that open the vault
			s.SetData("vault-passkeys", strings.Join(passkeys, ","))
		}
	}
}

// ErrNoVault is a user who has not set up a vault.
var ErrNoVault = errors.New("vault: not set up")

// lockOnSignOut locks the vault everywhere when its owner signs out.
func (h *Handler) lockOnSignOut(ctx context.Context, user uuid.UUID) error {
	if err := Lock(ctx, h.q, user, time.Now()); !errors.Is(err, ErrNoVault) {
		return err
	}
	return nil
}
