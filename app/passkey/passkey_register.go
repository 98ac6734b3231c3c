package passkey

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/go-webauthn/webauthn/protocol"
	"github.com/go-webauthn/webauthn/webauthn"
	"github.com/labstack/echo/v4"

	"ignition/app/store/db"
	"ignition/app/web"
)

func (h *Handler) registerBegin(c echo.Context) error {
	v := web.CurrentViewer(c)
	u, _, err := h.loadUser(c, v.ID)
	if err != nil {
		return err
	}
	exclude := make([]protocol.CredentialDescriptor, len(u.credentials))
	for i, cred := range u.credentials {
		exclude[i] = cred.Descriptor()
	}
	creation, data, err := h.w.BeginRegistration(u,
		webauthn.WithAuthenticatorSelection(protocol.AuthenticatorSelection{
			ResidentKey: protocol.ResidentKeyRequirementRequired, RequireResidentKey: protocol.ResidentKeyRequired(),
			UserVerification: protocol.VerificationRequired,
		}),
		webauthn.WithExclusions(exclude),
		webauthn.WithExtensions(webauthn.WithExtensionPRFSupport()),
	)
	if err != nil {
		return fmt.Errorf("passkey: unable to begin registration: %w", err)
	}
	if err := h.saveCeremony(c, data); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, creation)
}

func (h *Handler) registerFinish(c echo.Context) error {
	v := web.CurrentViewer(c)
	data, err := h.takeCeremony(c)
	if err != nil {
		return problem(c, http.StatusBadRequest, "This passkey request expired. Try again.")
	}
	parsed, err := protocol.ParseCredentialCreationResponseBody(c.Request().Body)
	if err != nil {
		return problem(c, http.StatusBadRequest, "The browser's answer could not be read. Try again.")
	}
	u, keys, err := h.loadUser(c, v.ID)
	if err != nil {
		return err
	}
	cred, err := h.w.CreateCredential(u, *data, parsed)
	if err != nil {
		return problem(c, http.StatusBadRequest, "The passkey could not be verified, so it was not added.")
	}
	cred.Transport = knownTransports(cred.Transport)
	record, err := json.Marshal(cred)
	if err != nil {
		return err
	}
	prf := cred.Extensions.PRFEnabled != nil && *cred.Extensions.PRFEnabled
	name := fmt.Sprintf("%s passkey %d", web.DeviceSummary(c.Request().UserAgent()), len(keys)+1)
	if len(name) > 60 {
		name = name[:60]
	}
	_, err = h.q.InsertPasskey(c.Request().Context(), db.InsertPasskeyParams{
		UserID: v.ID, CredentialID: cred.ID, Credential: record, Name: name, PrfEnabled: prf,
	})
	if err != nil {
		return fmt.Errorf("passkey: unable to store credential of %s: %w", v.ID, err)
	}
	return c.JSON(http.StatusOK, map[string]string{"redirect": "/settings/security?done=added"})
}

// knownTransports keeps the transports WebAuthn defines: the list comes
// from the browser unsigned, and the record is stored as JSON, which
// Postgres refuses with a NUL in it.
func knownTransports(ts []protocol.AuthenticatorTransport) []protocol.AuthenticatorTransport {
	var out []protocol.AuthenticatorTransport
	for _, t := range ts {
		switch t {
		case protocol.USB, protocol.NFC, protocol.BLE, protocol.SmartCard, protocol.Hybrid, protocol.Internal:
			out = append(out, t)
		}
	}
	return out
}
