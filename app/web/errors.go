package web

import (
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

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
	http.StatusServiceUnavailable:    {"Unavailable", "The service is starting or shutting down. Try again shortly."},
}

// HandleError is echo's error handler: every error becomes a styled page
// with the right status, and only server faults are logged as errors.
func HandleError(logger *slog.Logger) echo.HTTPErrorHandler {
	return func(err error, c echo.Context) {
		if c.Response().Committed {
			return
		}
		status := http.StatusInternalServerError
		var he *echo.HTTPError
		if errors.As(err, &he) {
			status = he.Code
		}
		if errors.Is(err, middleware.ErrCSRFInvalid) {
			status = http.StatusForbidden
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
		if status >= 500 {
			logger.Error("request failed", "request_id", RequestID(c), "route", c.Path(), "error", err.Error())
		}
		if c.Request().Method == http.MethodHead {
			_ = c.NoContent(status)
			return
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
