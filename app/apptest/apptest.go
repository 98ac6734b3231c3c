// Package apptest drives the assembled application in-process for handler
// tests: a fresh database, a fluent request builder, a cookie jar per client
// and responses parsed as HTML.
package apptest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/jackc/pgx/v5/pgxpool"

	"ignition/app/config"
	"ignition/app/objectstest"
	"ignition/app/oidctest"
	"ignition/app/seed"
	"ignition/app/server"
	"ignition/app/testdb"
	"ignition/app/testutil"
)

// Env is one running application on its own database.
type Env struct {
	T      testing.TB
	App    *server.App
	Pool   *pgxpool.Pool
	Config *config.Config
	Server *httptest.Server
	logs   *testutil.SyncBuffer
}

// New starts the application on a fresh database with development defaults;
// set overrides single settings.
func New(t testing.TB, set ...func(name string) string) *Env {
	t.Helper()
	return start(t, nil, set)
}

// NewWithDex is New with a real OpenID Connect provider (Dex) configured as
// the provider "dex".
func NewWithDex(t testing.TB, set ...func(name string) string) (*Env, *oidctest.Dex) {
	t.Helper()
	var dex *oidctest.Dex
	env := start(t, func(baseURL string) map[string]string {
		dex = oidctest.Start(t, baseURL+"/auth/callback/dex")
		return dex.Env()
	}, set)
	return env, dex
}

// NewWithObjects is New with a real S3-compatible object store
// (versitygw), its bucket made and open to the app's origin.
func NewWithObjects(t testing.TB, set ...func(name string) string) (*Env, *objectstest.Server) {
	t.Helper()
	store := objectstest.StartT(t)
	env := start(t, func(string) map[string]string { return store.Env() }, set)
	if err := env.App.Objects.Ensure(t.Context(), env.URL()); err != nil {
		t.Fatal(err)
	}
	return env, store
}

// start builds the app on a fresh database. Its pool holds one connection
// unless a test sets IGNITION_DB_POOL_SIZE: a request that takes a second
// connection while it holds one (say, inside a transaction) then waits
// until its deadline and fails the test with a 503, instead of passing here
// and stalling every user in production under load. The test's own
// statements (on the same pool) may run 30 s, not the app's 5 s: under the
// race detector beside the other packages a trivial one has taken longer,
// while a request still ends at its deadline.
func start(t testing.TB, provider func(baseURL string) map[string]string, set []func(string) string) *Env {
	t.Helper()
	srv := httptest.NewUnstartedServer(nil)
	// localhost, not the IP: passkeys need a domain name.
	baseURL := fmt.Sprintf("http://localhost:%d", srv.Listener.Addr().(*net.TCPAddr).Port)
	defaults := map[string]string{"IGNITION_ENV": "development", "IGNITION_BASE_URL": baseURL, "IGNITION_SIGNIN_RATE": "1000", "IGNITION_DB_POOL_SIZE": "1",
		"IGNITION_DB_STATEMENT_TIMEOUT": "30s"}
	if provider != nil {
		for k, v := range provider(baseURL) {
			defaults[k] = v
		}
	}
	cfg, err := config.Parse(func(name string) string {
		for _, f := range set {
			if v := f(name); v != "" {
				return v
			}
		}
		return defaults[name]
	})
	if err != nil {
		t.Fatal(err)
	}
	pool := testdb.NewPool(t, cfg.DB)
	logs := &testutil.SyncBuffer{}
	logger := slog.New(slog.NewJSONHandler(logs, nil))
	app, err := server.New(cfg, pool, logger)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(app.Close) // runs after the server below has closed
	if _, err := seed.Run(t.Context(), pool, app.Seeds()...); err != nil {
		t.Fatal(err)
	}
	srv.Config.Handler = app.Handler
	srv.Start()
	t.Cleanup(srv.Close)
	return &Env{T: t, App: app, Pool: pool, Config: cfg, Server: srv, logs: logs}
}

// URL is the app's base URL (localhost, as a browser would use it).
func (e *Env) URL() string { return strings.TrimSuffix(e.Config.BaseURL.String(), "/") }

// Logs returns everything the application has logged so far.
func (e *Env) Logs() string { return e.logs.String() }

// Client is a browser-like visitor with its own cookies.
type Client struct {
	env  *Env
	http *http.Client
}

// Client returns a new visitor with an empty cookie jar.
func (e *Env) Client() *Client {
	jar, _ := cookiejar.New(nil)
	app := e.Server.Listener.Addr().String()
	appHost := e.Config.BaseURL.Host
	if e.Config.BaseURL.Port() == "" {
		appHost += map[string]string{"http": ":80", "https": ":443"}[e.Config.BaseURL.Scheme]
	}
	dialer := &net.Dialer{}
	return &Client{env: e, http: &http.Client{
		Jar: jar,
		// The app's own host goes to this app; other hosts (the provider)
		// must be loopback addresses: nothing leaves the machine.
		Transport: &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			if addr == appHost {
				return dialer.DialContext(ctx, network, app)
			}
			host, _, _ := net.SplitHostPort(addr)
			if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
				return nil, fmt.Errorf("apptest: refusing to dial %s outside loopback", addr)
			}
			return dialer.DialContext(ctx, network, addr)
		}},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// WithT returns the same visitor (same cookies) reporting to t: a fuzz
// target or subtest must not fail through its parent.
func (c *Client) WithT(t testing.TB) *Client {
	env := *c.env
	env.T = t
	return &Client{env: &env, http: c.http}
}

// SignIn returns a client signed in through the development sign-in as the
// user with this email.
func (e *Env) SignIn(email, name string) *Client {
	e.T.Helper()
	c := e.Client()
	resp := c.Post("/signin/dev").Form("email", email, "name", name).Do()
	resp.AssertStatus(http.StatusSeeOther)
	return c
}

// CSRF returns the client's CSRF token (the value of its CSRF cookie),
// making a first request to get one if needed.
func (c *Client) CSRF() string {
	c.env.T.Helper()
	u, _ := url.Parse(c.env.URL())
	for attempt := 0; attempt < 2; attempt++ {
		for _, ck := range c.http.Jar.Cookies(u) {
			if ck.Name == "ignition_csrf" {
				return ck.Value
			}
		}
		c.Get("/healthz").Do()
	}
	c.env.T.Fatal("apptest: the server set no CSRF cookie")
	return ""
}

// Request is a request under construction.
type Request struct {
	c         *Client
	method    string
	path      string
	form      url.Values
	body      io.Reader
	headers   http.Header
	csrf      bool
	multipart bool
	files     []file
}

// Get starts a GET request.
func (c *Client) Get(path string) *Request { return c.newRequest(http.MethodGet, path) }

// Post starts a POST request that carries a valid CSRF token unless told
// otherwise.
func (c *Client) Post(path string) *Request {
	r := c.newRequest(http.MethodPost, path)
	r.csrf = true
	return r
}

// Method starts a request with any method, without a CSRF token (a POST
// needs Post).
func (c *Client) Method(method, path string) *Request { return c.newRequest(method, path) }

func (c *Client) newRequest(method, path string) *Request {
	return &Request{c: c, method: method, path: path, headers: http.Header{}, form: url.Values{}}
}

// Form adds name/value pairs to the form body.
func (r *Request) Form(pairs ...string) *Request {
	for i := 0; i+1 < len(pairs); i += 2 {
		r.form.Add(pairs[i], pairs[i+1])
	}
	return r
}

// RawBody sends body as-is with the form content type.
func (r *Request) RawBody(body string) *Request {
	r.body = strings.NewReader(body)
	return r
}

// JSON sends v as a JSON body, as the encryption island does: its CSRF token
// goes in the X-CSRF-Token header.
func (r *Request) JSON(v any) *Request {
	b, err := json.Marshal(v)
	if err != nil {
		r.c.env.T.Fatal(err)
	}
	r.body = bytes.NewReader(b)
	r.headers.Set("Content-Type", "application/json")
	r.headers.Set("Accept", "application/json")
	if r.csrf {
		r.headers.Set("X-CSRF-Token", r.c.CSRF())
	}
	return r
}

// Multipart sends the form as multipart/form-data, as a browser does for a
// form with a file field.
func (r *Request) Multipart() *Request { r.multipart = true; return r }

// file is a file field of a multipart form.
type file struct {
	field, name string
	body        []byte
}

// File adds a file to the form, sent as multipart/form-data.
func (r *Request) File(field, name string, body []byte) *Request {
	r.multipart = true
	r.files = append(r.files, file{field, name, body})
	return r
}

// HTMX marks the request as an htmx request.
func (r *Request) HTMX() *Request { r.headers.Set("HX-Request", "true"); return r }

// Header sets a request header.
func (r *Request) Header(name, value string) *Request { r.headers.Set(name, value); return r }

// NoCSRF sends the request without a CSRF token.
func (r *Request) NoCSRF() *Request { r.csrf = false; return r }

// Do sends the request.
func (r *Request) Do() *Response {
	t := r.c.env.T
	t.Helper()
	if r.csrf && r.form.Get("_csrf") == "" && r.headers.Get("X-CSRF-Token") == "" {
		r.form.Set("_csrf", r.c.CSRF())
	}
	body, contentType := r.body, "application/x-www-form-urlencoded"
	switch {
	case body == nil && r.multipart:
		var b bytes.Buffer
		w := multipart.NewWriter(&b)
		for name, values := range r.form {
			for _, v := range values {
				if err := w.WriteField(name, v); err != nil {
					t.Fatal(err)
				}
			}
		}
		for _, f := range r.files {
			part, err := w.CreateFormFile(f.field, f.name)
			if err == nil {
				_, err = part.Write(f.body)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		body, contentType = &b, w.FormDataContentType()
	case body == nil && r.method != http.MethodGet && r.method != http.MethodHead:
		body = strings.NewReader(r.form.Encode())
	}
	req, err := http.NewRequest(r.method, r.c.env.URL()+r.path, body)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil && r.headers.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", contentType)
	}
	for k, v := range r.headers {
		req.Header[k] = v
	}
	resp, err := r.c.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return &Response{T: t, Response: resp, Body: b}
}

// Response is a received response.
type Response struct {
	T testing.TB
	*http.Response
	Body []byte
	doc  *goquery.Document
}

// Doc parses the body as HTML.
func (r *Response) Doc() *goquery.Document {
	r.T.Helper()
	if r.doc == nil {
		doc, err := goquery.NewDocumentFromReader(bytes.NewReader(r.Body))
		if err != nil {
			r.T.Fatalf("apptest: body is not HTML: %v", err)
		}
		r.doc = doc
	}
	return r.doc
}

// AssertStatus fails the test unless the status is want.
func (r *Response) AssertStatus(want int) *Response {
	r.T.Helper()
	if r.StatusCode != want {
		r.T.Fatalf("%s %s: status %d, want %d\n%s", r.Request.Method, r.Request.URL.Path, r.StatusCode, want, r.Body)
	}
	return r
}

// AssertRedirect fails the test unless the response redirects to location.
func (r *Response) AssertRedirect(location string) *Response {
	r.T.Helper()
	got := r.Header.Get("Location")
	if got == "" {
		got = r.Header.Get("HX-Redirect")
	}
	if got != location {
		r.T.Fatalf("%s %s: redirect to %q, want %q (status %d)", r.Request.Method, r.Request.URL.Path, got, location, r.StatusCode)
	}
	return r
}

// Text returns the trimmed text of the first element matching selector.
func (r *Response) Text(selector string) string {
	return strings.TrimSpace(r.Doc().Find(selector).First().Text())
}

// AssertText fails the test unless the first element matching selector
// contains want.
func (r *Response) AssertText(selector, want string) *Response {
	r.T.Helper()
	sel := r.Doc().Find(selector)
	if sel.Length() == 0 {
		r.T.Fatalf("%s %s: no element matches %q", r.Request.Method, r.Request.URL.Path, selector)
	}
	if got := strings.TrimSpace(sel.First().Text()); !strings.Contains(got, want) {
		r.T.Fatalf("%s %s: %q has text %q, want it to contain %q", r.Request.Method, r.Request.URL.Path, selector, got, want)
	}
	return r
}

// Attr returns an attribute of the first element matching selector.
func (r *Response) Attr(selector, name string) (string, bool) {
	return r.Doc().Find(selector).First().Attr(name)
}

// Cookies returns the cookies the client holds for u.
func (c *Client) Cookies(u *url.URL) []*http.Cookie { return c.http.Jar.Cookies(u) }

// CookieHeader returns the client's cookies for the app as a Cookie header,
// for requests sent straight to the handler.
func (c *Client) CookieHeader() string {
	u, _ := url.Parse(c.env.URL())
	var parts []string
	for _, ck := range c.http.Jar.Cookies(u) {
		parts = append(parts, ck.Name+"="+ck.Value)
	}
	return strings.Join(parts, "; ")
}

// HTTP returns the client's underlying HTTP client (it shares the cookie
// jar and does not follow redirects).
func (c *Client) HTTP() *http.Client { return c.http }

// Cookie returns the value of the client's cookie named name, or "".
func (c *Client) Cookie(name string) string {
	u, _ := url.Parse(c.env.URL())
	for _, ck := range c.http.Jar.Cookies(u) {
		if ck.Name == name {
			return ck.Value
		}
	}
	return ""
}

// With overrides settings by name and value, for New: With("IGNITION_DB_POOL_SIZE", "4").
func With(pairs ...string) func(name string) string {
	return func(name string) string {
		for i := 0; i+1 < len(pairs); i += 2 {
			if pairs[i] == name {
				return pairs[i+1]
			}
		}
		return ""
	}
}

// DatabaseURL is the connection string of the app's database, for tests
// that need a connection of their own beside the app's pool.
func (e *Env) DatabaseURL() string { return e.Pool.Config().ConnString() }
