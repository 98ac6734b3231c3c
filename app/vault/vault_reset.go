package vault

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"ignition/app/form"
	"ignition/app/live"
	"ignition/app/module"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/vault"
)

// ResetURL is the page that deletes everything the vault encrypts, for a
// user who lost every way to unlock it.
const ResetURL = URL + "/reset"

// ResetPhrase is what the user types to confirm a reset.
const ResetPhrase = "delete my private data"

// errNoVault answers a reset of a vault that does not exist.
var errNoVault = errors.New("vault: nothing to reset")

// resetShow names what a reset destroys, and asks for a fresh sign-in with
// the identity provider, then the confirmation phrase.
func (h *Handler) resetShow(c echo.Context) error {
	return h.renderReset(c, http.StatusOK, views.ResetForm{})
}

// reset deletes every encrypted record and object of the user and the vault
// with its keys, in one transaction; the user then sets up a new vault.
// Only a sign-in with the identity provider in the last five minutes and
// the phrase typed out let it happen: nothing is deleted otherwise.
func (h *Handler) reset(c echo.Context) error {
	v := web.CurrentViewer(c)
	var f views.ResetForm
	if err := form.Bind(c, &f); err != nil {
		return err
	}
	fresh, err := h.auth.RecentlyAuthenticatedByProvider(c)
	if err != nil {
		return err
	}
	if !fresh {
		return h.renderReset(c, http.StatusForbidden, f)
	}
	f.Errors = form.Validate(f)
	if !f.Errors.Any() && normalizePhrase(f.Confirm) != ResetPhrase {
		f.Errors["confirm"] = `Type "` + ResetPhrase + `" to confirm. Nothing was deleted.`
	}
	if f.Errors.Any() {
		return h.renderReset(c, http.StatusUnprocessableEntity, f)
	}
	kinds := h.sealed()
	ctx := c.Request().Context()
	err = store.Tx(ctx, h.pool, func(q *db.Queries) error {
		for _, k := range kinds {
			if k.Destroy == nil {
				continue
			}
			if err := k.Destroy(ctx, q, v.ID); err != nil {
				return fmt.Errorf("the %s: %w", k.Many, err)
			}
		}
		n, err := q.DeleteVault(ctx, v.ID)
		if err == nil && n == 0 {
			return errNoVault
		}
		if err != nil {
			return err
		}
		return live.Announce(ctx, q, v.ID, live.Vault) // every device forgets the old key
	})
	if errors.Is(err, errNoVault) {
		return web.Redirect(c, URL)
	}
	if err != nil {
		return fmt.Errorf("vault: unable to reset the vault of %s: %w", v.ID, err)
	}
	for _, k := range kinds {
		if k.Destroyed != nil {
			k.Destroyed(ctx)
		}
	}
	return web.Redirect(c, URL+"?done=reset")
}

// renderReset reads, in one round trip, whether there is a vault, how many
// records of each encrypted kind it would destroy, and how the user can
// sign in again.
func (h *Handler) renderReset(c echo.Context, status int, f views.ResetForm) error {
	v := web.CurrentViewer(c)
	fresh, err := h.auth.RecentlyAuthenticatedByProvider(c)
	if err != nil {
		return err
	}
	kinds := h.sealed()
	var b store.Batch
	var exists bool
	var keys int32
	store.One(&b, db.HasVault, &exists, v.ID)
	store.One(&b, db.CountVaultKeys, &keys, v.ID)
	counts := make([]func() int, len(kinds))
	for i, k := range kinds {
		counts[i] = k.Count(&b, v.ID)
	}
	links := h.auth.QueueReauthLinks(&b, v.ID, ResetURL)
	if err := b.Send(c.Request().Context(), h.pool); err != nil {
		return fmt.Errorf("vault: unable to count what a reset of %s deletes: %w", v.ID, err)
	}
	if !exists {
		return web.Redirect(c, URL)
	}
	page := views.ResetData{Form: f, Fresh: fresh, Phrase: ResetPhrase, Keys: int(keys), Destroys: destroys(kinds, counts)}
	for _, l := range links() {
		if !l.Passkey { // a passkey alone does not reset a vault
			page.Reauth = append(page.Reauth, views.Reauth{Label: l.Label, Href: l.Href})
		}
	}
	return web.Render(c, status, "Reset the vault", views.Reset(page))
}

// destroys is what a reset deletes, kind by kind, as its warning lists it.
func destroys(kinds []module.Sealed, counts []func() int) []views.Count {
	out := make([]views.Count, len(kinds))
	for i, k := range kinds {
		out[i] = views.Count{N: counts[i](), One: k.One, Many: k.Many}
	}
	return out
}

// normalizePhrase reads the confirmation as typed: any case, spaces
// around and between the words.
func normalizePhrase(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}
