package config

import (
	"os"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestDefaults(t *testing.T) {
	t.Parallel()
	c, err := Parse(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.Env != "production" || c.Addr != "127.0.0.1:8080" || c.SessionIdle != 168*time.Hour || !c.MigrateOnStart || c.SignInRate != 10 {
		t.Errorf("defaults = %+v", c)
	}
	if c.TelemetryKeep != 90*24*time.Hour {
		t.Errorf("telemetry retention = %s, want 90 days", c.TelemetryKeep)
	}
	if c.DevSignIn() {
		t.Error("development sign-in is on by default")
	}
	if c, err := Parse(env(map[string]string{"IGNITION_TELEMETRY_RETENTION": "0"})); err != nil || c.TelemetryKeep != 0 {
		t.Errorf("retention 0 = %v (%v), want kept forever", c.TelemetryKeep, err)
	}
	if c.SecureCookies() {
		t.Error("plain-http localhost must not demand Secure cookies")
	}
}

func TestInvalidValuesAreAllReported(t *testing.T) {
	t.Parallel()
	_, err := Parse(env(map[string]string{
		"IGNITION_ENV": "staging", "IGNITION_SESSION_IDLE": "soon", "IGNITION_BODY_LIMIT": "-1",
		"IGNITION_BASE_URL": "ftp://x", "IGNITION_ADDR": "8080", "IGNITION_LOG_LEVEL": "loud",
		"IGNITION_TELEMETRY_RETENTION": "-1h",
	}))
	if err == nil {
		t.Fatal("invalid settings accepted")
	}
	for _, name := range []string{"IGNITION_ENV", "IGNITION_SESSION_IDLE", "IGNITION_BODY_LIMIT", "IGNITION_BASE_URL", "IGNITION_ADDR", "IGNITION_LOG_LEVEL", "IGNITION_TELEMETRY_RETENTION"} {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("error does not name %s: %v", name, err)
		}
	}
}

func TestDevSignInNeedsDevelopmentOnLoopback(t *testing.T) {
	t.Parallel()
	tests := []struct {
		env, addr string
		want      bool
	}{
		{"development", "127.0.0.1:8080", true},
		{"development", "localhost:8080", true},
		{"development", "[::1]:8080", true},
		{"development", "0.0.0.0:8080", false},
		{"development", ":8080", false},
		{"production", "127.0.0.1:8080", false},
	}
	for _, tt := range tests {
		c, err := Parse(env(map[string]string{"IGNITION_ENV": tt.env, "IGNITION_ADDR": tt.addr}))
		if err != nil {
			t.Fatal(err)
		}
		if got := c.DevSignIn(); got != tt.want {
			t.Errorf("%s on %s: DevSignIn = %v, want %v", tt.env, tt.addr, got, tt.want)
		}
	}
}

func TestSecureCookies(t *testing.T) {
	t.Parallel()
	for base, want := range map[string]bool{
		"http://localhost:8080": false, "http://127.0.0.1:8080": false,
		"https://localhost": true, "http://ignition.example": true, "https://ignition.example": true,
	} {
		c, err := Parse(env(map[string]string{"IGNITION_BASE_URL": base}))
		if err != nil {
			t.Fatal(err)
		}
		if c.SecureCookies() != want {
			t.Errorf("%s: SecureCookies = %v, want %v", base, !want, want)
		}
	}
}

// TestREADMEDocumentsEverySetting keeps the README's configuration table
// in step with the settings the server reads.
func TestREADMEDocumentsEverySetting(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range Settings {
		if !strings.Contains(string(readme), "`"+s.Name+"`") {
			t.Errorf("README does not document %s", s.Name)
		}
	}
}

func TestProviders(t *testing.T) {
	t.Parallel()
	c, err := Parse(env(map[string]string{
		"IGNITION_GOOGLE_CLIENT_ID": "g", "IGNITION_GOOGLE_CLIENT_SECRET": "gs",
		"IGNITION_MICROSOFT_CLIENT_ID": "m", "IGNITION_MICROSOFT_CLIENT_SECRET": "ms",
		"IGNITION_OIDC_ISSUER": "https://sso.example/realms/x", "IGNITION_OIDC_CLIENT_ID": "o", "IGNITION_OIDC_CLIENT_SECRET": "os",
		"IGNITION_OIDC_ID": "keycloak", "IGNITION_OIDC_NAME": "Keycloak",
		"IGNITION_ADMIN_EMAILS": " Root@Example.com ,", "IGNITION_AUTO_APPROVE_DOMAINS": "Team.example",
	}))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range c.Providers {
		ids = append(ids, p.ID+"="+p.Issuer)
	}
	want := "google=https://accounts.google.com,microsoft=https://login.microsoftonline.com/common/v2.0,keycloak=https://sso.example/realms/x"
	if strings.Join(ids, ",") != want {
		t.Errorf("providers = %v", ids)
	}
	if !c.Providers[1].AnyTenantIssuer {
		t.Error("the common Microsoft tenant must accept any tenant's issuer")
	}
	if !c.IsAdmin("root@example.com") || c.IsAdmin("other@example.com") {
		t.Error("IsAdmin is wrong")
	}
	if !c.AutoApproves("x@team.example") || !c.AutoApproves("ROOT@example.com") || c.AutoApproves("x@team.example.evil") {
		t.Error("AutoApproves is wrong")
	}

	_, err = Parse(env(map[string]string{"IGNITION_GOOGLE_CLIENT_ID": "g", "IGNITION_OIDC_ISSUER": "https://x", "IGNITION_OIDC_CLIENT_ID": "o",
		"IGNITION_OIDC_CLIENT_SECRET": "s", "IGNITION_OIDC_ID": "Google!"}))
	if err == nil || !strings.Contains(err.Error(), "IGNITION_GOOGLE_CLIENT_ID") || !strings.Contains(err.Error(), "IGNITION_OIDC_ID") {
		t.Errorf("half-configured providers accepted: %v", err)
	}
}
