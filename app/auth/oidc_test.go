//go:build !fast

package auth

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"ignition/app/config"
	"ignition/app/oidctest"
)

// passwordGrantIDToken asks Dex directly for an ID token issued to clientID.
func passwordGrantIDToken(t *testing.T, dex *oidctest.Dex, clientID, secret string) string {
	t.Helper()
	form := url.Values{"grant_type": {"password"}, "username": {"ada@example.com"}, "password": {oidctest.Password}, "scope": {"openid email profile"}}
	req, _ := http.NewRequest(http.MethodPost, dex.Issuer+"/token", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(clientID, secret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		IDToken string `json:"id_token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || body.IDToken == "" {
		t.Fatalf("no ID token from Dex (status %d, %v)", resp.StatusCode, err)
	}
	return body.IDToken
}

func TestVerifyRejectsTokensNotMeantForUs(t *testing.T) {
	t.Parallel()
	dex := oidctest.Start(t, "http://127.0.0.1:1/auth/callback/dex")
	p := &provider{Provider: config.Provider{ID: "dex", Name: "Dex", Issuer: dex.Issuer, ClientID: dex.ClientID, ClientSecret: dex.ClientSecret}}
	ctx := t.Context()

	other := passwordGrantIDToken(t, dex, dex.OtherClientID, dex.OtherClientSecret)
	if _, err := p.verify(ctx, other, ""); err == nil || !strings.Contains(err.Error(), "audience") {
		t.Fatalf("a token for another application was accepted: %v", err)
	}

	ours := passwordGrantIDToken(t, dex, dex.ClientID, dex.ClientSecret)
	if _, err := p.verify(ctx, ours, "some-nonce"); err == nil || !strings.Contains(err.Error(), "nonce") {
		t.Fatalf("a token without our nonce was accepted: %v", err)
	}
	parts := strings.Split(ours, ".")
	tampered := parts[0] + "." + parts[1] + "x." + parts[2]
	if _, err := p.verify(ctx, tampered, ""); err == nil {
		t.Fatal("a tampered token was accepted")
	}
	if _, err := p.verify(ctx, "", ""); err == nil {
		t.Fatal("an empty token was accepted")
	}
}
