package passkey

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/go-webauthn/webauthn/protocol"
	"github.com/go-webauthn/webauthn/webauthn"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"

	"ignition/app/auth"
	"ignition/app/store/db"
	"ignition/app/web"
)

// signInBegin starts a sign-in with any passkey of this site: the browser
// offers the user's discoverable credentials, no username needed.
func (h *Handler) signInBegin(c echo.Context) error {
	assertion, data, err := h.w.BeginDiscoverableLogin(
		webauthn.WithUserVerification(protocol.VerificationRequired),
		webauthn.WithAssertionExtensions(webauthn.WithExtensionPRFSupport()),
	)
	if err != nil {
		return fmt.Errorf("passkey: unable to begin sign-in: %w", err)
	}
	if err := h.saveCeremony(c, data); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, assertion)
}

// signInFinish verifies the assertion, finds the user by the credential's
// user handle, records the new signature counter and signs in. Signed in
// already, it renews the proof of identity that step-up checks look for.
func (h *Handler) signInFinish(c echo.Context) error {
	data, err := h.takeCeremony(c)
	if err != nil {
		return problem(c, http.StatusBadRequest, "This passkey request expired. Try again.")
	}
	parsed, err := protocol.ParseCredentialRequestResponseBody(c.Request().Body)
	if err != nil {
		return problem(c, http.StatusBadRequest, "The browser's answer could not be read. Try again.")
	}
	var found *user
	var record db.Passkey
	cred, err := h.w.ValidateDiscoverableLogin(func(rawID, userHandle []byte) (webauthn.User, error) {
		id, err := uuid.FromBytes(userHandle)
		if err != nil {
			return nil, err
		}
		u, keys, err := h.loadUser(c, id)
		if err != nil {
			return nil, err
		}
		for _, k := range keys {
			if string(k.CredentialID) == string(rawID) {
				record = k
			}
		}
		found = u
		return u, nil
	}, *data, parsed)
	if err != nil || found == nil || record.ID == uuid.Nil {
		if errors.Is(err, pgx.ErrNoRows) || found == nil || record.ID == uuid.Nil {
			return problem(c, http.StatusUnauthorized, "This passkey is not registered here (it may have been removed). Sign in another way.")
		}
		return problem(c, http.StatusUnauthorized, "The passkey could not be verified. Try again.")
	}
	if cred.Authenticator.CloneWarning {
		return problem(c, http.StatusUnauthorized, "This passkey's counter went backwards, a sign it may have been copied. Sign in another way and remove it.")
	}
	updated, err := json.Marshal(cred)
	if err != nil {
		return err
	}
	if err := h.q.RecordPasskeyUse(c.Request().Context(), db.RecordPasskeyUseParams{ID: record.ID, Credential: updated}); err != nil {
		return fmt.Errorf("passkey: unable to record use of %s: %w", record.ID, err)
	}
	sess, err := web.Session(c)
	if err != nil {
		return err
	}
	if err := h.auth.SignIn(c, sess, found.id, auth.ByPasskey); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]string{"redirect": web.LocalPath(c.QueryParam("next"), "/")})
}
