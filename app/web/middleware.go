package web

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"runtime/debug"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// UserIDKey is where the auth middleware leaves the signed-in user's ID for
// the access log.
const UserIDKey = "web.user_id"

// contentSecurityPolicy allows only same-origin scripts and styles: no
// inline code, no eval.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; " +
	"base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// securityHeaders sets the headers every response carries.
func securityHeaders(hsts bool) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			h := c.Response().Header()
			h.Set("Content-Security-Policy", contentSecurityPolicy)
			h.Set("X-Content-Type-Options", "nosniff")
			h.Set("X-Frame-Options", "DENY")
			h.Set("Referrer-Policy", "same-origin")
			h.Set("Cross-Origin-Opener-Policy", "same-origin")
			h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
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

// Metrics are the Prometheus collectors of one server.
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
			Name: "ignition_http_requests_total", Help: "HTTP requests by method, route and status.",
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

// accessLog logs one line per request and records its metrics. It logs an
// allowlist of fields only: never the query string, a header, a cookie or
// anything from the body.
func accessLog(logger *slog.Logger, m *Metrics) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			start := time.Now()
			err := next(c)
			if err != nil {
				c.Error(err)
			}
			elapsed := time.Since(start)
			route := c.Path()
			if route == "" || c.Response().Status == http.StatusNotFound && route == "/*" {
				route = "unmatched"
			}
			status := c.Response().Status
			m.requests.WithLabelValues(c.Request().Method, route, strconv.Itoa(status)).Inc()
			m.duration.WithLabelValues(c.Request().Method, route).Observe(elapsed.Seconds())
			attrs := []any{
				"request_id", RequestID(c),
				"method", c.Request().Method,
				"route", route,
				"status", status,
				"duration_ms", float64(elapsed.Microseconds()) / 1000,
				"bytes_out", c.Response().Size,
			}
			if uid, ok := c.Get(UserIDKey).(string); ok {
				attrs = append(attrs, "user_id", uid)
			}
			logger.Info("request", attrs...)
			return nil
		}
	}
}

// parseForms reads url-encoded bodies up front so that a malformed one is
// answered 400 (and an oversized one 413) before any handler sees a
// half-parsed form.
func parseForms(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if r.Method == http.MethodGet || r.Method == http.MethodHead || !strings.HasPrefix(r.Header.Get(echo.HeaderContentType), echo.MIMEApplicationForm) {
			return next(c)
		}
		if err := r.ParseForm(); err != nil {
			if errors.Is(err, echo.ErrStatusRequestEntityTooLarge) {
				return err
			}
			return echo.NewHTTPError(http.StatusBadRequest, "malformed form")
		}
		if !wellFormed(r.Form) {
			return echo.NewHTTPError(http.StatusBadRequest, "malformed form")
		}
		return next(c)
	}
}

// wellFormedParams answers 404 for a path whose parameters are not valid
// text: such a path names nothing.
func wellFormedParams(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		for _, v := range c.ParamValues() {
			if !validText(v) {
				return echo.ErrNotFound
			}
		}
		return next(c)
	}
}

// wellFormed reports whether every name and value of form is valid text.
func wellFormed(form url.Values) bool {
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
