package passkey

import (
	"slices"
	"testing"

	"github.com/go-webauthn/webauthn/protocol"
)

func TestKnownTransportsDropsWhatWebAuthnDoesNotDefine(t *testing.T) {
	t.Parallel()
	got := knownTransports([]protocol.AuthenticatorTransport{"internal", "\x00", "hybrid", "carrier-pigeon", "usb"})
	if want := []protocol.AuthenticatorTransport{"internal", "hybrid", "usb"}; !slices.Equal(got, want) {
		t.Errorf("knownTransports = %q, want %q", got, want)
	}
}
