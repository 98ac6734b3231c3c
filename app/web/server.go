package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"ignition/app/config"
	"ignition/app/static"
)

// Pinger is what readiness checks: the database.
type Pinger interface {
	Ping(ctx context.Context) error
}

// Plumbing are the routes anyone may reach that read no session: health,
// metrics and assets.
var Plumbing = []string{"/healthz", "/readyz", "/metrics", static.Prefix + "*", static.ServiceWorkerURL, static.ManifestURL}

// NewEcho builds the echo instance with the middleware chain, the health and
// metrics endpoints and the static assets. Domains add their routes to it.
func NewEcho(cfg *config.Config, logger *slog.Logger, db Pinger, metrics *Metrics) *echo.Echo {
	e := echo.New()
	e.HideBanner = true
	e.HidePort = true
	e.HTTPErrorHandler = HandleError(logger)
	e.IPExtractor = ipExtractor(cfg.TrustedProxies)

	devSignIn := cfg.DevSignIn()
	e.Pre(requestID)
	e.Pre(mobileShell)
	e.Use(accessLog(logger, metrics))
	e.Use(recoverPanics(logger))
	objectOrigin := ""
	if cfg.S3.Enabled() {
		objectOrigin = cfg.S3.PublicEndpoint.Scheme + "://" + cfg.S3.PublicEndpoint.Host
	}
	e.Use(securityHeaders(cfg.BaseURL.Scheme == "https", ContentSecurityPolicy(objectOrigin)))
	e.Use(deadline(cfg.RequestTimeout, LiveURL))
	e.Use(celebrations)
	e.Use(middleware.BodyLimit(fmt.Sprintf("%dB", cfg.BodyLimit)))
	e.Use(wellFormedInput(cfg.BodyLimit))
	e.Use(middleware.GzipWithConfig(middleware.GzipConfig{
		// A response that fits the first TCP round trip (an initial window of
		// ten segments, about 14 KB) arrives no sooner compressed, so only
		// larger ones pay for compression, at the fastest level.
		Level:     1,
		MinLength: 14 * 1024,
		Skipper: func(c echo.Context) bool {
			// Assets are precompressed; metrics compress themselves; a
			// stream cannot wait for a compressor's buffer to fill.
			return strings.HasPrefix(c.Request().URL.Path, static.Prefix) || c.Request().URL.Path == "/metrics" || c.Request().URL.Path == LiveURL
		},
	}))
	e.Use(csrf(csrfCookie{Domain: cfg.CookieDomain, Secure: cfg.SecureCookies(), MaxAge: cfg.SessionMax}))
	e.Use(func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			c.Set(devNoticeKey, devSignIn)
			return next(c)
		}
	})

	e.GET("/healthz", func(c echo.Context) error {
		return c.String(http.StatusOK, "ok")
	})
	e.GET("/readyz", func(c echo.Context) error {
		ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
		defer cancel()
		if err := db.Ping(ctx); err != nil {
			logger.Warn("not ready", "request_id", RequestID(c), "error", err.Error())
			return c.String(http.StatusServiceUnavailable, "database unreachable")
		}
		return c.String(http.StatusOK, "ready")
	})
	e.GET("/metrics", echo.WrapHandler(promhttp.HandlerFor(metrics.Registry, promhttp.HandlerOpts{})))
	e.GET(static.Prefix+"*", static.Default.Handler)
	e.GET(static.ServiceWorkerURL, static.Default.ServiceWorker)
	e.GET(static.ManifestURL, static.Default.Manifest)
	return e
}

// ipExtractor takes the client's address from the connection, or, behind
// the trusted proxies, from the X-Forwarded-For entries they appended:
// the nearest address that is not one of them.
func ipExtractor(trusted []*net.IPNet) echo.IPExtractor {
	if len(trusted) == 0 {
		return echo.ExtractIPDirect() // forwarded headers are client-controlled
	}
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, n := range trusted {
		opts = append(opts, echo.TrustIPRange(n))
	}
	return echo.ExtractIPFromXFFHeader(opts...)
}

// Serve listens on addr and serves handler until ctx ends, then drains
// in-flight requests for up to drain before returning.
func Serve(ctx context.Context, addr string, handler http.Handler, drain time.Duration, logger *slog.Logger, ready func(net.Addr)) error {
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("web: unable to listen on %s: %w", addr, err)
	}
	if ready != nil {
		ready(ln.Addr())
	}
	srv.RegisterOnShutdown(startDraining)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("web: server stopped: %w", err)
	case <-ctx.Done():
	}
	logger.Info("shutting down", "drain_seconds", drain.Seconds())
	shutdownCtx, cancel := context.WithTimeout(context.Background(), drain)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("web: unable to drain requests: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// LiveURL is the signed-in user's stream of changes (Server-Sent Events):
// it runs past the request deadline and the write timeout, uncompressed,
// and ends when the server starts to shut down.
const LiveURL = "/live"

var (
	draining  = make(chan struct{})
	drainOnce sync.Once
)

// Draining is closed when the server starts to shut down: streams end so
// the server can drain.
func Draining() <-chan struct{} { return draining }

func startDraining() { drainOnce.Do(func() { close(draining) }) }
