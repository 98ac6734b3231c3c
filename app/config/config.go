// Package config reads the server's settings from the environment. Every
// setting has a default, so the binary runs with none set.
package config

import (
	"encoding/base64"
	"fmt"
	"net"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Setting documents one environment variable: its name, default and meaning.
// The README's configuration table is checked against this list.
type Setting struct {
	Name    string
	Default string
	Help    string
}

// Settings lists every environment variable the server reads.
var Settings = []Setting{
	{"DATABASE_URL", "", "PostgreSQL connection string. `make run` starts a local cluster and sets it when unset."},
	{"IGNITION_ENV", "production", "`development` enables the development sign-in (only on a loopback address)."},
	{"IGNITION_ADDR", "127.0.0.1:8080", "Address the HTTP server listens on."},
	{"IGNITION_BASE_URL", "http://localhost:8080", "Public URL of the app; an https URL makes cookies Secure and turns on HSTS."},
	{"IGNITION_COOKIE_DOMAIN", "", "Domain attribute of the session and CSRF cookies (empty: host-only)."},
	{"IGNITION_SESSION_IDLE", "168h", "A session ends after this long without a request."},
	{"IGNITION_SESSION_MAX", "720h", "A session ends this long after sign-in, active or not."},
	{"IGNITION_MIGRATE_ON_START", "true", "`serve` applies pending migrations and loads the built-in content (quests, market items, the exercise library) before it listens."},
	{"IGNITION_BODY_LIMIT", "1048576", "Largest request body in bytes; larger requests get 413."},
	{"IGNITION_REQUEST_TIMEOUT", "10s", "Longest a request may work; past it, it ends with a 503 page and its database calls are cancelled."},
	{"IGNITION_DB_POOL_SIZE", "16", "Postgres connections each app process keeps at most (it overrides pool_max_conns in DATABASE_URL); requests beyond it wait for one, within their timeout."},
	{"IGNITION_DB_STATEMENT_TIMEOUT", "5s", "Postgres cancels a statement of the app's that runs longer (statement_timeout)."},
	{"IGNITION_DB_LOCK_TIMEOUT", "2s", "Postgres cancels a statement of the app's that waits longer for a lock (lock_timeout)."},
	{"IGNITION_TRUSTED_PROXIES", "", "Comma-separated CIDRs of reverse proxies whose X-Forwarded-For names the client (for the sign-in rate limit and logs); empty trusts none."},
	{"IGNITION_SIGNIN_RATE", "10", "Sign-in attempts allowed per client address per minute."},
	{"IGNITION_SHUTDOWN_TIMEOUT", "25s", "How long SIGTERM waits for in-flight requests to finish."},
	{"IGNITION_LOG_LEVEL", "info", "Log level: debug, info, warn or error."},
	{"IGNITION_ADMIN_EMAILS", "", "Comma-separated emails of the administrators (their provider must verify the email)."},
	{"IGNITION_AUTO_APPROVE_DOMAINS", "", "Comma-separated email domains whose new accounts skip the approval queue."},
	{"IGNITION_GOOGLE_CLIENT_ID", "", "Google sign-in: OAuth client ID (with the secret, shows \"Sign in with Google\")."},
	{"IGNITION_GOOGLE_CLIENT_SECRET", "", "Google sign-in: OAuth client secret."},
	{"IGNITION_MICROSOFT_CLIENT_ID", "", "Microsoft Entra sign-in: application (client) ID."},
	{"IGNITION_MICROSOFT_CLIENT_SECRET", "", "Microsoft Entra sign-in: client secret."},
	{"IGNITION_MICROSOFT_TENANT", "common", "Microsoft Entra tenant: a tenant ID or domain, or common, organizations or consumers."},
	{"IGNITION_OIDC_ISSUER", "", "Any OpenID Connect provider (Keycloak, Authentik, Dex…): issuer URL."},
	{"IGNITION_OIDC_CLIENT_ID", "", "Generic OpenID Connect provider: client ID."},
	{"IGNITION_OIDC_CLIENT_SECRET", "", "Generic OpenID Connect provider: client secret."},
	{"IGNITION_OIDC_ID", "oidc", "Generic OpenID Connect provider: short name used in its callback URL /auth/callback/<id>."},
	{"IGNITION_OIDC_NAME", "Single sign-on", "Generic OpenID Connect provider: the name on its sign-in button."},
	{"IGNITION_NEO4J_URL", "", "Bolt URL of the Neo4j projection (e.g. bolt://127.0.0.1:7687); empty runs without it."},
	{"IGNITION_NEO4J_TIMEOUT", "200ms", "A sequence read slower than this counts as no signal (the page renders without it)."},
	{"IGNITION_GRAPH_SYNC_INTERVAL", "1m", "How often serve projects new activity into Neo4j; 0 leaves it to `ignition graph-sync`."},
	{"IGNITION_VAULT_IDLE", "10m", "A tab forgets the vault's key, and the session may no longer write encrypted content, after this long without input."},
	{"IGNITION_S3_ENDPOINT", "", "URL of the S3-compatible object store the server talks to (e.g. http://127.0.0.1:7070); empty runs without voice memos."},
	{"IGNITION_S3_PUBLIC_ENDPOINT", "", "URL of the same store as browsers reach it, which upload and download URLs are signed for; empty is IGNITION_S3_ENDPOINT."},
	{"IGNITION_S3_ACCESS_KEY", "", "Object store access key."},
	{"IGNITION_S3_SECRET_KEY", "", "Object store secret key."},
	{"IGNITION_S3_BUCKET", "ignition", "Bucket for encrypted files; created, with a CORS rule for IGNITION_BASE_URL, on start."},
	{"IGNITION_S3_REGION", "us-east-1", "Region the object store's signatures name."},
	{"IGNITION_S3_TIMEOUT", "10s", "Longest the server waits for one object store call before it answers that the store is unavailable."},
	{"IGNITION_MEMO_MAX_BYTES", "52428800", "Largest voice memo, encrypted, in bytes (50 MiB)."},
	{"IGNITION_VAPID_PUBLIC_KEY", "", "Web Push: the VAPID public key (base64url, uncompressed P-256 point); empty, with the private key, makes a pair once and keeps it in the database."},
	{"IGNITION_VAPID_PRIVATE_KEY", "", "Web Push: the VAPID private key (base64url, 32 bytes)."},
	{"IGNITION_VAPID_SUBJECT", "", "Web Push: how push services reach the operator, a mailto: or https: URL; empty is the first administrator's email, else the base URL (when https)."},
	{"IGNITION_PUSH_SERVICES", "fcm.googleapis.com,updates.push.services.mozilla.com,web.push.apple.com,*.notify.windows.com", "Web Push: the push services a subscription may name, as host names (`*.` for any subdomain, https only) or origins such as http://127.0.0.1:9000 (a self-hosted service)."},
	{"IGNITION_TELEMETRY_RETENTION", "2160h", "How long Today's decision telemetry (exposures and outcomes) is kept; 0 keeps it forever."},
}

// Config holds the parsed settings.
type Config struct {
	DatabaseURL     string
	Env             string
	Addr            string
	BaseURL         *url.URL
	CookieDomain    string
	SessionIdle     time.Duration
	SessionMax      time.Duration
	MigrateOnStart  bool
	BodyLimit       int64
	RequestTimeout  time.Duration
	DB              DBLimits
	TrustedProxies  []*net.IPNet
	SignInRate      int
	ShutdownTimeout time.Duration
	LogLevel        string
	Neo4jURL        string
	Neo4jTimeout    time.Duration
	GraphSync       time.Duration // 0: no in-process projection
	TelemetryKeep   time.Duration // 0: decision telemetry is kept forever
	VaultIdle       time.Duration
	S3              S3
	MemoMaxBytes    int64
	Push            Push
	AdminEmails     []string // lower-case
	AutoApprove     []string // lower-case email domains
	Providers       []Provider
}

// S3 locates the object store; Endpoint "" is none.
type S3 struct {
	Endpoint, PublicEndpoint *url.URL
	AccessKey, SecretKey     string
	Bucket, Region           string
	Timeout                  time.Duration
}

// Enabled reports whether an object store is configured.
func (s S3) Enabled() bool { return s.Endpoint != nil }

// Push configures Web Push: the VAPID key pair (both empty: made once and
// kept in the database), the subject push services may contact, and the
// push services a subscription's endpoint may name.
type Push struct {
	PublicKey, PrivateKey string
	Subject               string
	Services              []string
}

// DBLimits bound what one app process asks of Postgres.
type DBLimits struct {
	PoolSize         int32         // connections at most
	StatementTimeout time.Duration // Postgres cancels a longer statement
	LockTimeout      time.Duration // and a longer wait for a lock
}

// Provider is one configured OpenID Connect sign-in provider.
type Provider struct {
	ID           string // the path segment of its routes
	Name         string // shown on its sign-in button
	Issuer       string
	ClientID     string
	ClientSecret string
	// AnyTenantIssuer, for Microsoft's multi-tenant endpoints, accepts
	// tokens whose issuer is the tenant-specific form of Issuer.
	AnyTenantIssuer bool
}

// Load reads the settings from the environment, applying defaults.
func Load() (*Config, error) {
	return Parse(os.Getenv)
}

// Parse reads the settings through getenv, applying defaults; it reports
// every invalid value at once.
func Parse(getenv func(string) string) (*Config, error) {
	get := func(name string) string {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			return v
		}
		for _, s := range Settings {
			if s.Name == name {
				return s.Default
			}
		}
		panic("config: unknown setting " + name)
	}
	var errs []string
	fail := func(name string, err error) { errs = append(errs, fmt.Sprintf("%s: %v", name, err)) }
	duration := func(name string) time.Duration {
		d, err := time.ParseDuration(get(name))
		if err == nil && d <= 0 {
			err = fmt.Errorf("must be positive")
		}
		if err != nil {
			fail(name, err)
		}
		return d
	}
	integer := func(name string) int64 {
		n, err := strconv.ParseInt(get(name), 10, 64)
		if err == nil && n <= 0 {
			err = fmt.Errorf("must be positive")
		}
		if err != nil {
			fail(name, err)
		}
		return n
	}

	c := &Config{
		DatabaseURL:    get("DATABASE_URL"),
		Env:            get("IGNITION_ENV"),
		Addr:           get("IGNITION_ADDR"),
		CookieDomain:   get("IGNITION_COOKIE_DOMAIN"),
		SessionIdle:    duration("IGNITION_SESSION_IDLE"),
		SessionMax:     duration("IGNITION_SESSION_MAX"),
		BodyLimit:      integer("IGNITION_BODY_LIMIT"),
		RequestTimeout: duration("IGNITION_REQUEST_TIMEOUT"),
		DB: DBLimits{
			PoolSize:         int32(integer("IGNITION_DB_POOL_SIZE")),
			StatementTimeout: duration("IGNITION_DB_STATEMENT_TIMEOUT"),
			LockTimeout:      duration("IGNITION_DB_LOCK_TIMEOUT"),
		},
		SignInRate:      int(integer("IGNITION_SIGNIN_RATE")),
		ShutdownTimeout: duration("IGNITION_SHUTDOWN_TIMEOUT"),
		LogLevel:        get("IGNITION_LOG_LEVEL"),
	}
	if c.Env != "development" && c.Env != "production" {
		fail("IGNITION_ENV", fmt.Errorf("must be development or production, not %q", c.Env))
	}
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		fail("IGNITION_ADDR", err)
	}
	base, err := url.Parse(get("IGNITION_BASE_URL"))
	if err == nil && (base.Scheme != "http" && base.Scheme != "https" || base.Host == "") {
		err = fmt.Errorf("must be an absolute http or https URL")
	}
	if err != nil {
		fail("IGNITION_BASE_URL", err)
	}
	c.BaseURL = base
	migrate, err := strconv.ParseBool(get("IGNITION_MIGRATE_ON_START"))
	if err != nil {
		fail("IGNITION_MIGRATE_ON_START", err)
	}
	c.MigrateOnStart = migrate
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		fail("IGNITION_LOG_LEVEL", fmt.Errorf("must be debug, info, warn or error, not %q", c.LogLevel))
	}
	c.Neo4jURL = get("IGNITION_NEO4J_URL")
	c.Neo4jTimeout = duration("IGNITION_NEO4J_TIMEOUT")
	if v := get("IGNITION_GRAPH_SYNC_INTERVAL"); v != "0" {
		c.GraphSync = duration("IGNITION_GRAPH_SYNC_INTERVAL")
	}
	if v := get("IGNITION_TELEMETRY_RETENTION"); v != "0" {
		c.TelemetryKeep = duration("IGNITION_TELEMETRY_RETENTION")
	}
	if c.DB.PoolSize > 1000 {
		fail("IGNITION_DB_POOL_SIZE", fmt.Errorf("must be at most 1000"))
	}
	for _, cidr := range list(get("IGNITION_TRUSTED_PROXIES")) {
		if !strings.Contains(cidr, "/") { // a bare address trusts just itself
			if ip := net.ParseIP(cidr); ip != nil && ip.To4() != nil {
				cidr += "/32"
			} else {
				cidr += "/128"
			}
		}
		_, n, err := net.ParseCIDR(cidr)
		if err != nil {
			fail("IGNITION_TRUSTED_PROXIES", fmt.Errorf("%q is not an address or CIDR", cidr))
			continue
		}
		c.TrustedProxies = append(c.TrustedProxies, n)
	}
	c.VaultIdle = duration("IGNITION_VAULT_IDLE")
	c.MemoMaxBytes = integer("IGNITION_MEMO_MAX_BYTES")
	c.S3 = S3{AccessKey: get("IGNITION_S3_ACCESS_KEY"), SecretKey: get("IGNITION_S3_SECRET_KEY"), Bucket: get("IGNITION_S3_BUCKET"),
		Region: get("IGNITION_S3_REGION"), Timeout: duration("IGNITION_S3_TIMEOUT")}
	endpoint := func(name string) *url.URL {
		u, err := url.Parse(get(name))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") {
			fail(name, fmt.Errorf("must be an http or https URL with no path"))
			return nil
		}
		return u
	}
	if get("IGNITION_S3_ENDPOINT") != "" {
		c.S3.Endpoint, c.S3.PublicEndpoint = endpoint("IGNITION_S3_ENDPOINT"), endpoint("IGNITION_S3_ENDPOINT")
		if get("IGNITION_S3_PUBLIC_ENDPOINT") != "" {
			c.S3.PublicEndpoint = endpoint("IGNITION_S3_PUBLIC_ENDPOINT")
		}
		if c.S3.AccessKey == "" || c.S3.SecretKey == "" {
			fail("IGNITION_S3_ACCESS_KEY", fmt.Errorf("and IGNITION_S3_SECRET_KEY are needed with IGNITION_S3_ENDPOINT"))
		}
		if !regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`).MatchString(c.S3.Bucket) {
			fail("IGNITION_S3_BUCKET", fmt.Errorf("must be a valid bucket name, not %q", c.S3.Bucket))
		}
	}
	c.AdminEmails = list(get("IGNITION_ADMIN_EMAILS"))
	c.Push = Push{PublicKey: get("IGNITION_VAPID_PUBLIC_KEY"), PrivateKey: get("IGNITION_VAPID_PRIVATE_KEY"),
		Subject: get("IGNITION_VAPID_SUBJECT"), Services: list(get("IGNITION_PUSH_SERVICES"))}
	if err := checkVAPID(c.Push.PublicKey, c.Push.PrivateKey); err != nil {
		fail("IGNITION_VAPID_PUBLIC_KEY", err)
	}
	switch {
	case c.Push.Subject == "" && len(c.AdminEmails) > 0:
		c.Push.Subject = "mailto:" + c.AdminEmails[0]
	case c.Push.Subject == "" && base != nil && base.Scheme == "https":
		c.Push.Subject = base.String()
	case c.Push.Subject == "" && base != nil:
		c.Push.Subject = "mailto:push@" + base.Hostname()
	case !strings.HasPrefix(c.Push.Subject, "mailto:") && !strings.HasPrefix(c.Push.Subject, "https://"):
		fail("IGNITION_VAPID_SUBJECT", fmt.Errorf("must be a mailto: or https: URL"))
	}
	for _, s := range c.Push.Services {
		if err := checkPushService(s); err != nil {
			fail("IGNITION_PUSH_SERVICES", err)
		}
	}
	c.AutoApprove = list(get("IGNITION_AUTO_APPROVE_DOMAINS"))

	pair := func(prefix string) (id, secret string) {
		id, secret = getenv(prefix+"_CLIENT_ID"), getenv(prefix+"_CLIENT_SECRET")
		if (id == "") != (secret == "") {
			fail(prefix+"_CLIENT_ID", fmt.Errorf("set both the client ID and the client secret, or neither"))
		}
		return strings.TrimSpace(id), strings.TrimSpace(secret)
	}
	if id, secret := pair("IGNITION_GOOGLE"); id != "" && secret != "" {
		c.Providers = append(c.Providers, Provider{ID: "google", Name: "Google", Issuer: "https://accounts.google.com", ClientID: id, ClientSecret: secret})
	}
	if id, secret := pair("IGNITION_MICROSOFT"); id != "" && secret != "" {
		tenant := get("IGNITION_MICROSOFT_TENANT")
		multi := tenant == "common" || tenant == "organizations" || tenant == "consumers"
		c.Providers = append(c.Providers, Provider{ID: "microsoft", Name: "Microsoft", ClientID: id, ClientSecret: secret,
			Issuer: "https://login.microsoftonline.com/" + tenant + "/v2.0", AnyTenantIssuer: multi})
	}
	if issuer := get("IGNITION_OIDC_ISSUER"); issuer != "" {
		id, secret := pair("IGNITION_OIDC")
		if id == "" {
			fail("IGNITION_OIDC_CLIENT_ID", fmt.Errorf("required with IGNITION_OIDC_ISSUER"))
		}
		if u, err := url.Parse(issuer); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			fail("IGNITION_OIDC_ISSUER", fmt.Errorf("must be an absolute http or https URL"))
		}
		slug := get("IGNITION_OIDC_ID")
		if slug == "google" || slug == "microsoft" || !validSlug(slug) {
			fail("IGNITION_OIDC_ID", fmt.Errorf("must be lower-case letters, digits or dashes, and not google or microsoft"))
		}
		c.Providers = append(c.Providers, Provider{ID: slug, Name: get("IGNITION_OIDC_NAME"), Issuer: issuer, ClientID: id, ClientSecret: secret})
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("config: %s", strings.Join(errs, "; "))
	}
	return c, nil
}

// IsAdmin reports whether email is an administrator's.
func (c *Config) IsAdmin(email string) bool {
	return slices.Contains(c.AdminEmails, strings.ToLower(email))
}

// AutoApproves reports whether a new account with this email skips the
// approval queue: an administrator, or an email on an auto-approved domain.
func (c *Config) AutoApproves(email string) bool {
	at := strings.LastIndex(email, "@")
	return c.IsAdmin(email) || at >= 0 && slices.Contains(c.AutoApprove, strings.ToLower(email[at+1:]))
}

// list splits a comma-separated setting into lower-case items.
func list(v string) []string {
	var out []string
	for _, item := range strings.Split(v, ",") {
		if item = strings.ToLower(strings.TrimSpace(item)); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// checkVAPID checks a configured VAPID key pair: both or neither, the
// public key an uncompressed P-256 point, the private key 32 bytes.
func checkVAPID(public, private string) error {
	if public == "" && private == "" {
		return nil
	}
	pub, err1 := base64.RawURLEncoding.DecodeString(strings.TrimRight(public, "="))
	priv, err2 := base64.RawURLEncoding.DecodeString(strings.TrimRight(private, "="))
	if err1 != nil || err2 != nil || len(pub) != 65 || pub[0] != 4 || len(priv) != 32 {
		return fmt.Errorf("set both IGNITION_VAPID_PUBLIC_KEY (65 bytes) and IGNITION_VAPID_PRIVATE_KEY (32 bytes), base64url, or neither")
	}
	return nil
}

// checkPushService checks one entry of IGNITION_PUSH_SERVICES: a host name,
// maybe with a leading "*.", or an origin with no path.
func checkPushService(s string) error {
	if strings.Contains(s, "://") {
		u, err := url.Parse(s)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") {
			return fmt.Errorf("%q must be a host name or an http(s) origin with no path", s)
		}
		return nil
	}
	if !regexp.MustCompile(`^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$`).MatchString(s) {
		return fmt.Errorf("%q must be a host name or an http(s) origin with no path", s)
	}
	return nil
}

func validSlug(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return s != ""
}

// SecureCookies reports whether cookies must carry the Secure flag: always,
// unless the app is served over plain http on a loopback host.
func (c *Config) SecureCookies() bool {
	return c.BaseURL.Scheme == "https" || !isLoopbackHost(c.BaseURL.Hostname())
}

// PasskeysEnabled reports whether passkeys can work here: WebAuthn binds
// them to a domain name, so an app served at an IP address cannot use them.
func (c *Config) PasskeysEnabled() bool {
	return net.ParseIP(c.BaseURL.Hostname()) == nil
}

// DevSignIn reports whether the development sign-in form is enabled: only in
// development, and only while the server listens on a loopback address.
func (c *Config) DevSignIn() bool {
	host, _, err := net.SplitHostPort(c.Addr)
	return err == nil && c.Env == "development" && isLoopbackHost(host)
}

func isLoopbackHost(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
