package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"ignition/app/store"
)

// UserIDKey is where the auth middleware leaves the signed-in user's ID for
// the access log.
const UserIDKey = "web.user_id"

// ContentSecurityPolicy allows only same-origin scripts and styles (no
// inline code, no eval); the browser may also talk to the object store
// (objectOrigin, "" for none) for encrypted files, and play media it
// decrypted into blob: URLs.
func ContentSecurityPolicy(objectOrigin string) string {
	connect := "'self'"
	if objectOrigin != "" {
		connect += " " + objectOrigin
	}
	return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self' blob:; " +
		"font-src 'self'; connect-src " + connect + "; manifest-src 'self'; worker-src 'self'; object-src 'none'; " +
		"base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
}

// securityHeaders sets the headers every response carries. The microphone
// is the app's own, for voice memos.
func securityHeaders(hsts bool, csp string) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			h := c.Response().Header()
			h.Set("Content-Security-Policy", csp)
			h.Set("X-Content-Type-Options", "nosniff")
			h.Set("X-Frame-Options", "DENY")
			h.Set("Referrer-Policy", "same-origin")
			h.Set("Cross-Origin-Opener-Policy", "same-origin")
			h.Set("Permissions-Policy", "camera=(), microphone=(self), geolocation=(), payment=()")
			if hsts {
				h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
			}
			return next(c)
		}
	}
}

// requestID gives every request a fresh random ID. A client-sent ID is
// ignored so that nothing the client chooses reaches the logs.
func requestID(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		b := make([]byte, 8)
		_, _ = rand.Read(b)
		id := hex.EncodeToString(b)
		c.Set(requestIDKey, id)
		c.Response().Header().Set(echo.HeaderXRequestID, id)
		return next(c)
	}
}

// recoverPanics turns a panic into a 500 page and logs where it happened.
func recoverPanics(logger *slog.Logger) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) (err error) {
			defer func() {
				if r := recover(); r != nil {
					if r == http.ErrAbortHandler {
						panic(r)
					}
					logger.Error("panic", "request_id", RequestID(c), "route", c.Path(), "stack", string(debug.Stack()))
					err = echo.NewHTTPError(http.StatusInternalServerError, fmt.Sprintf("panic: %T", r))
				}
			}()
			return next(c)
		}
	}
}

// Metrics are the Prometheus collectors of one server. Every label comes
// from a closed set (known methods, route patterns, status classes), so no
// client can grow the number of series.
type Metrics struct {
	Registry *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

// NewMetrics registers the request counters and latency histograms.
func NewMetrics() *Metrics {
	m := &Metrics{
		Registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "ignition_http_requests_total", Help: "HTTP requests by method, route and status class.",
		}, []string{"method", "route", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "ignition_http_request_duration_seconds",
			Help:    "HTTP request latency by method and route.",
			Buckets: []float64{.001, .0025, .005, .01, .02, .05, .1, .25, .5, 1, 2.5},
		}, []string{"method", "route"}),
	}
	m.Registry.MustRegister(m.requests, m.duration)
	m.Registry.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// knownMethods are the methods metrics and logs name; any other is "other".
var knownMethods = []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodOptions}

// methodLabel names the request's method from the closed set.
func methodLabel(c echo.Context) string {
	if head, _ := c.Request().Context().Value(headKey{}).(bool); head {
		return http.MethodHead
	}
	if m := c.Request().Method; slices.Contains(knownMethods, m) {
		return m
	}
	return "other"
}

// StatusClientClosed is the status the access log gives a request whose
// client went away before it was answered (nginx's 499).
const StatusClientClosed = 499

// accessLog logs one line per request and records its metrics. It logs an
// allowlist of fields only: never the query string, a header, a cookie or
// anything from the body.
func accessLog(logger *slog.Logger, m *Metrics) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			start := time.Now()
			r := c.Request()
			client := r.Context() // the connection's, before any deadline
			counted, roundTrips := store.CountRoundTrips(client)
			c.SetRequest(r.WithContext(counted))
			err := next(c)
			status := c.Response().Status
			switch gone := client.Err() != nil && !c.Response().Committed; {
			case gone:
				status = StatusClientClosed // nobody is left to read an error page
			case err != nil:
				c.Error(err)
				status = c.Response().Status
			}
			elapsed := time.Since(start)
			route := c.Path()
			if route == "" || status == http.StatusNotFound && route == "/*" {
				route = "unmatched"
			}
			method := methodLabel(c)
			m.requests.WithLabelValues(method, route, strconv.Itoa(status/100)+"xx").Inc()
			m.duration.WithLabelValues(method, route).Observe(elapsed.Seconds())
			attrs := []any{
				"request_id", RequestID(c),
				"method", method,
				"route", route,
				"status", status,
				"duration_ms", float64(elapsed.Microseconds()) / 1000,
				"bytes_out", c.Response().Size,
				"db_round_trips", roundTrips.Load(),
			}
			if uid, ok := c.Get(UserIDKey).(string); ok {
				attrs = append(attrs, "user_id", uid)
			}
			logger.Info("request", attrs...)
			return nil
		}
	}
}

// headKey marks, in a request's context, a HEAD answered as GET.
type headKey struct{}

// HeadAsGet answers HEAD as GET without a body: echo routes a copy of the
// request as a GET, while net/http, which still knows the request as HEAD,
// drops the body the handler writes and keeps its length.
func HeadAsGet(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodHead {
			next.ServeHTTP(w, r)
			return
		}
		get := r.WithContext(context.WithValue(r.Context(), headKey{}, true))
		get.Method = http.MethodGet
		next.ServeHTTP(w, get)
	})
}

// deadline gives the request, and with it every database call it makes, at
// most d: past it the call is cancelled and the request ends with a 503.
// The stream at path stream is the exception: it ends on its own clock.
func deadline(d time.Duration, stream string) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			r := c.Request()
			if c.Path() == stream {
				return next(c)
			}
			ctx, cancel := context.WithTimeout(r.Context(), d)
			defer cancel()
			c.SetRequest(r.WithContext(ctx))
			defer c.SetRequest(r) // the error page renders after the deadline is gone
			return next(c)
		}
	}
}

// wellFormedInput is the one place every value a client sends is checked
// before a handler reads it: the query string and form bodies (url-encoded
// or multipart) must be valid text, or the request is a 400; a path
// parameter that is not valid text names nothing (404). The User-Agent,
// stored as a session's device, is made valid text. Postgres refuses
// invalid UTF-8 and NUL with an error, where the user should get a message.
func wellFormedInput(bodyLimit int64) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			for _, v := range c.ParamValues() {
				if !validText(v) {
					return echo.ErrNotFound
				}
			}
			r := c.Request()
			query, err := url.ParseQuery(r.URL.RawQuery)
			if err != nil || !wellFormed(query) {
				return echo.NewHTTPError(http.StatusBadRequest, "malformed query")
			}
			if ua := r.Header.Get("User-Agent"); !validText(ua) {
				r.Header.Set("User-Agent", strings.ReplaceAll(strings.ToValidUTF8(ua, "\uFFFD"), "\x00", ""))
			}
			if err := parseBody(r, bodyLimit); err != nil {
				return err
			}
			if r.MultipartForm != nil {
				defer r.MultipartForm.RemoveAll()
			}
			return next(c)
		}
	}
}

// parseBody reads a form body (url-encoded or multipart) up front, so that a
// malformed one is answered 400, an oversized one 413, and one that is not
// valid text 400, before any handler sees a half-parsed form.
func parseBody(r *http.Request, limit int64) error {
	if r.Method == http.MethodGet {
		return nil
	}
	mediaType, _, _ := mime.ParseMediaType(r.Header.Get(echo.HeaderContentType))
	var err error
	switch mediaType {
	case echo.MIMEApplicationForm:
		err = r.ParseForm()
	case echo.MIMEMultipartForm:
		// Held in memory up to the body limit: nothing goes to disk.
		err = r.ParseMultipartForm(limit)
	default:
		return nil
	}
	var tooLarge *http.MaxBytesError
	switch {
	case errors.Is(err, echo.ErrStatusRequestEntityTooLarge) || errors.As(err, &tooLarge):
		return echo.ErrStatusRequestEntityTooLarge
	case err != nil, !wellFormed(r.PostForm):
		return echo.NewHTTPError(http.StatusBadRequest, "malformed form")
	}
	if mf := r.MultipartForm; mf != nil {
		if !wellFormed(mf.Value) {
			return echo.NewHTTPError(http.StatusBadRequest, "malformed form")
		}
		for name, files := range mf.File {
			for _, f := range files {
				if !validText(name) || !validText(f.Filename) {
					return echo.NewHTTPError(http.StatusBadRequest, "malformed form")
				}
			}
		}
	}
	return nil
}

// wellFormed reports whether every name and value of form is valid text.
func wellFormed(form map[string][]string) bool {
	for name, values := range form {
		if !validText(name) {
			return false
		}
		for _, v := range values {
			if !validText(v) {
				return false
			}
		}
	}
	return true
}

// validText reports whether s is valid UTF-8 without a NUL byte: what a
// browser sends, and what Postgres text can store (it refuses anything else
// with an error, where the user should get a message).
func validText(s string) bool { return utf8.ValidString(s) && !strings.ContainsRune(s, 0) }
