// Package oidctest runs a real OpenID Connect provider, Dex, on loopback for
// the sign-in tests, with a few password users and two clients.
package oidctest

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ignition/app/testutil"
)

// Password is every test user's password.
const Password = "password"

// passwordHash is bcrypt("password").
const passwordHash = "$2a$10$kmn9NIuFyEKUwE4DUGk8v.KlknyDBA8/CHQKNNhTanCpnyfdRryt6"

// The test users. Dex vouches for each email (email_verified is true).
var Users = []string{"ada@example.com", "kid@example.com", "admin@example.com", "pat@example.com", "newbie@example.com"}

// Dex is a running provider.
type Dex struct {
	Issuer       string
	ClientID     string
	ClientSecret string
	// OtherClientID and OtherClientSecret belong to another application
	// registered with the same provider: its tokens must not sign anyone in.
	OtherClientID     string
	OtherClientSecret string
	logs              *testutil.SyncBuffer
}

// Binary returns the path of the Dex binary the Makefile builds.
func Binary() string {
	if p := os.Getenv("IGNITION_DEX"); p != "" {
		return p
	}
	cache, _ := os.UserCacheDir()
	return filepath.Join(cache, "ignition", "dex-v2.45.1", "dex")
}

// Start runs Dex on a free loopback port, accepting redirects to
// redirectURIs, until the test ends.
func Start(t testing.TB, redirectURIs ...string) *Dex {
	t.Helper()
	bin := Binary()
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("Dex is not built (run `make dex`): %v", err)
	}
	// The port is free when picked, but another process may bind it before
	// Dex does: then Dex tries again on another.
	var d *Dex
	for attempt := 1; ; attempt++ {
		var err error
		if d, err = startDex(t, bin, redirectURIs); err == nil {
			break
		} else if attempt == 3 || !strings.Contains(err.Error(), "address already in use") {
			t.Fatalf("Dex did not start: %v", err)
		}
	}
	if err := testutil.WaitHTTP(d.Issuer+"/.well-known/openid-configuration", 10*time.Second); err != nil {
		t.Fatalf("Dex did not start: %v\n%s", err, d.logs.String())
	}
	return d
}

// startDex runs Dex once on a port picked now.
func startDex(t testing.TB, bin string, redirectURIs []string) (*Dex, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	d := &Dex{
		Issuer: "http://" + addr + "/dex", ClientID: "ignition-test", ClientSecret: "ignition-test-secret",
		OtherClientID: "other-app", OtherClientSecret: "other-app-secret", logs: &testutil.SyncBuffer{},
	}
	var users strings.Builder
	for i, email := range Users {
		fmt.Fprintf(&users, "  - email: %q\n    hash: %q\n    username: %q\n    userID: \"00000000-0000-4000-8000-%012d\"\n",
			email, passwordHash, strings.Split(email, "@")[0], i+1)
	}
	quoted := make([]string, len(redirectURIs))
	for i, u := range redirectURIs {
		quoted[i] = fmt.Sprintf("%q", u)
	}
	config := fmt.Sprintf(`issuer: %s
storage: {type: memory}
web: {http: %s}
logger: {level: warn}
enablePasswordDB: true
oauth2: {skipApprovalScreen: true, passwordConnector: local}
staticPasswords:
%sstaticClients:
  - id: %s
    secret: %s
    name: Ignition Test
    redirectURIs: [%s]
  - id: %s
    secret: %s
    name: Another App
    redirectURIs: ["http://127.0.0.1:1/callback"]
`, d.Issuer, addr, users.String(), d.ClientID, d.ClientSecret, strings.Join(quoted, ", "), d.OtherClientID, d.OtherClientSecret)
	path := filepath.Join(t.TempDir(), "dex.yaml")
	if err := os.WriteFile(path, []byte(config), 0o600); err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "serve", path)
	cmd.Stdout, cmd.Stderr = d.logs, d.logs
	proc, err := testutil.StartProcess(cmd)
	if err != nil {
		return nil, err
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-proc.Exited
	})
	// Its own socket, not an answer on the port: another test's Dex may
	// hold a port this one failed to bind.
	if err := proc.WaitListening(ln.Addr().(*net.TCPAddr).Port, 10*time.Second); err != nil {
		return nil, fmt.Errorf("%v\n%s", err, d.logs.String())
	}
	return d, nil
}

// Env returns the settings that point the app at this provider as the
// generic OpenID Connect provider "dex".
func (d *Dex) Env() map[string]string {
	return map[string]string{
		"IGNITION_OIDC_ISSUER": d.Issuer, "IGNITION_OIDC_CLIENT_ID": d.ClientID,
		"IGNITION_OIDC_CLIENT_SECRET": d.ClientSecret, "IGNITION_OIDC_ID": "dex", "IGNITION_OIDC_NAME": "Dex",
	}
}
