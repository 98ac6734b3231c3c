package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/url"
	"strings"
	"sync"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"ignition/app/config"
)

// provider is a configured OpenID Connect provider. Discovery happens on
// first use and is retried until it succeeds, so the app starts even while
// a provider is unreachable.
type provider struct {
	config.Provider
	redirectURL string

	mu       sync.Mutex
	oauth    *oauth2.Config
	verifier *oidc.IDTokenVerifier
}

func newProviders(cfg *config.Config) map[string]*provider {
	m := map[string]*provider{}
	for _, p := range cfg.Providers {
		m[p.ID] = &provider{Provider: p, redirectURL: cfg.BaseURL.JoinPath("auth", "callback", p.ID).String()}
	}
	return m
}

// discover fetches the provider's metadata and keys once.
func (p *provider) discover(ctx context.Context) (*oauth2.Config, *oidc.IDTokenVerifier, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.oauth != nil {
		return p.oauth, p.verifier, nil
	}
	discoveryCtx := ctx
	if p.AnyTenantIssuer {
		// Microsoft's multi-tenant metadata names a templated issuer;
		// checkIssuer verifies the tenant-specific one instead.
		discoveryCtx = oidc.InsecureIssuerURLContext(ctx, p.Issuer)
	}
	op, err := oidc.NewProvider(discoveryCtx, p.Issuer)
	if err != nil {
		return nil, nil, fmt.Errorf("auth: discovery of %s failed: %w", p.ID, err)
	}
	p.oauth = &oauth2.Config{
		ClientID: p.ClientID, ClientSecret: p.ClientSecret, RedirectURL: p.redirectURL,
		Endpoint: op.Endpoint(), Scopes: []string{oidc.ScopeOpenID, "email", "profile"},
	}
	p.verifier = op.Verifier(&oidc.Config{ClientID: p.ClientID, SkipIssuerCheck: p.AnyTenantIssuer})
	return p.oauth, p.verifier, nil
}

// claims are the ID-token claims sign-in uses.
type claims struct {
	Subject       string `json:"sub"`
	Issuer        string `json:"iss"`
	TenantID      string `json:"tid"`
	Email         string `json:"email"`
	EmailVerified *bool  `json:"email_verified"`
	Name          string `json:"name"`
	Nonce         string `json:"nonce"`
}

// verify checks the ID token (signature, issuer, audience, expiry) and its
// nonce, and returns its claims.
func (p *provider) verify(ctx context.Context, rawIDToken, nonce string) (*claims, error) {
	_, verifier, err := p.discover(ctx)
	if err != nil {
		return nil, err
	}
	tok, err := verifier.Verify(ctx, rawIDToken)
	if err != nil {
		return nil, fmt.Errorf("auth: ID token rejected: %w", err)
	}
	var c claims
	if err := tok.Claims(&c); err != nil {
		return nil, fmt.Errorf("auth: unreadable ID token claims: %w", err)
	}
	if c.Nonce == "" || c.Nonce != nonce {
		return nil, fmt.Errorf("auth: ID token nonce does not match")
	}
	if p.AnyTenantIssuer && (c.TenantID == "" || c.Issuer != tenantIssuer(p.Issuer, c.TenantID)) {
		return nil, fmt.Errorf("auth: ID token issuer %q is not a tenant of %s", c.Issuer, p.Issuer)
	}
	if c.Subject == "" {
		return nil, fmt.Errorf("auth: ID token has no subject")
	}
	return &c, nil
}

// verified reports whether the provider vouches for the email; without the
// claim (Microsoft sends none) the email counts as unverified.
func (c *claims) verified() bool {
	return c.EmailVerified != nil && *c.EmailVerified
}

// tenantIssuer turns a multi-tenant issuer such as
// https://login.microsoftonline.com/common/v2.0 into the issuer a token from
// tenant tid carries: https://login.microsoftonline.com/<tid>/v2.0.
func tenantIssuer(issuer, tid string) string {
	u, err := url.Parse(issuer)
	if err != nil || tid == "" || strings.ContainsAny(tid, "/?#") {
		return ""
	}
	parts := strings.SplitN(strings.TrimPrefix(u.Path, "/"), "/", 2)
	parts[0] = tid
	u.Path = "/" + strings.Join(parts, "/")
	return u.String()
}

// randomToken returns a URL-safe random string of n bytes of entropy.
func randomToken(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// identityHash identifies a provider account without keeping its subject.
func identityHash(providerID, subject string) []byte {
	sum := sha256.Sum256([]byte(providerID + "\x00" + subject))
	return sum[:]
}
