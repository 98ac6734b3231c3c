package web

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"ignition/app/static"
)

// CSRFCookieName is the cookie that holds the browser's CSRF token.
const CSRFCookieName = "ignition_csrf"

// CSRFHeader is the request header htmx sends the token in.
const CSRFHeader = "X-CSRF-Token"

// errCSRF is the refusal of a state-changing request without the token.
var errCSRF = echo.NewHTTPError(http.StatusForbidden, "csrf")

// csrfCookie is how the token cookie is set.
type csrfCookie struct {
	Domain string
	Secure bool
	MaxAge time.Duration
}

const csrfCookieKey = "web.csrf_cookie"

// csrf refuses every state-changing request that does not carry the
// browser's token (a random value in an HttpOnly cookie, repeated by pages
// in their forms and in htmx's header) in the X-CSRF-Token header or the
// form body, never the query string, which ends up in logs and history.
// A browser that says the request comes from another site is refused even
// with the token.
func csrf(cookie csrfCookie) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			r := c.Request()
			if strings.HasPrefix(r.URL.Path, static.Prefix) {
				return next(c)
			}
			c.Set(csrfCookieKey, cookie)
			token := ""
			if ck, err := r.Cookie(CSRFCookieName); err == nil && validToken(ck.Value) {
				token = ck.Value
			}
			switch r.Method {
			case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace:
				if token == "" {
					RotateCSRF(c)
					return next(c)
				}
			default:
				if site := r.Header.Get("Sec-Fetch-Site"); site == "cross-site" || site == "same-site" {
					return errCSRF
				}
				sent := r.Header.Get(CSRFHeader)
				if sent == "" {
					sent = r.PostFormValue("_csrf") // the body only: PostForm excludes the query
				}
				if token == "" || subtle.ConstantTimeCompare([]byte(sent), []byte(token)) != 1 {
					return errCSRF
				}
			}
			c.Set(csrfKey, token)
			return next(c)
		}
	}
}

// RotateCSRF gives the browser a fresh token, for the rest of this request's
// page and for the next ones. Sign-in and sign-out call it, so a token seen
// before either is worthless after it.
func RotateCSRF(c echo.Context) {
	cookie, ok := c.Get(csrfCookieKey).(csrfCookie)
	if !ok {
		return // no CSRF middleware on this route
	}
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	token := base64.RawURLEncoding.EncodeToString(b)
	c.SetCookie(&http.Cookie{
		Name: CSRFCookieName, Value: token, Path: "/", Domain: cookie.Domain,
		MaxAge: int(cookie.MaxAge.Seconds()), Secure: cookie.Secure, HttpOnly: true, SameSite: http.SameSiteLaxMode,
	})
	c.Set(csrfKey, token)
}

// validToken reports whether t has the shape RotateCSRF gives tokens.
func validToken(t string) bool {
	b, err := base64.RawURLEncoding.DecodeString(t)
	return err == nil && len(b) == 32
}
