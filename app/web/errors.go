package web

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/labstack/echo/v4"

	"ignition/views/errorpage"
)

var errorTexts = map[int][2]string{
	http.StatusBadRequest:            {"Bad request", "The request could not be understood. Check what you entered and try again."},
	http.StatusForbidden:             {"Not allowed", "This form has expired or did not come from this site. Reload the page and try again."},
	http.StatusNotFound:              {"Page not found", "There is nothing at this address. It may have moved, or it was never here."},
	http.StatusMethodNotAllowed:      {"Not allowed", "This address does not accept that kind of request."},
	http.StatusConflict:              {"Not possible now", "That cannot be done in the item's current state. Reload the page to see where it stands."},
	http.StatusRequestEntityTooLarge: {"Too large", "What you sent is larger than this app accepts. Nothing was saved."},
	http.StatusUnsupportedMediaType:  {"Unsupported content", "This address does not accept that kind of content."},
	http.StatusLocked:                {"Vault locked", "Unlock your vault to change encrypted content. Nothing was saved."},
	http.StatusTooManyRequests:       {"Too many attempts", "Wait a minute, then try again."},
	http.StatusServiceUnavailable:    {"Unavailable right now", "The app could not answer in time. Nothing was lost: try again in a few seconds."},
}

// retryAfter is how many seconds a 503 asks the client to wait.
const retryAfter = "5"

// HandleError is echo's error handler: every error becomes a styled page
// with the right status, and only server faults are logged as errors.
func HandleError(logger *slog.Logger) echo.HTTPErrorHandler {
	return func(err error, c echo.Context) {
		if c.Response().Committed {
			return
		}
		status := http.StatusInternalServerError
		var he *echo.HTTPError
		switch {
		case errors.As(err, &he):
			status = he.Code
		case Unavailable(err):
			status = http.StatusServiceUnavailable
		}
		text, known := errorTexts[status]
		if !known {
			switch {
			case status >= 500:
				status = http.StatusInternalServerError
				text = [2]string{"Something went wrong", "The error was on our side and has been logged. Try again in a moment."}
			default:
				text = errorTexts[http.StatusBadRequest]
			}
		}
		switch {
		case status == http.StatusServiceUnavailable:
			c.Response().Header().Set("Retry-After", retryAfter)
			logger.Warn("request unavailable", "request_id", RequestID(c), "route", c.Path(), "error", err.Error())
		case status >= 500:
			logger.Error("request failed", "request_id", RequestID(c), "route", c.Path(), "error", err.Error())
		}
		page := errorpage.Error{Status: status, Title: text[0], Message: text[1], RequestID: RequestID(c), SignedIn: CurrentViewer(c) != nil}
		if status == http.StatusTooManyRequests && he != nil {
			if secs, ok := he.Message.(int); ok {
				c.Response().Header().Set("Retry-After", strconv.Itoa(secs))
			}
		}
		var renderErr error
		if page.SignedIn {
			renderErr = Render(c, status, text[0], errorpage.Page(page))
		} else {
			renderErr = RenderBare(c, status, text[0], errorpage.Page(page))
		}
		if renderErr != nil {
			logger.Error("error page failed", "request_id", RequestID(c), "error", renderErr.Error())
		}
	}
}

// Unavailable reports whether err means the database could not answer in
// time or at all (down, restarting, out of connections, a statement or
// lock wait past its timeout, the request's deadline): the request may
// succeed if tried again, so it is a 503, not a fault of the app's.
func Unavailable(err error) bool {
	var connect *pgconn.ConnectError // whatever Postgres said while refusing
	if errors.As(err, &connect) || errors.Is(err, context.DeadlineExceeded) || pgconn.Timeout(err) || errors.Is(err, io.ErrUnexpectedEOF) {
		return true
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "55P03", // lock_not_available: lock_timeout
			"40001", // serialization_failure
			"40P01", // deadlock_detected
			"53300": // too_many_connections
			return true
		}
		// Connection exceptions (08) and operator intervention (57: a
		// statement timeout, shutdown, restart, cannot connect now).
		return strings.HasPrefix(pgErr.Code, "08") || strings.HasPrefix(pgErr.Code, "57")
	}
	var netErr net.Error
	return errors.As(err, &netErr) || pgconn.SafeToRetry(err)
}
